// `offers [--format json|yaml]`: the model's offers, with the relations that use each, in Juju
// 3.6's shape (keyed by offer name).
import { Command } from 'commander';
import type { OfferSummary } from '../../agent/control/protocol.js';
import { formatOption, render, table, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

function human(offers: Record<string, OfferSummary>): string {
  if (Object.keys(offers).length === 0) return 'No offers to display.\n';
  const rows = [['Offer', 'Application', 'Charm', 'Connected', 'URL', 'Endpoint', 'Interface', 'Role']];
  for (const [name, o] of Object.entries(offers)) {
    for (const [i, [endpoint, e]] of Object.entries(o.endpoints).entries()) {
      const first = i === 0;
      rows.push([first ? name : '', first ? o.application : '', first ? o.charm : '', first ? String(o.connections?.length ?? 0) : '', first ? o['offer-url'] : '', endpoint, e.interface, e.role]);
    }
  }
  return table(rows);
}

export default (io: CommandIO): Command =>
  new Command('offers')
    .alias('list-offers')
    .description("List the model's offers")
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      io.stdout.write(render(await io.call('offers', {}), opts.format, human));
    });
