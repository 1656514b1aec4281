// Actions end to end (`juju-sim run`, as Juju 3.6's `juju run`): the real CLI and daemon, the
// native hook tools, a bash test charm (test/charms/action-charm) and the ops redis client.
import t from 'tap';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, charm, fixture, unitData } from '../helpers/sim.js';

const timestamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/;

const escape = (text: string): string => text.replace(/[()[\]{}.*+?^$|\\]/g, '\\$&');

/** The stderr `juju run` writes before the results, as a pattern: each log line starts with a time. */
const progress = (operation: number, unit: string, logs: string[] = []): string =>
  escape(`Running operation ${operation} with 1 task\n  - task ${operation + 1} on unit-${unit.replace('/', '-')}\n\n`) +
  escape(`Waiting for task ${operation + 1}...\n`) +
  logs.map((l) => `\\d\\d:\\d\\d:\\d\\d ${escape(l)}\\n`).join('') +
  (logs.length > 0 ? '\\n' : '');

const whole = (pattern: string): RegExp => new RegExp(`^${pattern}$`);

t.test('actions on a bash charm', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('action-charm'), 'ac', '-n', '2');
  await sim.ok('settle');

  await t.test('results, log, timing and output in the json envelope', async (t) => {
    const r = await sim.run('run', 'ac/0', 'report', 'name=world', '--format', 'json');
    t.equal(r.code, 0, r.stderr);
    t.match(r.stderr, whole(progress(1, 'ac/0', ['reporting', 'reported'])));
    const envelope = JSON.parse(r.stdout);
    t.same(Object.keys(envelope), ['ac/0']);
    const task = envelope['ac/0'];
    t.same(Object.keys(task), ['id', 'log', 'results', 'status', 'timing', 'unit'], 'Go sorts the keys; no message');
    t.match(task, { id: '2', status: 'completed', unit: 'ac/0' });
    t.same(task.results, {
      count: '3',
      deep: { level: 'inner', nested: { value: '2' } },
      greeting: 'hello world',
      outer: 'replaced',
      params: '{"count":3,"deep":{"level":"inner"},"name":"world"}',
      'return-code': 0,
      stderr: 'a warning\n',
      stdout: 'report for world\n',
    }, 'nested results, the last write winning; the params with their defaults');
    t.match(task.log, [/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC reporting$/, / reported$/]);
    t.same(Object.keys(task.timing), ['completed', 'enqueued', 'started']);
    for (const value of Object.values(task.timing)) t.match(value, timestamp);
    t.ok(r.stdout.endsWith('}}\n'));
  });

  await t.test('the plain format, and key=value read as YAML', async (t) => {
    const r = await sim.run('run', 'ac/0', 'report', 'name=world', 'count=5', 'deep.level=top');
    t.equal(r.code, 0, r.stderr);
    t.equal(
      r.stdout,
      'count: "5"\ndeep:\n  level: top\n  nested:\n    value: "2"\ngreeting: hello world\nouter: replaced\n' +
        `params: '{"count":5,"deep":{"level":"top"},"name":"world"}'\n\nreport for world\na warning\n`,
    );
    t.match(r.stderr, whole(progress(3, 'ac/0', ['reporting', 'reported'])));
  });

  await t.test('action-fail: the action fails, its changes commit, the exit code is 0', async (t) => {
    const r = await sim.run('run', 'ac/0', 'give-up', '--format', 'json');
    t.equal(r.code, 0, r.stderr);
    t.match(JSON.parse(r.stdout)['ac/0'], {
      status: 'failed',
      message: 'action failed without reason given, check action for errors',
      results: { partial: 'yes', 'return-code': 0 },
    });
    t.equal(await sim.ok('exec', 'ac/0', '--', 'state-get', 'gave-up'), 'yes\n', 'state-set committed');
    const plain = await sim.run('run', 'ac/0', 'give-up', 'reason=the disk is full');
    t.equal(plain.code, 0, plain.stderr);
    t.equal(plain.stdout, 'Action id 10 failed: the disk is full\npartial: "yes"\n\n');
  });

  await t.test('a non-zero exit: changes discarded, results kept, exit 1; the unit is not in error', async (t) => {
    const r = await sim.run('run', 'ac/0', 'break', '--format', 'json');
    t.equal(r.code, 1);
    // Each exec above took an operation and a task id from the same sequence, as in Juju.
    const error = "ERROR the following task failed:\n - id \"12\" with return code 1\n\nuse 'juju show-task' to inspect the failure\n\n";
    t.match(r.stderr, whole(progress(11, 'ac/0', ['about to break']) + escape(error)));
    const task = JSON.parse(r.stdout)['ac/0'];
    t.match(task, { id: '12', status: 'failed', message: 'exit status 1' });
    t.same(task.results, { before: 'breaking', 'return-code': 1, stderr: 'breaking\n' });
    t.match(task.log, [/ about to break$/], 'action-log is kept');
    t.notOk('broken' in unitData(await sim.json('show'), 'ac/0')!, 'relation-set discarded');
    t.equal(await sim.ok('exec', 'ac/0', '--', 'state-get', 'broke'), '', 'state-set discarded');
    const unit = (await sim.json('status')).applications.ac.units['ac/0'];
    t.equal(unit['juju-status'].current, 'idle');
    t.not(unit['workload-status'].current, 'error');
    t.equal((await sim.run('settle')).code, 0);
    const runs = await sim.json('history', '--unit', 'ac/0');
    t.match(runs.at(-1), {
      hook: 'action break',
      outcome: 'failed',
      code: 1,
      toolCalls: [{ tool: 'action-set' }, { tool: 'action-log' }, { tool: 'relation-ids' }, { tool: 'relation-set' }, { tool: 'state-set' }],
    });
  });

  await t.test('nothing is queued for bad requests: the reason on stderr, no output, exit 0', async (t) => {
    const bad: Array<[string[], string]> = [
      [['ac/0', 'needs'], 'validation failed: (root) : "target" property is missing and required, given {}'],
      [['ac/0', 'report', 'bogus=1'], 'validation failed: (root) : additional property "bogus" is not allowed, given {"bogus":1}'],
      [['ac/0', 'report', 'count=x'], 'validation failed: (root).count : must be of type integer, given "x"'],
      [['ac/0', 'nope'], 'action "nope" not defined on unit "ac/0"'],
      [['ac/9', 'report'], 'unit "ac/9" not found'],
      [['zz/leader', 'report'], 'could not determine leader for "zz"'],
    ];
    let operation = 15;
    for (const [args, reason] of bad) {
      const r = await sim.run('run', ...args, '--format', 'json');
      t.same(r, { code: 0, stdout: '', stderr: `\nOperation ${operation} failed to schedule any tasks:\n${reason}\n` }, args.join(' '));
      operation++;
    }
    const params = join(sim.home, 'params.yaml');
    writeFileSync(params, 'target: /srv\n');
    const r = await sim.run('run', 'ac/0', 'needs', '--params', params, '--format', 'json');
    t.equal(r.code, 0, r.stderr);
    t.match(JSON.parse(r.stdout)['ac/0'], { id: String(operation + 1), results: { target: '/srv' } }, 'a params file');
  });

  await t.test('usage errors exit 2', async (t) => {
    t.same(await sim.run('run', 'ac', 'report'), { code: 2, stdout: '', stderr: 'ERROR no unit specified\n' });
    t.same(await sim.run('run', 'ac/0'), { code: 2, stdout: '', stderr: 'ERROR no action specified\n' });
    t.same(await sim.run('run', 'ac/0', 'report', 'name'), {
      code: 2,
      stdout: '',
      stderr: 'ERROR argument "name" must be of the form key.key.key...=value\n',
    });
  });

  await t.test('app/leader runs on the leader; the action environment', async (t) => {
    const r = await sim.run('run', 'ac/leader', 'env', '--format', 'json');
    t.equal(r.code, 0, r.stderr);
    const task = JSON.parse(r.stdout)['ac/0'];
    t.equal(task.unit, 'ac/0', 'resolved to the leader');
    const env = task.results.stdout as string;
    t.match(env, new RegExp(`^JUJU_ACTION_NAME=env$`, 'm'));
    t.match(env, new RegExp(`^JUJU_ACTION_UUID=${task.id}$`, 'm'));
    t.match(env, new RegExp(`^JUJU_ACTION_TAG=action-${task.id}$`, 'm'));
    t.match(env, /^JUJU_DISPATCH_PATH=actions\/env$/m);
    t.match(env, /^JUJU_HOOK_NAME=$/m);
    t.match(env, /^JUJU_CONTEXT_ID=ac\/0-env-[0-9a-f]{32}$/m);
    t.match(env, /^JUJU_UNIT_NAME=ac\/0$/m);
    t.notMatch(env, /^JUJU_(RELATION|RELATION_ID|REMOTE_UNIT|REMOTE_APP)=/m, 'no relation variables');
    t.notMatch(env, /^HOME=/m);
  });

  await t.test('output that is not UTF-8 comes back in base64', async (t) => {
    const r = await sim.run('run', 'ac/1', 'binary', '--format', 'json');
    t.equal(r.code, 0, r.stderr);
    t.same(JSON.parse(r.stdout)['ac/1'].results, { 'return-code': 0, stdout: 'b2sK//4K', 'stdout-encoding': 'base64' });
  });

  await t.test('actions run while the unit is in error, and leave it in error', async (t) => {
    writeFileSync(join(sim.unitCharmDir('ac/1'), 'fail-update-status'), '');
    t.equal((await sim.run('fire', 'update-status', '--unit', 'ac/1')).code, 1);
    const r = await sim.run('run', 'ac/1', 'report', 'name=anyway', '--format', 'json');
    t.equal(r.code, 0, r.stderr);
    t.match(JSON.parse(r.stdout)['ac/1'], { status: 'completed', results: { greeting: 'hello anyway' } });
    t.match((await sim.json('status')).applications.ac.units['ac/1']['workload-status'], { current: 'error', message: 'hook failed: "update-status"' });
    rmSync(join(sim.unitCharmDir('ac/1'), 'fail-update-status'));
    await sim.ok('resolve', 'ac/1');
    await sim.ok('settle');
  });

  await t.test('without dispatch, actions/<name> runs; no handler: not implemented', async (t) => {
    rmSync(join(sim.unitCharmDir('ac/1'), 'dispatch'));
    const legacy = await sim.run('run', 'ac/1', 'needs', 'target=legacy', '--format', 'json');
    t.equal(legacy.code, 0, legacy.stderr);
    t.match(JSON.parse(legacy.stdout)['ac/1'], { status: 'completed', results: { target: 'legacy' } });
    const ghost = await sim.run('run', 'ac/1', 'ghost', '--format', 'json');
    t.equal(ghost.code, 0, 'no return code: not a failed task');
    const task = JSON.parse(ghost.stdout)['ac/1'];
    t.match(task, { status: 'failed', message: 'action not implemented on unit "ac/1"' });
    t.notOk('results' in task);
    const plain = await sim.run('run', 'ac/1', 'ghost');
    t.equal(plain.stdout, `Action id ${Number(task.id) + 2} failed: action not implemented on unit "ac/1"\nTask ${Number(task.id) + 2} failed\n\n`);
  });

  await t.test('--wait: a timeout, and the action still runs to its end', async (t) => {
    const r = await sim.run('run', 'ac/0', 'slow', '--wait', '300ms');
    t.equal(r.code, 1);
    t.equal(r.stdout, '');
    t.match(r.stderr, /Waiting for task \d+\.\.\.\nERROR timed out waiting for results from: unit ac\/0\n$/);
    await sim.ok('settle');
    const runs = await sim.json('history', '--unit', 'ac/0');
    t.match(runs.at(-1), { hook: 'action slow', outcome: 'completed', code: 0 });
  });

  await t.test('hooks and actions of a unit never run at the same time', async (t) => {
    const trace = join(sim.unitCharmDir('ac/0'), 'trace');
    writeFileSync(trace, '');
    const action = sim.run('run', 'ac/0', 'slow');
    // Queue hooks while the action runs: one fired, and the relation hooks of a new peer.
    for (let i = 0; i < 50 && !readFileSync(trace, 'utf8').includes('start actions/slow'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const fired = sim.run('fire', 'update-status', '--unit', 'ac/0');
    await sim.ok('add-unit', 'ac');
    t.equal((await action).code, 0);
    t.equal((await fired).code, 0);
    await sim.ok('settle');
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    t.ok(lines.includes('start hooks/update-status'), 'the fired hook ran');
    t.ok(lines.some((l) => l.startsWith('start hooks/cluster-relation-joined')), 'the new peer was joined');
    for (let i = 0; i < lines.length; i += 2) {
      t.equal(lines[i + 1], lines[i].replace(/^start/, 'end'), `${lines[i]} ends before anything else starts`);
    }
    t.equal(lines[0], 'start actions/slow');
  });
});

