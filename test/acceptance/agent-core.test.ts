// The agent core end to end: the real daemon, the native client, real bash charm processes.
import t from 'tap';
import { execa } from 'execa';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, charm, fixture, toolsDir, unitData } from '../helpers/sim.js';

const hooksOf = async (sim: Sim, unit: string): Promise<string[]> =>
  ((await sim.json('history', '--unit', unit)) as Array<{ hook: string; remoteUnit: string | null; outcome: string }>).map(
    (r) => `${r.hook}${r.remoteUnit ? ` ${r.remoteUnit}` : ''}${r.outcome === 'ok' || r.outcome === 'missing' ? '' : ` (${r.outcome})`}`,
  );

t.test('a provider and a requirer exchange data through real hook tools', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '2');
  await sim.ok('integrate', 'redis', 'demo');
  await sim.ok('settle');

  const show = await sim.json('show');
  t.equal(show.relations.length, 1);
  const relation = show.relations[0];
  t.equal(relation.interface, 'redis');
  t.same(
    relation.endpoints.map((e: any) => [e.application, e.endpoint, e.role]),
    [
      ['redis', 'redis', 'provider'],
      ['demo', 'redis', 'requirer'],
    ],
  );
  const redis = unitData(show, 'redis/0')!;
  t.match(redis, { host: redis['private-address'], port: '6379' }, 'provider published host and port');
  t.equal(redis['ingress-address'], redis['private-address']);
  t.equal(redis['egress-subnets'], `${redis['private-address']}/32`);
  for (const unit of ['demo/0', 'demo/1']) {
    t.match(unitData(show, unit), { 'redis-host': redis.host, 'redis-port': '6379' }, `${unit} copied what it saw`);
  }

  const demo1 = await hooksOf(sim, 'demo/1');
  // When the relation lands relative to the install sequence depends on timing (a relation there
  // by the end of install is created right after it, in Juju's first-start order); the install
  // sequence is the same either way, and the relation's own hooks are always created → joined →
  // changed, then only further changes.
  t.equal(demo1[0], 'install');
  t.same(demo1.filter((h) => !h.startsWith('redis-')).slice(0, 4), ['install', 'leader-settings-changed', 'config-changed', 'start']);
  const relationHooks = demo1.filter((h) => h.startsWith('redis-'));
  t.same(relationHooks.slice(0, 3), ['redis-relation-created', 'redis-relation-joined redis/0', 'redis-relation-changed redis/0']);
  t.same(new Set(relationHooks.slice(3)), new Set(relationHooks.length > 3 ? ['redis-relation-changed redis/0'] : []));

  const status = await sim.json('status');
  t.equal(status.applications.demo.units['demo/0'].leader, true);
  t.notOk('leader' in status.applications.demo.units['demo/1']);
  t.equal(status.applications.demo.units['demo/1']['juju-status'].current, 'idle');
  t.same(status.applications.redis.relations.redis, [{ 'related-application': 'demo', interface: 'redis', scope: 'global' }]);

  await t.test('writing the same values again queues no hook on the other side', async (t) => {
    const before = await hooksOf(sim, 'demo/0');
    const fired = await sim.run('fire', 'redis-relation-changed', '--unit', 'redis/0', '--remote', 'demo/0');
    t.equal(fired.code, 0, fired.stderr);
    await sim.ok('settle');
    t.same(await hooksOf(sim, 'demo/0'), before);
  });

  await t.test('three writes in one hook give each remote unit exactly one relation-changed', async (t) => {
    // Each unit's own count: how many relation-changed hooks each got before depends on timing.
    const before = { 'demo/0': (await hooksOf(sim, 'demo/0')).length, 'demo/1': (await hooksOf(sim, 'demo/1')).length };
    // With two remote units, Juju's exec needs to be told which one the context is about.
    await sim.ok('exec', 'redis/0', '-r', 'redis:0', '--remote-unit', 'demo/0', '--', 'relation-set a=1; relation-set b=2; relation-set c=3');
    await sim.ok('settle');
    for (const unit of ['demo/0', 'demo/1'] as const) {
      t.same((await hooksOf(sim, unit)).slice(before[unit]), ['redis-relation-changed redis/0'], unit);
    }
    t.match(unitData(await sim.json('show'), 'redis/0'), { a: '1', b: '2', c: '3' });
  });

  await t.test('show-unit shows the remote side as Juju does; open ports appear after commit', async (t) => {
    await sim.ok('exec', 'redis/0', '--', 'open-port 6379 && opened-ports');
    const shown = await sim.json('show-unit', 'demo/1');
    t.same(Object.keys(shown), ['demo/1']);
    t.match(shown['demo/1'], { leader: false, charm: 'local:bash-client-0', 'opened-ports': null, life: 'alive' });
    const [info] = shown['demo/1']['relation-info'];
    t.match(info, { 'relation-id': 0, endpoint: 'redis', 'related-endpoint': 'redis', 'application-data': {} });
    t.same(Object.keys(info['related-units']), ['redis/0']);
    t.match(info['related-units']['redis/0'], { 'in-scope': true, data: { port: '6379' } });
    t.same((await sim.json('show-unit', 'redis/0'))['redis/0']['opened-ports'], ['6379/tcp']);
    t.same((await sim.json('status')).applications.redis.units['redis/0']['open-ports'], ['6379/tcp']);
  });

  await t.test('a non-leader cannot write its application databag', async (t) => {
    const r = await sim.run('exec', 'demo/1', '-r', 'redis:0', '--', 'relation-set', '--app', 'k=v');
    t.equal(r.code, 1);
    t.equal(r.stderr, 'ERROR cannot write relation settings\n');
  });

  await t.test('exec --format json: Juju\'s envelope, and its failure text', async (t) => {
    const ok = await sim.run('exec', 'demo/0', '--format', 'json', '--', 'echo hi');
    t.equal(ok.code, 0, ok.stderr);
    const [unit, task] = Object.entries(JSON.parse(ok.stdout))[0] as [string, Record<string, unknown>];
    t.equal(unit, 'demo/0');
    t.match(task, { id: /^\d+$/, status: 'completed', unit: 'demo/0', results: { 'return-code': 0, stdout: 'hi\n' } });
    const failed = await sim.run('exec', 'demo/0', '--format', 'json', '--', 'echo oops >&2; exit 3');
    t.equal(failed.code, 1);
    const id = (Object.values(JSON.parse(failed.stdout))[0] as { id: string }).id;
    t.equal(Number(id), Number(task.id) + 2, 'an operation and a task id per exec, as Juju numbers them');
    t.match(JSON.parse(failed.stdout)['demo/0'].results, { 'return-code': 3, stderr: 'oops\n' });
    t.equal(failed.stderr, `ERROR the following task failed:\n - id "${id}" with return code 3\n\nuse 'juju show-task' to inspect the failure\n\n`);
  });

  await t.test('exec runs in a hook-like context of the unit', async (t) => {
    const r = await sim.run('exec', 'demo/1', '-r', 'redis:0', '--remote-unit', 'redis/0', '--', 'relation-get', '-', 'redis/0');
    t.equal(r.code, 0, r.stderr);
    t.match(r.stdout, /^host: 127\.1\.\d+\.\d+\n/m);
    const env = await sim.ok('exec', 'demo/1', '-r', 'redis:0', '--remote-unit', 'redis/0', '--', 'env');
    t.match(env, /^JUJU_UNIT_NAME=demo\/1$/m);
    t.match(env, /^JUJU_RELATION_ID=redis:0$/m);
    t.match(env, /^JUJU_REMOTE_UNIT=redis\/0$/m);
    t.match(env, /^JUJU_REMOTE_APP=redis$/m);
    t.match(env, /^JUJU_HOOK_NAME=$/m);
    t.notMatch(env, /^HOME=/m);
    t.notMatch(env, /^JUJU_DISPATCH_PATH=/m);
  });

  await t.test("the secret tools parse as Juju's do; an unknown secret is not found", async (t) => {
    const usage = await sim.run('exec', 'demo/0', '--', 'secret-get');
    t.equal(usage.code, 2, 'a usage error is exit 2, as in Juju');
    t.equal(usage.stderr, 'ERROR require either a secret URI or label\n');
    const unknown = await sim.run('exec', 'demo/0', '--', 'secret-get secret:d1t0l8pgcfe1l4mpvqkg');
    t.same([unknown.code, unknown.stdout, unknown.stderr], [1, '', 'ERROR secret "d1t0l8pgcfe1l4mpvqkg" not found\n']);
    const ids = await sim.run('exec', 'demo/0', '--', 'secret-ids');
    t.same([ids.code, ids.stdout, ids.stderr], [0, '', ''], 'the unit owns no secrets');
  });

  await t.test('a killed daemon loses no committed data and does not block the next start', async (t) => {
    const before = await sim.json('show');
    const pid = Number(/pid (\d+)/.exec(await sim.ok('daemon', 'status'))![1]);
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    t.same(await sim.json('show'), before, 'the next command starts a new daemon over the stale pid file and socket');
    t.not(Number(/pid (\d+)/.exec(await sim.ok('daemon', 'status'))![1]), pid);
  });

  await t.test('a daemon restart keeps every committed databag', async (t) => {
    const before = await sim.json('show');
    await sim.ok('daemon', 'stop');
    t.equal((await sim.run('daemon', 'status')).code, 1);
    await sim.ok('daemon', 'start');
    t.same(await sim.json('show'), before);
    await sim.ok('settle');
    t.same(await sim.json('show'), before, 'and nothing re-runs after the restart');
  });
});

