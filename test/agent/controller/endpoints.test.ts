// Relation inference (agent/controller/endpoints.ts inferEndpoints, Juju's state.InferEndpoints):
// every application also provides the implicit juju-info, and a container-scoped pair needs a
// subordinate and no remote application. Table: the two sides' endpoints, what integrate names,
// and the relation inferred or the error.
import t from 'tap';
import type { Endpoint } from '../../../agent/charm/metadata.js';
import { inferEndpoints, type Relatable } from '../../../agent/controller/endpoints.js';

const ep = (name: string, role: Endpoint['role'], iface: string, scope: Endpoint['scope'] = 'global'): Endpoint => ({ name, role, interface: iface, scope });

const apps: Record<string, Relatable> = {
  redis: { name: 'redis', meta: { subordinate: false, endpoints: [ep('db', 'provider', 'redis')] } },
  mon: { name: 'mon', meta: { subordinate: false, endpoints: [ep('info', 'requirer', 'juju-info'), ep('logs', 'requirer', 'logging', 'container')] } },
  shipper: { name: 'shipper', meta: { subordinate: false, endpoints: [ep('logs', 'provider', 'logging')] } },
  agent: { name: 'agent', meta: { subordinate: true, endpoints: [ep('juju-info', 'requirer', 'juju-info', 'container')] } },
  twice: { name: 'twice', meta: { subordinate: false, endpoints: [ep('a', 'requirer', 'juju-info'), ep('b', 'requirer', 'juju-info')] } },
  saas: { name: 'saas', remote: { endpoints: [ep('logs', 'provider', 'logging')] } },
};

const cases: Array<[string, string, string, string | { endpoints: string[]; scope: string }]> = [
  ['a principal relates to the juju-info every application provides', 'mon', 'redis', { endpoints: ['mon:info', 'redis:juju-info'], scope: 'global' }],
  ['named on the provider side', 'redis:juju-info', 'mon', { endpoints: ['redis:juju-info', 'mon:info'], scope: 'global' }],
  ['a subordinate in container scope', 'agent', 'redis', { endpoints: ['agent:juju-info', 'redis:juju-info'], scope: 'container' }],
  ['two principals never in container scope', 'mon:logs', 'shipper', 'no relations found'],
  ['nor with a remote application', 'mon:logs', 'saas', 'no relations found'],
  ['a remote application provides no implicit juju-info', 'mon:info', 'saas', 'no relations found'],
  ['two requirers of juju-info: ambiguous', 'twice', 'redis', 'ambiguous relation: "twice redis" could refer to "twice:a redis:juju-info"; "twice:b redis:juju-info"'],
];

for (const [name, first, second, want] of cases) {
  t.test(name, async (t) => {
    const lookup = (app: string): Relatable => apps[app];
    if (typeof want === 'string') {
      t.throws(() => inferEndpoints(lookup, first, second), { message: want });
      return;
    }
    const inferred = inferEndpoints(lookup, first, second);
    t.same({ endpoints: inferred.endpoints.map((e) => `${e.application}:${e.endpoint}`), scope: inferred.scope }, want);
  });
}