t.test('an ops charm: get-redis through ops, action-get, action-set and action-fail', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('ops-redis'), 'redis');
  await sim.ok('deploy', charm('ops-redis-client'), 'client');
  await sim.ok('settle');
  const early = await sim.run('run', 'client/0', 'get-redis');
  t.equal(early.code, 0, early.stderr);
  t.equal(early.stdout, 'Action id 2 failed: waiting for redis relation data\n\n', 'event.fail()');

  await sim.ok('integrate', 'redis', 'client');
  await sim.ok('settle');
  const r = await sim.run('run', 'client/leader', 'get-redis', '--format', 'json');
  t.equal(r.code, 0, r.stderr);
  const host = unitData(await sim.json('show'), 'redis/0')!.hostname;
  const { results } = JSON.parse(r.stdout)['client/0'];
  // The password is the provider's secret, which the client reads with its own label.
  t.same(results, { host, password: results.password, port: '6379', 'return-code': 0 });
  t.match(results.password, /^[0-9a-f]{16}$/);
  const run = (await sim.json('history', '--unit', 'client/0')).at(-1);
  t.equal(run.hook, 'action get-redis');
  const calls = run.toolCalls.map((c: { tool: string; args: string[] }) => [c.tool, ...c.args].join(' '));
  t.ok(calls.includes('action-get --format=json'), 'ops loads the params');
  t.ok(calls.includes(`action-set host=${host} port=6379 password=${results.password}`), 'event.set_results()');
});
