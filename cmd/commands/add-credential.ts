// `add-credential <cloud> -f <file> [--client] [--controller <c>] [--region <r>]`: Juju 3.6's
// command with a credentials file (`credentials: {<cloud>: {<name>: {auth-type: …, …}}}`);
// juju-sim keeps the cloud's credentials from it and asks nothing interactively.
import { Command } from 'commander';
import { resolve } from 'node:path';
import { JujuSimError } from '../../core/errors.js';
import { readStore, readYamlFile, writeStore } from '../client-clouds.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('add-credential')
    .description("Add credentials for a cloud to the client (kept, not used: juju-sim's models run on localhost)")
    .argument('<cloud>')
    .option('-f, --file <file>', 'a credentials file')
    .option('--client', "add to this client's credentials")
    .option('-c, --controller <controller>', 'accepted as juju takes it')
    .option('--region <region>', 'accepted as juju takes it')
    .action(async (cloud: string, opts: { file?: string }) => {
      if (opts.file === undefined) throw new JujuSimError('add-credential without a credentials file (-f) is not implemented in juju-sim');
      const path = resolve(io.cwd, opts.file);
      const all = (await readYamlFile(io, path)).credentials as Record<string, Record<string, Record<string, unknown>>> | undefined;
      const given = all?.[cloud];
      if (given === undefined || given === null || Object.keys(given).length === 0) {
        throw new JujuSimError(`no credentials for cloud ${cloud} exist in file ${path}`);
      }
      const store = await readStore(io);
      const kept = (store.credentials[cloud] ??= {});
      for (const [name, attributes] of Object.entries(given)) {
        if (name in kept) throw new JujuSimError(`credential "${name}" for cloud "${cloud}" already exists locally`);
        kept[name] = Object.fromEntries(Object.entries(attributes ?? {}).map(([key, value]) => [key, String(value)]));
        io.stderr.write(`Credential "${name}" added locally for cloud "${cloud}".\n\n`);
      }
      await writeStore(io, store);
    });
