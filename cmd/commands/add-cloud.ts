// `add-cloud <name> [<file>] [-f <file>] [--client] [--controller <c>] [--force]`: Juju 3.6's
// command with a cloud definition file (juju-sim asks nothing interactively). The cloud is
// kept (cmd/client-clouds.ts) and shown back; nothing runs on it.
import { Command } from 'commander';
import { resolve } from 'node:path';
import { JujuSimError } from '../../core/errors.js';
import { cloudFromFile, readStore, scopes, writeStore } from '../client-clouds.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('add-cloud')
    .description('Add a cloud definition to the client and/or the controller (kept, not used: juju-sim runs on localhost)')
    .argument('<cloud>')
    .argument('[file]', 'a cloud definition file')
    .option('-f, --file <file>', 'a cloud definition file')
    .option('--client', "add to this client's clouds")
    .option('-c, --controller <controller>', "add to the controller's clouds")
    .option('--credential <credential>', 'accepted as juju takes it')
    .option('--target-controller <controller>', 'accepted as juju takes it')
    .option('--force', 'replace a cloud the client has already')
    .action(async (name: string, file: string | undefined, opts: { file?: string; client?: boolean; controller?: string; force?: boolean }) => {
      const path = opts.file ?? file;
      if (path === undefined) throw new JujuSimError('add-cloud without a cloud definition file is not implemented in juju-sim');
      const cloud = await cloudFromFile(io, name, resolve(io.cwd, path));
      const store = await readStore(io);
      for (const side of scopes(opts)) {
        if (side === 'client') {
          if (name in store.client && !opts.force) {
            throw new JujuSimError(`cloud "${name}" already exists on this client: use "update-cloud ${name} --client" or --force to replace it`);
          }
          store.client[name] = cloud;
          io.stderr.write(`Cloud "${name}" successfully added to your local client.\n`);
        } else if (name in store.controller) {
          io.stderr.write(`Cloud "${name}" already exists on the controller "${opts.controller ?? 'juju-sim'}".\n`);
        } else {
          store.controller[name] = cloud;
          io.stderr.write(`Cloud "${name}" added to controller "${opts.controller ?? 'juju-sim'}".\n`);
        }
      }
      await writeStore(io, store);
    });
