// `remove-cloud <name> [--client] [--controller <c>]`: Juju 3.6's command. The built-in
// localhost stays; a cloud that is not there is said so, as Juju says it, and is no error.
import { Command } from 'commander';
import { readStore, scopes, writeStore } from '../client-clouds.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-cloud')
    .description('Remove a cloud from the client and/or the controller')
    .argument('<cloud>')
    .option('--client', "remove this client's copy")
    .option('-c, --controller <controller>', "remove the controller's copy")
    .action(async (name: string, opts: { client?: boolean; controller?: string }) => {
      const store = await readStore(io);
      const controller = opts.controller ?? 'juju-sim';
      for (const side of scopes(opts)) {
        const here = side === 'client' ? 'this client' : `controller "${controller}"`;
        if (name === 'localhost' && side === 'client') io.stderr.write(`Cannot remove built-in cloud "${name}" from client\n`);
        else if (!(name in store[side])) io.stderr.write(side === 'client' ? `No cloud called "${name}" exists on this client\n` : `No cloud called "${name}" exists on controller "${controller}"\n`);
        else {
          delete store[side][name];
          io.stderr.write(`Removed details of cloud "${name}" from ${here}\n`);
        }
      }
      await writeStore(io, store);
    });
