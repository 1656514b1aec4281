// `update-cloud <name> -f <file> [--client] [--controller <c>]`: Juju 3.6's command; the
// cloud's definition is replaced on the sides named (both without a flag).
import { Command } from 'commander';
import { resolve } from 'node:path';
import { JujuSimError } from '../../core/errors.js';
import { cloudFromFile, readStore, scopes, writeStore } from '../client-clouds.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('update-cloud')
    .description('Replace the definition of a cloud the client and/or the controller has')
    .argument('<cloud>')
    .option('-f <file>', 'the path to a cloud definition file')
    .option('--client', "update this client's copy")
    .option('-c, --controller <controller>', "update the controller's copy")
    .action(async (name: string, opts: { f?: string; client?: boolean; controller?: string }) => {
      if (opts.f === undefined) throw new JujuSimError(`To update cloud "${name}" on this client, a cloud definition file is required.`);
      let cloud;
      try {
        cloud = await cloudFromFile(io, name, resolve(io.cwd, opts.f));
      } catch (err) {
        throw new JujuSimError(`could not read cloud definition from provided file: ${(err as Error).message}`);
      }
      const store = await readStore(io);
      for (const side of scopes(opts)) {
        store[side][name] = cloud;
        io.stderr.write(
          side === 'client'
            ? `Cloud "${name}" updated on this client using provided file.\n`
            : `Cloud "${name}" updated on controller "${opts.controller ?? 'juju-sim'}" using provided file.\n`,
        );
      }
      await writeStore(io, store);
    });
