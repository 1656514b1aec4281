// `remove-offer <offer>... [--force]`: an offer, by name or URL, that no relation uses any more
// (with --force, its relations are removed too).
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-offer')
    .description('Remove offers that no relation uses')
    .argument('<offer-url...>')
    .option('--no-prompt', 'accepted as juju takes it: juju-sim never asks')
    .option('-y, --yes', 'accepted as juju takes it: juju-sim never asks')
    .option('--force', 'remove the offers even while relations use them: those relations are removed too')
    .action(async (offers: string[], opts: { force?: boolean }) => {
      await io.call('remove-offer', { offers, force: opts.force });
    });
