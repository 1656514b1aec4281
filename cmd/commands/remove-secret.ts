// `remove-secret <ID>|<name> [--revision N]`: a user's secret, or one revision of it.
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-secret')
    .description("Remove a user's secret, or one revision of it")
    .argument('[secret]', 'the secret URI or name')
    .option('--revision <n>', 'remove the specified revision')
    .action(async function (this: Command, secret: string | undefined, opts: { revision?: string }) {
      if (secret === undefined) this.error('missing secret URI', { exitCode: 2 });
      let revision: number | undefined;
      if (opts.revision !== undefined) {
        revision = Number(opts.revision);
        if (!/^-?\d+$/.test(opts.revision)) this.error(`invalid value "${opts.revision}" for flag --revision: parse error`, { exitCode: 2 });
      }
      // Juju's flag defaults to 0, which means every revision.
      await io.call('remove-secret', { secret, revision: revision === 0 ? undefined : revision });
    });
