// opened-ports [--endpoints]: the unit's open port ranges, one `80/tcp` or `8000-8100/udp` per
// entry, sorted; with --endpoints each entry ends in ` (*)` (every endpoint) or ` (ep1, ep2)`.
// This hook's pending open-port/close-port requests are included, as in recent Juju 3.6.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextNetworking, PortRange } from '../../core/hook-context.js';
import type { FlagRef, FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';
import { comparePortRanges, formatPortRange } from '../../core/ports.js';

export class OpenedPortsCommand implements ToolCommand {
  private readonly out = new Output();
  private showEndpoints!: FlagRef<boolean>;

  constructor(private readonly ctx: ContextNetworking) {}

  info(): ToolInfo {
    return {
      name: 'opened-ports',
      purpose: 'List the port ranges the unit has opened.',
      doc: [
        'Prints each port range opened by this unit as <port>/<protocol> or',
        '<from>-<to>/<protocol> (icmp alone), including the ones this hook has asked for.',
        'With --endpoints each range is followed by the endpoints it is open for, in',
        'parentheses, or by (*) when it is open for every endpoint.',
      ].join('\n'),
      examples: `
    opened-ports
    opened-ports --endpoints --format=json
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    this.showEndpoints = f.bool(['endpoints'], false, 'Show the endpoints each port range is open for');
  }

  init(args: string[]): void {
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    // Each distinct range with the endpoints it is open for ('' is every endpoint).
    const endpointsByRange = new Map<string, { range: PortRange; endpoints: Set<string> }>();
    for (const [endpoint, ranges] of Object.entries(this.ctx.openedPortRanges())) {
      for (const range of ranges) {
        const key = formatPortRange(range);
        const entry = endpointsByRange.get(key) ?? { range, endpoints: new Set<string>() };
        entry.endpoints.add(endpoint);
        endpointsByRange.set(key, entry);
      }
    }
    const entries = [...endpointsByRange.values()].sort((a, b) => comparePortRanges(a.range, b.range));
    this.out.write(
      io,
      entries.map(({ range, endpoints }) => {
        const text = formatPortRange(range);
        if (!this.showEndpoints.value) return text;
        if (endpoints.has('')) return `${text} (*)`;
        return `${text} (${[...endpoints].sort(compareBytes).join(', ')})`;
      }),
    );
  }
}

/** Go's sort.Strings order (bytes, not UTF-16 units). */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export const openedPorts: ToolFactory = (ctx) => new OpenedPortsCommand(ctx);
