// `secrets [--owner <tag>] [--format tabular|yaml|json]`: every secret of the model, charms'
// and the user's, as Juju 3.6's `juju secrets` lists them.
import { Command, Option } from 'commander';
import { renderSecrets, type SecretsFormat } from '../secret-details.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('secrets')
    .alias('list-secrets')
    .description('List the secrets of the model')
    .option('--owner <tag>', 'only the secrets of this owner (application-<app>, unit-<app>-<n>, model-<uuid>)')
    .addOption(new Option('--format <format>', 'output format').choices(['tabular', 'yaml', 'json']).default('tabular'))
    .action(async (opts: { owner?: string; format: SecretsFormat }) => {
      const secrets = await io.call('secrets', { owner: opts.owner });
      io.stdout.write(renderSecrets(secrets, opts.format, { access: false, revisions: false }));
    });
