// A unit's network config as Juju's uniter facade computes it (apiserver/facades/agent/uniter/
// networkinfo.go and networkinfoiaas.go): which bindings the unit has, what network-get answers
// for each, and the addresses the unit's databag gets when it enters a relation's scope.
// juju-sim's network is Juju's default space with one machine per unit, whose one address is the
// unit's loopback address (127.1.x.y). Every binding is bound to that space, so all answer alike.
import type { CharmMeta } from '../charm/metadata.js';
import type { NetworkInfo, UnitRecord } from './records.js';

/**
 * The unit's ingress addresses (its machine's addresses in the bound space) and egress subnets:
 * what NetworkInfo answers for a binding, and NetworksForRelation for a relation in the unit's own
 * model (Juju gives a cross-model relation the unit's public address instead).
 */
export function unitNetworks(unit: UnitRecord): { ingress: string[]; egress: string[] } {
  // core/network SubnetsForAddresses: an IPv4 address is its own /32 subnet.
  return { ingress: [unit.address], egress: [`${unit.address}/32`] };
}

/**
 * NetworkInfo for the bindings asked for. The unit's bindings are Juju's: the default binding '',
 * every endpoint, the juju-info endpoint every application provides, and every extra binding. Any
 * other name gets no entry: Juju answers it with an error and no config, which network-get reports
 * as `no network config found for binding`.
 */
export function networkInfo(unit: UnitRecord, meta: CharmMeta, bindings: string[]): Record<string, NetworkInfo> {
  const known = new Set(['', ...meta.endpoints.map((e) => e.name), 'juju-info', ...meta.extraBindings]);
  const info: Record<string, NetworkInfo> = {};
  for (const binding of bindings.filter((b) => known.has(b))) {
    const { ingress, egress } = unitNetworks(unit);
    info[binding] = {
      bindAddresses: [{ macAddress: '', interfaceName: 'lo', addresses: [{ hostname: '', value: unit.address, cidr: '127.0.0.0/8' }] }],
      egressSubnets: egress,
      ingressAddresses: ingress,
    };
  }
  return info;
}