/**
 * One hook at a time for the two tests below: they count flaky/0's relation-changed hooks, and
 * whether redis/0's write reaches flaky/0 before its first one or as one more afterwards is, with
 * hooks in parallel, a matter of which unit got there first (as in Juju).
 */
const oneHookAtATime = { maxParallelHooks: 1 };

t.test('a failing hook publishes nothing and leaves the unit in error until resolved', async (t) => {
  const sim = new Sim(t, oneHookAtATime);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', fixture('flaky-client'), 'flaky');
  await sim.ok('integrate', 'redis', 'flaky');
  const settled = await sim.run('settle');
  t.equal(settled.code, 1);
  t.match(settled.stderr, 'unit flaky/0 is in error: hook failed: "redis-relation-changed"');
  t.notOk('seen-port' in unitData(await sim.json('show'), 'flaky/0')!, 'the failed hook wrote nothing');

  const status = await sim.json('status');
  t.match(status.applications.flaky.units['flaky/0']['workload-status'], { current: 'error', message: 'hook failed: "redis-relation-changed"' });
  t.equal(status.applications.flaky['application-status'].current, 'error');

  const fire = await sim.run('fire', 'install', '--unit', 'flaky/0');
  t.equal(fire.code, 1);
  t.match(fire.stderr, 'is in error');

  await sim.ok('resolve', 'flaky/0');
  t.equal((await sim.run('settle')).code, 1, 'retried, failed again');

  rmSync(join(sim.unitCharmDir('flaky/0'), 'fail'));
  await sim.ok('resolve', 'flaky/0');
  await sim.ok('settle');
  t.equal(unitData(await sim.json('show'), 'flaky/0')!['seen-port'], '6379');
  const runs = await hooksOf(sim, 'flaky/0');
  t.same(runs.slice(-3), [
    'redis-relation-changed redis/0 (failed)',
    'redis-relation-changed redis/0 (failed)',
    'redis-relation-changed redis/0',
  ], 'the same hook was retried until it passed; re-publishing the same values ran nothing more');
});

