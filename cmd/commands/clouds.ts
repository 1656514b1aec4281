// `clouds [--client] [--controller <c>] [--format tabular|yaml|json]`: Juju 3.6's list of the
// clouds the client (or the controller) knows; the built-in localhost is always among them.
import { Command, Option } from 'commander';
import { formatJson, formatYaml } from '../../core/format.js';
import { cloudDetails, cloudsOf, readStore } from '../client-clouds.js';
import { table } from '../output.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('clouds')
    .alias('list-clouds')
    .description('List the clouds the client and the controller know')
    .option('--client', "this client's clouds")
    .option('-c, --controller <controller>', "the controller's clouds")
    .option('--all', 'accepted as juju takes it')
    .addOption(new Option('--format <format>', 'output format').choices(['tabular', 'yaml', 'json']).default('tabular'))
    .action(async (opts: { client?: boolean; controller?: string; format: string }) => {
      const store = await readStore(io);
      const side = opts.controller !== undefined && !opts.client ? 'controller' : 'client';
      const clouds = Object.entries(cloudsOf(store, side)).sort(([a], [b]) => a.localeCompare(b));
      const credentials = (name: string): number => Object.keys(store.credentials[name] ?? {}).length;
      if (opts.format !== 'tabular') {
        // A Go map: marshalled in key order.
        const shown = Object.fromEntries(clouds.map(([name, cloud]) => [name, cloudDetails(name, cloud, credentials(name))]));
        io.stdout.write(`${(opts.format === 'json' ? formatJson(shown) : formatYaml(shown)).toString()}\n`);
        return;
      }
      const rows = clouds.map(([name, cloud]) => {
        const regions = Object.keys((cloud.regions ?? {}) as Record<string, unknown>);
        return [name, String(regions.length), regions[0] ?? '', String(cloud.type), String(credentials(name)), name === 'localhost' ? 'built-in' : 'local', String(cloud.description ?? '')];
      });
      const heading = side === 'client' ? 'Clouds available on the client:' : `Clouds available on the controller "${opts.controller}":`;
      io.stdout.write(`${heading}\n${table([['Cloud', 'Regions', 'Default', 'Type', 'Credentials', 'Source', 'Description'], ...rows])}`);
    });
