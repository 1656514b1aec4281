// A model that waits for the user (DESIGN.md, "Time"): paused, it starts no hook on its own, so
// a burst of changes reaches the units together, as in Juju while machines provision; settle
// runs it to idle, step one operation at a time. Each unit then runs Juju's first-start order,
// the same way every time, whatever kind of charm it is.
import t, { type Test } from 'tap';
import { clusteredRedisWithClient, history, hooksByUnit } from '../helpers/first-start.js';
import { Sim, charm, fixture } from '../helpers/sim.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The scenario: two applications, their relation and a config change land before any hook runs. */
async function firstStart(t: Test, provider: string, requirer: string): Promise<Sim> {
  const sim = new Sim(t);
  await sim.ok('pause');
  await sim.ok('deploy', provider, 'a', '-n', '2');
  await sim.ok('deploy', requirer, 'b');
  await sim.ok('integrate', 'a', 'b');
  await sim.ok('config', 'a', 'port=7000');
  await sim.ok('settle');
  return sim;
}

t.test('paused, deploy, integrate and config give every unit Juju\'s first-start order, the same way twice', async (t) => {
  const runs: string[][] = [];
  for (const attempt of [1, 2]) {
    const sim = await firstStart(t, fixture('clustered-redis'), charm('bash-client'));
    t.same(await hooksByUnit(sim), clusteredRedisWithClient, `attempt ${attempt}: each unit's hooks`);
    const show = await sim.json('show');
    const bag = show.relations[1].endpoints[1]['units-data']['b/0'];
    t.equal(bag['redis-port'], '7000', 'the config set before install is what the first joined saw');
    t.match((await sim.json('status')).model['model-status'], { message: /^paused/ }, 'settle leaves the model paused');
    runs.push(await history(sim));
  }
  t.same(runs[1], runs[0], 'the whole model ran its hooks in the same order both times');
});

t.test('an ops charm pair starts in the same order', async (t) => {
  const sim = await firstStart(t, charm('ops-redis'), charm('ops-redis-client'));
  const hooks = await hooksByUnit(sim);
  const start = (leadership: string): string[] => ['install', 'redis-relation-created', leadership, 'config-changed', 'start'];
  t.same(hooks['a/0'].slice(0, 7), [...start('leader-elected'), 'redis-relation-joined b/0', 'redis-relation-changed b/0']);
  t.same(hooks['a/1'].slice(0, 7), [...start('leader-settings-changed'), 'redis-relation-joined b/0', 'redis-relation-changed b/0']);
  t.same(hooks['b/0'], [
    ...start('leader-elected'),
    // a/0, the leader, shared its password secret in the application databag on joining b/0;
    // Juju's relation resolver takes an application's settings before the units that join.
    'redis-relation-changed',
    'redis-relation-joined a/0',
    'redis-relation-changed a/0',
    'redis-relation-joined a/1',
    'redis-relation-changed a/1',
  ]);
  t.same(new Set([...hooks['a/0'].slice(7), ...hooks['a/1'].slice(7)]), new Set(['redis-relation-changed b/0']), 'then only changes');
  t.match((await sim.json('status')).applications.b.units['b/0']['workload-status'], { current: 'active', message: /:7000$/ });
});

t.test('pause holds hooks across a restart; step runs one; settle runs to idle; resume lets them start', async (t) => {
  const sim = new Sim(t);
  const paused = await sim.run('pause');
  t.equal(paused.code, 0, paused.stderr);
  t.match(paused.stderr, /paused/);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sleep(500);
  t.same(await history(sim), [], 'nothing ran on its own');
  t.match(await sim.ok('status'), /Notes\s*\n.*paused by juju-sim/, 'status says so in its Notes');
  t.match((await sim.json('status')).model['model-status'], {
    current: 'available',
    message: 'paused by juju-sim: no hook starts until settle, step or resume',
  });

  await sim.ok('daemon', 'stop');
  t.match((await sim.json('status')).model['model-status'], { message: /^paused/ }, 'a restarted daemon is paused still');
  await sleep(500);
  t.same(await history(sim), [], 'and runs nothing on its own');

  t.equal(await sim.ok('step'), 'redis/0: install\n');
  t.same(await sim.json('step'), { unit: 'redis/0', operation: 'leader-elected' });
  t.equal(await sim.ok('step', 'redis/0'), 'redis/0: config-changed\n');
  const missing = await sim.run('step', 'nope/0');
  t.equal(missing.code, 1);
  t.equal(missing.stderr, 'ERROR unit "nope/0" not found\n');
  t.same(await history(sim), ['redis/0 install', 'redis/0 leader-elected', 'redis/0 config-changed'], 'one operation per step');

  await sim.ok('settle');
  t.same((await history(sim)).slice(3), ['redis/0 start'], 'settle ran the rest');
  t.equal(await sim.ok('step'), 'nothing to run\n', 'nothing to run is no error');
  t.same(await sim.json('step', 'redis/0'), { unit: 'redis/0', operation: null });
  t.match((await sim.json('status')).model['model-status'], { message: /^paused/ }, 'still paused');

  await sim.ok('resume');
  t.notMatch(await sim.ok('status'), /Notes/);
  await sim.ok('deploy', charm('bash-client'), 'demo');
  await sim.ok('integrate', 'redis', 'demo');
  for (let i = 0; i < 200 && !(await history(sim)).includes('demo/0 redis-relation-changed redis/0'); i++) await sleep(50);
  t.ok((await history(sim)).includes('demo/0 redis-relation-changed redis/0'), 'resumed, hooks ran without settle');
});

t.test('a step that fails a hook, and a step of a unit in error, exit 1 naming the error', async (t) => {
  const sim = new Sim(t);
  await sim.ok('pause');
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', fixture('flaky-client'), 'flaky');
  await sim.ok('integrate', 'redis', 'flaky');
  t.equal((await sim.run('settle')).code, 1, 'settle stops at the failed hook');

  const stuck = await sim.run('step', 'flaky/0');
  t.equal(stuck.code, 1);
  t.equal(stuck.stdout, 'flaky/0: nothing to run\n');
  t.equal(stuck.stderr, 'ERROR unit flaky/0 is in error: hook failed: "redis-relation-changed"\n');

  await sim.ok('resolve', 'flaky/0');
  const retried = await sim.run('step', 'flaky/0', '--format', 'json');
  t.equal(retried.code, 1);
  t.same(JSON.parse(retried.stdout), {
    unit: 'flaky/0',
    operation: 'redis-relation-changed',
    remote: 'redis/0',
    error: 'hook failed: "redis-relation-changed"',
  });
});
