// ContextNetworking's address and network-info reads (unit-get, network-get); the port calls
// are faked in networking.ts.

import { type ContextNetworking, type NetworkInfo } from '../../../core/hook-context.js';
import { JujuSimError } from '../../../core/errors.js';

export interface FakeNetworkInfo extends ContextNetworking {
  /** The arguments of each networkInfo() call. */
  readonly calls: Array<{ bindings: string[]; relationId: number | undefined }>;
}

export interface FakeNetworkInfoSpec {
  /** Network info by binding; a binding missing here has none. */
  info?: Record<string, NetworkInfo>;
  /** Makes networkInfo() fail with this message. */
  infoError?: string;
  privateAddress?: string;
  /** Absent: `public address not found`. */
  publicAddress?: string;
}

export function fakeNetworkInfo(spec: FakeNetworkInfoSpec): FakeNetworkInfo {
  const calls: FakeNetworkInfo['calls'] = [];
  const unused = (): never => {
    throw new Error('ports are not faked here');
  };
  return {
    calls,
    privateAddress: () => spec.privateAddress ?? '10.0.0.1',
    publicAddress() {
      if (spec.publicAddress === undefined) throw new JujuSimError('public address not found');
      return spec.publicAddress;
    },
    networkInfo(bindings, relationId) {
      calls.push({ bindings, relationId });
      if (spec.infoError !== undefined) throw new JujuSimError(spec.infoError);
      const info = spec.info ?? {};
      return Object.fromEntries(bindings.filter((b) => Object.hasOwn(info, b)).map((b) => [b, info[b]]));
    },
    openPortRange: unused,
    closePortRange: unused,
    openedPortRanges: unused,
  };
}
