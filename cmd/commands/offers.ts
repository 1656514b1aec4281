// `offers [--format json|yaml]`: the model's offers, with how many relations use each.
import { Command } from 'commander';
import type { OfferSummary } from '../../agent/control/protocol.js';
import { formatOption, render, table, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

function human(offers: OfferSummary[]): string {
  if (offers.length === 0) return 'No offers to display.\n';
  const rows = [['Offer', 'Application', 'Endpoints', 'Connections']];
  for (const o of offers) rows.push([o['offer-name'], o.application, Object.keys(o.endpoints).join(','), String(o['total-connected-count'])]);
  return table(rows);
}

export default (io: CommandIO): Command =>
  new Command('offers')
    .alias('list-offers')
    .description("List the model's offers")
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      const offers = await io.call('offers', {});
      const keyed = Object.fromEntries(offers.map((o) => [o['offer-name'], o]));
      io.stdout.write(render(opts.format === 'human' ? offers : keyed, opts.format, human));
    });
