// `credentials [<cloud>] [--show-secrets] [--format tabular|yaml|json]`: Juju 3.6's list of the
// client's credentials. Without --show-secrets, attributes that Juju's providers mark secret
// are left out, as Juju leaves them out.
import { Command, Option } from 'commander';
import { formatJson, formatYaml, GoStruct, type GoValue } from '../../core/format.js';
import { readStore } from '../client-clouds.js';
import { table } from '../output.js';
import type { CommandIO } from '../io.js';

/** The attributes Juju 3.6's providers' credential schemas mark Hidden (secret). */
const secretAttributes = new Set([
  'secret-key', 'password', 'application-password', 'client-secret', 'private-key', 'client-key',
  'trust-password', 'maas-oauth', 'token', 'key', 'pass-phrase', 'api-token', 'client-key-data',
]);

export default (io: CommandIO): Command =>
  new Command('credentials')
    .alias('list-credentials')
    .description("List the client's credentials")
    .argument('[cloud]')
    .option('--client', "this client's credentials")
    .option('-c, --controller <controller>', 'accepted as juju takes it')
    .option('--show-secrets', 'show secret attributes too')
    .addOption(new Option('--format <format>', 'output format').choices(['tabular', 'yaml', 'json']).default('tabular'))
    .action(async (only: string | undefined, opts: { showSecrets?: boolean; format: string }) => {
      const store = await readStore(io);
      const clouds = Object.entries(store.credentials)
        .filter(([cloud, creds]) => (only === undefined || cloud === only) && Object.keys(creds).length > 0)
        .sort(([a], [b]) => a.localeCompare(b));
      if (opts.format === 'tabular') {
        if (clouds.length === 0) {
          io.stderr.write('No credentials from this client to display.\n');
          return;
        }
        const rows = clouds.map(([cloud, creds]) => [cloud, Object.keys(creds).sort().join(', ')]);
        io.stdout.write(`\nClient Credentials:\n${table([['Cloud', 'Credentials'], ...rows])}`);
        return;
      }
      const credential = (attributes: Record<string, string>): GoStruct => {
        const { 'auth-type': authType, ...details } = attributes;
        const shown = Object.fromEntries(Object.entries(details).filter(([key]) => opts.showSecrets || !secretAttributes.has(key)));
        return new GoStruct([['auth-type', authType ?? ''], ['details', shown]] as Array<[string, GoValue]>);
      };
      const value = {
        'client-credentials': Object.fromEntries(
          clouds.map(([cloud, creds]) => [cloud, new GoStruct([['cloud-credentials', Object.fromEntries(Object.entries(creds).map(([n, a]) => [n, credential(a)]))]])]),
        ),
      };
      io.stdout.write(`${(opts.format === 'json' ? formatJson(value) : formatYaml(value)).toString()}\n`);
    });
