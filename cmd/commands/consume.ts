// `consume [controller:][owner/]model.offer [alias]`: a remote application (SAAS) here, named
// alias or after the offer, that `integrate` relates as it does an application.
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('consume')
    .description("Add a remote offer to the model: its application's endpoints can then be related")
    .argument('<remote-offer>')
    .argument('[local-application-name]')
    .action(async (url: string, alias: string | undefined) => {
      const added = await io.call('consume', { url, alias });
      io.stderr.write(`Added ${added.url} as ${added.alias}\n`);
    });
