// Real ops charms (ops from PyPI in the charm's own venv, started through dispatch) under the
// real daemon: the redis example pair, failure, deferral, and an ops 2.x build of the client.
import t from 'tap';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim, charm, unitData } from '../helpers/sim.js';

interface Run {
  hook: string;
  remoteUnit: string | null;
  outcome: string;
  toolCalls: Array<{ tool: string; args: string[]; code: number }>;
}

const address = /^127\.1\.\d+\.\d+$/;

async function deployPair(sim: Sim, client = charm('ops-redis-client'), clientConfig: string[] = []): Promise<void> {
  await sim.ok('deploy', charm('ops-redis'), 'redis');
  await sim.ok('deploy', client, 'client');
  if (clientConfig.length) await sim.ok('config', 'client', ...clientConfig);
  await sim.ok('settle');
  await sim.ok('integrate', 'redis', 'client');
}

/**
 * One hook at a time where a test names the relation-changed that saw the provider's data: with
 * hooks in parallel, which of the client's hooks first sees it depends on which unit got there
 * first (as in Juju).
 */
const oneHookAtATime = { maxParallelHooks: 1 };

t.test('the ops provider and requirer exchange hostname and port', async (t) => {
  const sim = new Sim(t, oneHookAtATime);
  await deployPair(sim);
  await sim.ok('settle');

  const show = await sim.json('show');
  const redis = unitData(show, 'redis/0')!;
  t.match(redis.hostname, address, 'provider published its hostname');
  t.equal(redis.port, '6379');
  t.equal(unitData(show, 'client/0')!['redis-address'], `${redis.hostname}:6379`);

  const status = await sim.json('status');
  t.match(status.applications.client.units['client/0']['workload-status'], {
    current: 'active',
    message: `redis at ${redis.hostname}:6379`,
  });
  t.equal(status.applications.redis.units['redis/0']['workload-status'].current, 'active');

  await t.test('the hook-tool calls of a relation-changed are the ones ops makes', async (t) => {
    const runs = (await sim.json('history', '--unit', 'client/0')) as Run[];
    const changed = runs.find((r) => r.hook === 'redis-relation-changed' && r.remoteUnit === 'redis/0')!;
    const rid = `redis:${show.relations[0].id}`;
    const calls = changed.toolCalls.map((c) => [c.tool, ...c.args].join(' '));
    t.match(calls[0], /^juju-log --log-level DEBUG -- ops 3\.\d+\.\d+ up and running\.$/);
    t.ok(calls.includes('relation-ids redis --format=json'), 'relation-ids for the event endpoint');
    t.ok(calls.includes(`relation-list --format=json -r ${rid}`), 'relation-list for the relation');
    t.ok(calls.includes('juju-log --log-level DEBUG -- Emitting Juju event redis_relation_changed.'));
    t.ok(calls.includes(`relation-get --format=json -r ${rid} - redis/0`), 'reads the remote unit bag');
    t.ok(calls.includes('is-leader --format=json'), 'is-leader from collect-status');
    t.ok(calls.some((c) => c.startsWith('status-set --application=False active -- redis at')), 'status-set active');
    t.ok(calls.includes(`relation-set -r ${rid} --file -`), 'relation-set through stdin');
    t.same(changed.toolCalls.filter((c) => c.code !== 0), [], 'every call succeeded');
  });

  await t.test('config-get answers with typed values and the provider republishes a new port', async (t) => {
    const r = await sim.run('exec', 'redis/0', '--', 'config-get', '--format=json');
    t.equal(r.stdout, '{"port":6379}\n');
    await sim.ok('config', 'redis', 'port=7000');
    await sim.ok('settle');
    t.equal(unitData(await sim.json('show'), 'redis/0')!.port, '7000');
    const client = (await sim.json('status')).applications.client.units['client/0']['workload-status'];
    t.equal(client.message, `redis at ${redis.hostname}:7000`);
  });

  await t.test('debug-log shows what the charm logged through juju-log', async (t) => {
    const log = await sim.ok('debug-log', '--include', 'redis/0', '--level', 'INFO');
    t.match(log, /^unit-redis-0: \d\d:\d\d:\d\d INFO unit\.redis\/0\.juju-log redis:\d+: told client: redis at 127\.1\.\d+\.\d+:7000$/m);
    t.notMatch(log, / DEBUG /);
    t.notMatch(log, /^unit-client-0/m);
  });
});

t.test('a handler that raises: hook failed, relation writes and stored state discarded, status kept', async (t) => {
  const sim = new Sim(t, oneHookAtATime);
  await deployPair(sim, charm('ops-redis-client'), ['fail-on-changed=true']);
  const settled = await sim.run('settle');
  t.equal(settled.code, 1);
  t.match(settled.stderr, 'unit client/0 is in error: hook failed: "redis-relation-changed"');
  t.notOk('redis-address' in unitData(await sim.json('show'), 'client/0')!, 'the relation write was discarded');
  const status = (await sim.json('status')).applications.client.units['client/0']['workload-status'];
  t.match(status, { current: 'error', message: 'hook failed: "redis-relation-changed"' });

  const charmStatus = await sim.run('exec', 'client/0', '--', 'status-get', '--include-data', '--format=json');
  t.match(JSON.parse(charmStatus.stdout), { status: 'active', message: /^redis at / }, 'the status-set before the exception remains');

  await sim.ok('config', 'client', 'fail-on-changed=false');
  await sim.ok('resolve', '--no-retry', 'client/0');
  await sim.ok('settle');
  const after = (await sim.json('status')).applications.client.units['client/0']['workload-status'];
  t.match(after, { current: 'blocked', message: 'waiting for redis relation data' }, 'stored state from the failed hook was not persisted');
});

t.test('a deferred event is re-emitted at the next dispatch', async (t) => {
  const sim = new Sim(t);
  await deployPair(sim, charm('ops-redis-client'), ['defer-changed=true']);
  await sim.ok('settle');
  t.equal((await sim.json('status')).applications.client.units['client/0']['workload-status'].current, 'blocked');
  await sim.ok('config', 'client', 'defer-changed=false');
  await sim.ok('settle');
  const log = await sim.ok('debug-log', '--include', 'client/0');
  t.match(log, /Deferring <RelationChangedEvent app='redis' unit='redis\/0' /);
  // The provider's application databag (its password secret's URI) changed too: that event waits in the queue as well.
  t.match(
    log,
    /Re-emitting deferred event <RelationChangedEvent app='redis' unit='redis\/0' .* via OpsRedisClientCharm\/on\/redis_relation_changed\[\d+\]> \(\d of 2 in queue\)/,
  );
  t.match(log, /Re-emitting deferred event <RelationChangedEvent app='redis' unit=None .*> \(\d of 2 in queue\)/);
  t.equal((await sim.json('status')).applications.client.units['client/0']['workload-status'].current, 'active');
});

t.test('the same client built with ops 2.x works too', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ops2-client-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(charm('ops-redis-client'), dir, { recursive: true });
  const requirements = join(dir, 'requirements.txt');
  writeFileSync(requirements, readFileSync(requirements, 'utf8').replace(/^ops==.*$/m, 'ops==2.23.6'));
  const sim = new Sim(t);
  await deployPair(sim, dir);
  await sim.ok('settle');
  const runs = (await sim.json('history', '--unit', 'client/0')) as Run[];
  const first = runs[0].toolCalls.map((c) => [c.tool, ...c.args].join(' '));
  t.match(first[0], /ops 2\.23\.6 up and running/);
  t.match((await sim.json('status')).applications.client.units['client/0']['workload-status'].message, /^redis at 127\.1\./);
});
