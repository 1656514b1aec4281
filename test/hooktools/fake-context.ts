// A whole HookContext composed of the per-slice fakes in fakes/, for the tool server's tests
// (test/agent/toolserver*), which run any tool of the registry against one context. A tool's
// own test fakes only the slices its tool asks for.

import type { ConfigValue, HookContext, NetworkInfo, StorageAttachment } from '../../core/hook-context.js';
import { FakeAction } from './fakes/action.js';
import { FakeCharmState } from './fakes/charm-state.js';
import { fakeInstance } from './fakes/instance.js';
import { fakeLeadership } from './fakes/leadership.js';
import { fakeNetworkInfo } from './fakes/network-info.js';
import { FakeNetworking } from './fakes/networking.js';
import { fakeRelations, type FakeRelations, type FakeRelationSpec } from './fakes/relations.js';
import { FakeResources } from './fakes/resources.js';
import { FakeSecrets } from './fakes/secrets.js';
import { fakeStatus } from './fakes/status.js';
import { FakeStorage } from './fakes/storage.js';
import { fakeUnit } from './fakes/unit.js';

export interface FakeContextSpec {
  unit: string;
  leader?: boolean;
  relations?: FakeRelationSpec[];
  /** The relation of the running relation hook. */
  hookRelation?: number;
  remoteUnit?: string;
  remoteApp?: string;
  config?: Record<string, ConfigValue>;
  storage?: Record<string, StorageAttachment>;
}

/** The unit's one address, on the default binding and on every endpoint of its relations. */
const address = '10.0.0.1';
const networkInfo: NetworkInfo = {
  bindAddresses: [
    { macAddress: '', interfaceName: 'eth0', addresses: [{ hostname: '', value: address, cidr: '10.0.0.0/24' }] },
  ],
  egressSubnets: [`${address}/32`],
  ingressAddresses: [address],
};

type Methods<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };

/** A class fake's methods bound to it, so that it spreads into the whole as a plain fake does. */
function bound<T extends object>(fake: T): Methods<T> {
  const names = Object.getOwnPropertyNames(Object.getPrototypeOf(fake)).filter((name) => name !== 'constructor');
  const methods = fake as Record<string, (...args: unknown[]) => unknown>;
  return Object.fromEntries(names.map((name) => [name, methods[name].bind(fake)])) as Methods<T>;
}

export interface FakeContext extends HookContext, Pick<FakeRelations, 'pending'> {}

/** A class, since the tool server's tests make theirs with `new`. */
export class FakeContext {
  constructor(spec: FakeContextSpec) {
    const leader = spec.leader ?? false;
    const leadership = fakeLeadership(leader);
    const bindings = ['', ...(spec.relations ?? []).map((r) => r.endpoint)];
    const ports = bound(new FakeNetworking());
    const whole: FakeContext = {
      ...fakeUnit(spec.unit, spec.config),
      ...fakeStatus({ leader }),
      ...leadership,
      log: () => {},
      setUnitWorkloadVersion: () => {},
      // ContextNetworking is faked in halves: addresses in network-info.ts, ports in networking.ts.
      ...fakeNetworkInfo({ privateAddress: address, info: Object.fromEntries(bindings.map((b) => [b, networkInfo])) }),
      openPortRange: ports.openPortRange,
      closePortRange: ports.closePortRange,
      openedPortRanges: ports.openedPortRanges,
      ...bound(new FakeCharmState()),
      ...fakeInstance({}),
      ...bound(new FakeAction()),
      ...bound(new FakeStorage(spec.storage ?? {})),
      ...bound(new FakeResources()),
      ...fakeRelations(spec.relations ?? [], {
        unit: spec.unit,
        isLeader: leadership.isLeader,
        hookRelation: spec.hookRelation,
        remoteUnit: spec.remoteUnit,
        remoteApp: spec.remoteApp,
      }),
      ...bound(new FakeSecrets()),
    };
    Object.assign(this, whole);
  }
}
