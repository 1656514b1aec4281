// `remove-offer <offer>...`: an offer, by name or URL, that no relation uses any more.
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-offer')
    .description('Remove offers that no relation uses')
    .argument('<offer-url...>')
    .option('--no-prompt', 'accepted as juju takes it: juju-sim never asks')
    .option('-y, --yes', 'accepted as juju takes it: juju-sim never asks')
    .action(async (offers: string[]) => {
      await io.call('remove-offer', { offers });
    });
