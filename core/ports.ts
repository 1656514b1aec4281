// Port ranges as Juju's core/network reads, checks, prints and sorts them: `80` (tcp), `80/tcp`,
// `53/udp`, `8000-8100/tcp`, `icmp`. Shared by open-port, close-port and opened-ports.

import type { PortRange } from './hook-context.js';
import { goParseInt, goQuote } from './gnuflag.js';

/**
 * network.ParsePortRange: the text after the first '/' is the protocol (tcp when absent), the
 * rest one port or `from-to`; `icmp` takes no ports. Throws Error with Juju's message. The
 * tools lowercase their argument first, so the protocol is compared as given.
 */
export function parsePortRange(text: string): PortRange {
  const slash = text.indexOf('/');
  const ports = slash < 0 ? text : text.slice(0, slash);
  let protocol = slash < 0 ? 'tcp' : text.slice(slash + 1);
  const [from, to] = parsePorts(ports);
  if (from === -1n) protocol = 'icmp';

  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp') {
    throw new Error(`invalid protocol ${goQuote(protocol)}, expected "tcp", "udp", or "icmp"`);
  }
  if (protocol === 'icmp') {
    if (from !== -1n || to !== -1n) throw new Error(`protocol "icmp" doesn't support any ports; got "${from}"`);
    return { from: -1, to: -1, protocol };
  }
  if (from > to) throw new Error(`invalid port range ${from}-${to}/${protocol}`);
  if (from < 0n || from > 65535n || to < 0n || to > 65535n) {
    throw new Error(`port range bounds must be between 0 and 65535, got ${from}-${to}`);
  }
  return { from: Number(from), to: Number(to), protocol };
}

/** The ports of a range as Go's ints (bigint, so the error texts show what Go would print). */
function parsePorts(text: string): [bigint, bigint] {
  const parts = text.split('-');
  if (parts.length > 2) throw new Error(`invalid port range ${goQuote(text)}`);
  if (parts.length === 1) {
    if (text === 'icmp') return [-1n, -1n];
    const port = atoiPort(text);
    return [port, port];
  }
  return [atoiPort(parts[0]), atoiPort(parts[1])];
}

/** strconv.Atoi, failing as `invalid port "<text>": strconv.Atoi: …`. */
function atoiPort(text: string): bigint {
  try {
    return goParseInt(text, 10);
  } catch (err) {
    const reason = (err as Error).message.replace(/^strconv\.ParseInt/, 'strconv.Atoi');
    throw new Error(`invalid port ${goQuote(text)}: ${reason}`);
  }
}

/** PortRange.String(): `icmp`, `80/tcp` or `8000-8100/tcp`. */
export function formatPortRange(range: PortRange): string {
  if (range.protocol === 'icmp') return 'icmp';
  if (range.from === range.to) return `${range.from}/${range.protocol}`;
  return `${range.from}-${range.to}/${range.protocol}`;
}

/** The order network.SortPortRanges gives: by protocol name (icmp, tcp, udp), then from, then to. */
export function comparePortRanges(a: PortRange, b: PortRange): number {
  if (a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  return a.from !== b.from ? a.from - b.from : a.to - b.to;
}
