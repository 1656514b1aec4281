// Units and relations going away: departed before broken, the departing unit named as Juju
// names it, peers never broken, and leadership passing on.
import t from 'tap';
import { Sim, charm, fixture } from '../helpers/sim.js';

interface Run {
  hook: string;
  remoteUnit: string | null;
  departingUnit: string | null;
}

const since = async (sim: Sim, unit: string, from: number): Promise<string[]> =>
  ((await sim.json('history', '--unit', unit)) as Run[])
    .slice(from)
    .map((r) => [r.hook, r.remoteUnit, r.departingUnit && `(departing ${r.departingUnit})`].filter(Boolean).join(' '));

const count = async (sim: Sim, unit: string): Promise<number> => ((await sim.json('history', '--unit', unit)) as Run[]).length;

t.test('remove-unit: the unit departs as itself, breaks, stops, is removed; the others see it depart', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '2');
  await sim.ok('integrate', 'redis', 'demo');
  await sim.ok('settle');
  const [redisBefore, demo1Before] = [await count(sim, 'redis/0'), await count(sim, 'demo/1')];

  await sim.ok('remove-unit', 'demo/1');
  await sim.ok('settle');
  t.same(await since(sim, 'demo/1', demo1Before), [
    'redis-relation-departed redis/0 (departing demo/1)',
    'redis-relation-broken',
    'stop',
    'remove',
  ]);
  t.same(await since(sim, 'redis/0', redisBefore), ['redis-relation-departed demo/1 (departing demo/1)']);
  const status = await sim.json('status');
  t.same(Object.keys(status.applications.demo.units), ['demo/0']);
  const show = await sim.json('show');
  t.same(Object.keys(show.relations[0].endpoints[1]['units-data']), ['demo/0']);
});

t.test('remove-unit: regular relations are departed and broken first, the peer relation last', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', fixture('peer-client'), 'client', '-n', '2');
  await sim.ok('integrate', 'redis', 'client');
  await sim.ok('settle');
  const before = await count(sim, 'client/1');
  await sim.ok('remove-unit', 'client/1');
  await sim.ok('settle');
  // The peer relation has the lower id (deploy made it); the charm's redis teardown fails if
  // its peers are gone.
  t.same(await since(sim, 'client/1', before), [
    'redis-relation-departed redis/0 (departing client/1)',
    'redis-relation-broken',
    'cluster-relation-departed client/0 (departing client/1)',
    'stop',
    'remove',
  ]);
});

t.test('removing the leader passes leadership on', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '2');
  await sim.ok('settle');
  const before = await count(sim, 'demo/1');
  await sim.ok('remove-unit', 'demo/0');
  await sim.ok('settle');
  t.same(await since(sim, 'demo/1', before), ['leader-elected']);
  t.equal((await sim.json('status')).applications.demo.units['demo/1'].leader, true);
});

t.test('remove-relation: every unit departs each remote unit, then breaks; the relation is gone', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis', '-n', '2');
  await sim.ok('deploy', charm('bash-client'), 'demo');
  await sim.ok('integrate', 'redis', 'demo');
  await sim.ok('settle');
  const before = await count(sim, 'demo/0');
  await sim.ok('remove-relation', 'demo', 'redis');
  await sim.ok('settle');
  t.same(await since(sim, 'demo/0', before), [
    'redis-relation-departed redis/0 (departing redis/0)',
    'redis-relation-departed redis/1 (departing redis/1)',
    'redis-relation-broken',
  ]);
  t.same((await sim.json('show')).relations, []);
  const again = await sim.run('remove-relation', 'demo', 'redis');
  t.equal(again.code, 1);
  t.equal(again.stderr, 'ERROR relation "demo redis" not found\n');
});

t.test('remove-application removes its units and relations', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', charm('bash-client'), 'demo');
  await sim.ok('integrate', 'redis', 'demo');
  await sim.ok('settle');
  await sim.ok('remove-application', 'redis');
  await sim.ok('settle');
  const status = await sim.json('status');
  t.same(Object.keys(status.applications), ['demo']);
  t.same((await sim.json('show')).relations, []);
});