t.test('resolve --no-retry skips the failed hook and discards its writes', async (t) => {
  const sim = new Sim(t, oneHookAtATime);
  // Paused, the relation lands before flaky/0 installs, however fast the command line is.
  await sim.ok('pause');
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', fixture('flaky-client'), 'flaky');
  await sim.ok('integrate', 'redis', 'flaky');
  await sim.ok('resume');
  t.equal((await sim.run('settle')).code, 1);
  await sim.ok('resolve', '--no-retry', 'flaky/0');
  await sim.ok('settle');
  t.notOk('seen-port' in unitData(await sim.json('show'), 'flaky/0')!, 'the skipped hook wrote nothing');
  t.equal((await sim.json('status')).applications.flaky.units['flaky/0']['workload-status'].current, 'unknown');
  t.match(await hooksOf(sim, 'flaky/0'), ['install', 'redis-relation-created', 'leader-elected', 'config-changed', 'start', 'redis-relation-joined redis/0', 'redis-relation-changed redis/0 (failed)', 'redis-relation-changed redis/0 (skipped)']);
});

t.test('hook tools outside a hook context fail like Juju\'s', async (t) => {
  const r = await execa(join(toolsDir, 'relation-get'), [], {
    reject: false,
    env: { PATH: process.env.PATH },
    extendEnv: false,
    stripFinalNewline: false,
  });
  t.equal(r.exitCode, 1);
  t.equal(r.stderr, 'ERROR JUJU_CONTEXT_ID not set\n');
  t.equal(r.stdout, '');
});

t.test('fire says what it needs when the choice is ambiguous', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '2');
  await sim.ok('settle');
  const r = await sim.run('fire', 'config-changed');
  t.equal(r.code, 1);
  t.equal(r.stderr, 'ERROR several units can run "config-changed": demo/0, demo/1; choose one with --unit\n');
  const ok = await sim.run('fire', 'config-changed', '--unit', 'demo/1');
  t.equal(ok.code, 0, ok.stderr);
});

t.test("the leader's write to the peer application databag reaches every peer, the leader too", async (t) => {
  // Juju 3.6: a peer relation's counterpart application is the application itself, so a new
  // version of its databag is an app-level relation-changed (no remote unit) on every unit.
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('peer-app-writer'), 'peer', '-n', '2');
  await sim.ok('settle');
  const before = (await sim.json('history')).length;
  await sim.ok('config', 'peer', 'token=abc');
  await sim.ok('settle');
  const runs = ((await sim.json('history')) as Array<{ unit: string; hook: string; remoteUnit: string | null; remoteApp: string | null }>)
    .slice(before)
    .map((r) => `${r.unit} ${r.hook} ${r.remoteApp ?? ''} ${r.remoteUnit ?? ''}`.trim())
    .sort();
  t.same(runs, [
    'peer/0 cluster-relation-changed peer',
    'peer/0 config-changed',
    'peer/1 cluster-relation-changed peer',
    'peer/1 config-changed',
  ]);
});
