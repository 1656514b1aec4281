// `show-cloud <name> [--client] [--controller <c>] [--format yaml|json]`: Juju 3.6's command,
// its CloudDetails under a heading per side in YAML, or the first side's in JSON.
import { Command, Option } from 'commander';
import { JujuSimError } from '../../core/errors.js';
import { formatJson, formatYaml, GoStruct } from '../../core/format.js';
import { cloudDetails, cloudsOf, readStore, scopes } from '../client-clouds.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('show-cloud')
    .description('Show the definition of a cloud the client and/or the controller has')
    .argument('<cloud>')
    .option('--client', "this client's copy")
    .option('-c, --controller <controller>', "the controller's copy")
    .option('--include-config', 'accepted as juju takes it')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json', 'display']).default('display'))
    .action(async (name: string, opts: { client?: boolean; controller?: string; format: string }) => {
      const store = await readStore(io);
      const found = scopes(opts).flatMap((side) => {
        const cloud = cloudsOf(store, side)[name];
        return cloud === undefined ? [] : [{ side, details: cloudDetails(name, cloud, Object.keys(store.credentials[name] ?? {}).length) }];
      });
      if (found.length === 0) throw new JujuSimError(`cloud ${name} not found`);
      if (opts.format === 'json') {
        io.stdout.write(`${formatJson(found[0].details).toString()}\n`);
        return;
      }
      const yaml = (details: GoStruct): string => `${formatYaml(details).toString()}\n`;
      if (opts.format === 'yaml') {
        io.stdout.write(yaml(found[0].details));
        return;
      }
      for (const { side, details } of found) {
        const heading = side === 'client' ? `Client cloud "${name}"` : `Cloud "${name}" from controller "${opts.controller ?? 'juju-sim'}"`;
        io.stdout.write(`${heading}:\n\n${yaml(details)}\n`);
      }
    });
