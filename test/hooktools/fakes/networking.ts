// A ContextNetworking that answers opened-ports from a fixed table and records open/close calls.

import { type ContextNetworking, type NetworkInfo, type PortRange } from '../../../core/hook-context.js';
import { JujuSimError } from '../../../core/errors.js';

export class FakeNetworking implements ContextNetworking {
  /** Every open/close request, in order; '' is every endpoint. */
  readonly calls: Array<{ op: 'open' | 'close'; endpoint: string; range: PortRange }> = [];

  constructor(
    private readonly opened: Record<string, PortRange[]> = {},
    /** When set, open/close requests fail with this message. */
    private readonly failure?: string,
  ) {}

  openPortRange(endpoint: string, range: PortRange): void {
    this.record('open', endpoint, range);
  }

  closePortRange(endpoint: string, range: PortRange): void {
    this.record('close', endpoint, range);
  }

  openedPortRanges(): Record<string, PortRange[]> {
    return this.opened;
  }

  privateAddress(): string {
    throw new Error('not used by the port tools');
  }

  publicAddress(): string {
    throw new Error('not used by the port tools');
  }

  networkInfo(): Record<string, NetworkInfo> {
    throw new Error('not used by the port tools');
  }

  private record(op: 'open' | 'close', endpoint: string, range: PortRange): void {
    if (this.failure !== undefined) throw new JujuSimError(this.failure);
    this.calls.push({ op, endpoint, range });
  }
}
