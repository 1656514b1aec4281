// Two paradigms, one interface: the ops and the reactive redis example charms, related in all
// four pairings in one model (as `make demo` does), each pairing checked through its databags,
// the requirer's status and, for a reactive requirer, the flags it committed.
import t from 'tap';
import { Sim, charm } from '../helpers/sim.js';
import { reactiveFlags } from '../helpers/reactive.js';

/** Requirer application → [provider application, requirer charm]. */
const pairings: Record<string, [string, string]> = {
  'ops-client': ['ops-redis', 'ops-redis-client'],
  'reactive-client': ['reactive-redis', 'reactive-redis-client'],
  'reactive-client-of-ops': ['ops-redis', 'reactive-redis-client'],
  'ops-client-of-reactive': ['reactive-redis', 'ops-redis-client'],
};

const sim = new Sim(t);
await sim.ok('deploy', charm('ops-redis'), 'ops-redis');
await sim.ok('deploy', charm('reactive-redis'), 'reactive-redis');
for (const [client, [provider, clientCharm]] of Object.entries(pairings)) {
  await sim.ok('deploy', charm(clientCharm), client);
  await sim.ok('integrate', provider, client);
}
await sim.ok('settle');
const show = await sim.json('show');
const status = await sim.json('status');

/** The unit databags of the relation between the two applications, by unit. */
function bags(provider: string, requirer: string): Record<string, Record<string, string>> {
  const relation = show.relations.find((r: any) => r.endpoints.map((e: any) => e.application).join(' ') === `${provider} ${requirer}`);
  return Object.assign({}, ...relation.endpoints.map((e: any) => e['units-data']));
}

function workload(unit: string): { current: string; message: string } {
  const { current, message } = status.applications[unit.split('/')[0]].units[unit]['workload-status'];
  return { current, message };
}

const address = /^127\.1\.\d+\.\d+$/;
const opsAddress = bags('ops-redis', 'ops-client')['ops-redis/0'].hostname;
const reactiveAddress = bags('reactive-redis', 'reactive-client')['reactive-redis/0']['private-address'];

/** What Juju puts into every unit's bag on scope entry, and what the charm wrote itself. */
const written = (bag: Record<string, string>): Record<string, string> => {
  const { 'private-address': _p, 'ingress-address': _i, 'egress-subnets': _e, ...rest } = bag;
  return rest;
};

t.test('ops provider, ops requirer: hostname and port, plain text', async (t) => {
  const data = bags('ops-redis', 'ops-client');
  t.match(opsAddress, address);
  t.same(written(data['ops-redis/0']), { hostname: opsAddress, port: '6379' });
  t.same(written(data['ops-client/0']), { 'redis-address': `${opsAddress}:6379` });
  t.same(workload('ops-client/0'), { current: 'active', message: `redis at ${opsAddress}:6379` });
});

t.test('reactive provider, reactive requirer: host, port and password, JSON-encoded by to_publish', async (t) => {
  const data = bags('reactive-redis', 'reactive-client');
  const provider = written(data['reactive-redis/0']);
  t.match(reactiveAddress, address);
  t.same(Object.keys(provider).sort(), ['host', 'password', 'port']);
  t.equal(provider.host, `"${reactiveAddress}"`, 'the host keeps its JSON quotes in the databag');
  t.equal(provider.port, '6379');
  t.match(provider.password, /^"[0-9a-f]{16}"$/);
  t.same(written(data['reactive-client/0']), { 'redis-address': `${reactiveAddress}:6379` }, 'relation_data() gave the decoded host');
  t.same(workload('reactive-client/0'), { current: 'active', message: `redis at ${reactiveAddress}:6379` });
  t.same(reactiveFlags(sim, 'reactive-client/0'), [
    'client.connected',
    'endpoint.redis.available',
    'endpoint.redis.changed.egress-subnets',
    'endpoint.redis.changed.host',
    'endpoint.redis.changed.ingress-address',
    'endpoint.redis.changed.password',
    'endpoint.redis.changed.port',
    'endpoint.redis.changed.private-address',
    'endpoint.redis.joined',
  ]);
  t.same(reactiveFlags(sim, 'reactive-redis/0'), [
    'endpoint.redis.changed',
    'endpoint.redis.changed.egress-subnets',
    'endpoint.redis.changed.ingress-address',
    'endpoint.redis.changed.private-address',
    'endpoint.redis.changed.redis-address',
    'endpoint.redis.joined',
    'redis.installed',
  ]);
  t.match(status.applications['reactive-redis'], { version: '7.2.4' }, 'application-version-set from the install handler');
});

t.test('ops provider, reactive requirer: a port but no host, so available with nothing to connect to', async (t) => {
  const data = bags('ops-redis', 'reactive-client-of-ops');
  t.same(written(data['ops-redis/0']), { hostname: opsAddress, port: '6379' });
  t.same(written(data['reactive-client-of-ops/0']), {}, 'nothing to write back');
  t.same(workload('reactive-client-of-ops/0'), { current: 'blocked', message: 'redis available, but relation_data() is empty' });
  t.same(reactiveFlags(sim, 'reactive-client-of-ops/0'), [
    'endpoint.redis.available',
    'endpoint.redis.changed.egress-subnets',
    'endpoint.redis.changed.hostname',
    'endpoint.redis.changed.ingress-address',
    'endpoint.redis.changed.port',
    'endpoint.redis.changed.private-address',
    'endpoint.redis.joined',
  ]);
});

t.test('reactive provider, ops requirer: no hostname, so the ops client keeps waiting', async (t) => {
  const data = bags('reactive-redis', 'ops-client-of-reactive');
  t.same(Object.keys(written(data['reactive-redis/0'])).sort(), ['host', 'password', 'port']);
  t.same(written(data['ops-client-of-reactive/0']), {});
  t.same(workload('ops-client-of-reactive/0'), { current: 'blocked', message: 'waiting for redis relation data' });
});
