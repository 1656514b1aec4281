// `integrate a[:ep] b[:ep]`: which two endpoints the user means, by Juju's inference rules
// (state.InferEndpoints): same interface, provider with requirer, same scope rules; exactly one
// candidate or an error naming them all.
import { applicationEndpoints, type CharmMeta, type Endpoint } from '../charm/metadata.js';
import { JujuSimError } from '../../core/errors.js';
import type { RelationEndpoint, RelationRecord } from './records.js';

export interface Inferred {
  endpoints: [RelationEndpoint, RelationEndpoint];
  interface: string;
  scope: 'global' | 'container';
}

function split(spec: string): { app: string; endpoint?: string } {
  const i = spec.indexOf(':');
  return i < 0 ? { app: spec } : { app: spec.slice(0, i), endpoint: spec.slice(i + 1) };
}

const compatible = (a: Endpoint, b: Endpoint): boolean =>
  a.interface === b.interface &&
  ((a.role === 'provider' && b.role === 'requirer') || (a.role === 'requirer' && b.role === 'provider'));

/** A relation seen from one of its applications: its own endpoint and the other side's (a
 *  peer relation's other side is its own endpoint). */
export function relationSides(relation: RelationRecord, application: string): { local: RelationEndpoint; remote: RelationEndpoint } {
  const local = relation.endpoints.find((e) => e.application === application);
  if (!local) throw new JujuSimError(`application "${application}" is not in relation "${relation.key}"`);
  return { local, remote: relation.endpoints.find((e) => e !== local) ?? local };
}

/**
 * A relation id as the CLI takes it, the way juju-exec reads its -r (cmd/jujud/run/run.go
 * checkRelationId): `<endpoint>:<id>` or `<id>`, the id an integer; empty or -1: no relation.
 */
export function relationIdOf(text: string): number | undefined {
  if (text === '') return undefined;
  const id = text.slice(text.lastIndexOf(':') + 1);
  if (!/^[+-]?\d+$/.test(id)) throw new JujuSimError('invalid relation id');
  const n = Number(id);
  return n === -1 ? undefined : n;
}

/** An application as integrate sees it: a local one (a bundle's has no record yet), or a remote one with its offer's endpoints. */
export type Relatable = { name: string; meta: Pick<CharmMeta, 'endpoints' | 'subordinate'> } | { name: string; remote: { endpoints: Endpoint[] } };

const endpointsOf = (app: Relatable): Endpoint[] => ('remote' in app ? app.remote.endpoints : applicationEndpoints(app.meta));

/**
 * Juju's containerScopeOk: a container-scoped pair needs a subordinate among its two
 * applications, and no remote one. (juju-sim deploys no subordinate yet: between its
 * principals, such a pair is never a candidate, as in Juju.)
 */
function containerScopeOk(apps: [Relatable, Relatable], pair: [Endpoint, Endpoint]): boolean {
  if (pair.every((e) => e.scope !== 'container')) return true;
  if (apps.some((app) => 'remote' in app)) return false;
  return apps.some((app) => 'meta' in app && app.meta.subordinate);
}

export function inferEndpoints(lookup: (app: string) => Relatable, first: string, second: string): Inferred {
  const [a, b] = [split(first), split(second)];
  const [appA, appB] = [lookup(a.app), lookup(b.app)];
  const candidates: Array<[Endpoint, Endpoint]> = [];
  for (const ea of endpointsOf(appA)) {
    if (a.endpoint !== undefined && ea.name !== a.endpoint) continue;
    for (const eb of endpointsOf(appB)) {
      if (b.endpoint !== undefined && eb.name !== b.endpoint) continue;
      if (compatible(ea, eb) && containerScopeOk([appA, appB], [ea, eb])) candidates.push([ea, eb]);
    }
  }
  if (candidates.length === 0) throw new JujuSimError('no relations found');
  if (candidates.length > 1) {
    const names = candidates.map(([ea, eb]) => `"${appA.name}:${ea.name} ${appB.name}:${eb.name}"`).join('; ');
    throw new JujuSimError(`ambiguous relation: "${first} ${second}" could refer to ${names}`);
  }
  const [ea, eb] = candidates[0];
  return {
    endpoints: [
      { application: appA.name, endpoint: ea.name, role: ea.role },
      { application: appB.name, endpoint: eb.name, role: eb.role },
    ],
    interface: ea.interface,
    scope: ea.scope === 'container' || eb.scope === 'container' ? 'container' : 'global',
  };
}
