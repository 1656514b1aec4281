// `show-offer [controller:][owner/][model.]offer [--format json|yaml]`: one offer's endpoints and
// users, in Juju 3.6's shape (keyed by its URL with the controller).
import { Command } from 'commander';
import type { OfferDetails } from '../../agent/control/protocol.js';
import { formatOption, render, table, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

function human(offers: Record<string, OfferDetails>): string {
  const rows = [['Store', 'URL', 'Access', 'Description', 'Endpoint', 'Interface', 'Role']];
  for (const [url, o] of Object.entries(offers)) {
    const [store, path] = [url.slice(0, url.indexOf(':')), url.slice(url.indexOf(':') + 1)];
    for (const [i, [endpoint, e]] of Object.entries(o.endpoints).entries()) {
      rows.push(i === 0 ? [store, path, o.access, '', endpoint, e.interface, e.role] : ['', '', '', '', endpoint, e.interface, e.role]);
    }
  }
  return table(rows);
}

export default (io: CommandIO): Command =>
  new Command('show-offer')
    .description('Show an offer: its endpoints and who may use it')
    .argument('<offer-url>')
    .addOption(formatOption())
    .action(async (url: string, opts: { format: Format }) => {
      io.stdout.write(render(await io.call('show-offer', { url }), opts.format, human));
    });
