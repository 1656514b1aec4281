// `show-secret <ID>|<name> [--reveal] [--revisions] [--revision N] [--format yaml|json]`: one
// secret's details with its grants, its content with --reveal (Juju 3.6's show-secret).
import { Command, Option } from 'commander';
import { renderSecrets } from '../secret-details.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('show-secret')
    .description("Show a secret's details; --reveal its content")
    .argument('[secret]', 'the secret URI or name')
    .option('--reveal', 'reveal secret values, applicable to yaml or json formats only')
    .option('--revisions', 'show the secret revisions metadata')
    .option('-r, --revision <n>', 'show a specific revision (defaults to latest)')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .action(async function (this: Command, secret: string | undefined, opts: { reveal?: boolean; revisions?: boolean; revision?: string; format: 'yaml' | 'json' }) {
      if (secret === undefined) this.error('secret ID is required', { exitCode: 2 });
      const revision = opts.revision === undefined ? 0 : Number(opts.revision);
      if (!Number.isInteger(revision)) this.error(`invalid value "${opts.revision}" for flag --revision: parse error`, { exitCode: 2 });
      if (opts.revisions && opts.reveal) this.error('specify either --revisions or --reveal but not both', { exitCode: 2 });
      if (opts.revisions && revision > 0) this.error('specify either --revisions or --revision but not both', { exitCode: 2 });
      if (revision < 0) this.error('revision must be a positive integer', { exitCode: 2 });
      const shown = await io.call('show-secret', { secret, reveal: opts.reveal === true, revision: revision > 0 ? revision : undefined });
      io.stdout.write(renderSecrets(shown, opts.format, { access: true, revisions: opts.revisions === true }));
    });
