// A hook's port changes: buffered opens and closes over the committed set, as Juju's
// context/ports.go keeps them. Opening what is open, or closing what is closed, is a no-op.
import type { PortRange } from '../../core/hook-context.js';
import type { PortChange } from '../controller/records.js';

const same = (a: PortChange, b: PortChange): boolean =>
  a.endpoint === b.endpoint && a.protocol === b.protocol && a.from === b.from && a.to === b.to;

export class PortBuffer {
  private readonly opens: PortChange[] = [];
  private readonly closes: PortChange[] = [];

  constructor(private readonly committed: PortChange[]) {}

  private current(): PortChange[] {
    return [...this.committed.filter((p) => !this.closes.some((c) => same(c, p))), ...this.opens];
  }

  open(endpoint: string, range: PortRange): void {
    const change = { endpoint, ...range };
    const closing = this.closes.findIndex((c) => same(c, change));
    if (closing >= 0) this.closes.splice(closing, 1);
    if (!this.current().some((p) => same(p, change))) this.opens.push(change);
  }

  close(endpoint: string, range: PortRange): void {
    const change = { endpoint, ...range };
    const opening = this.opens.findIndex((o) => same(o, change));
    if (opening >= 0) this.opens.splice(opening, 1);
    else if (this.committed.some((p) => same(p, change)) && !this.closes.some((c) => same(c, change))) this.closes.push(change);
  }

  /** Opened ranges by endpoint, pending changes merged in. */
  opened(): Record<string, PortRange[]> {
    const byEndpoint: Record<string, PortRange[]> = {};
    for (const { endpoint, ...range } of this.current()) (byEndpoint[endpoint] ??= []).push(range);
    return byEndpoint;
  }

  pending(): { openPorts?: PortChange[]; closePorts?: PortChange[] } {
    return {
      ...(this.opens.length ? { openPorts: [...this.opens] } : {}),
      ...(this.closes.length ? { closePorts: [...this.closes] } : {}),
    };
  }
}
