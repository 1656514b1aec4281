// `refresh --path`: every unit deploys the new charm, keeping what the old one wrote in its charm
// directory, and runs upgrade-charm then config-changed, whatever kind of charm it is (bash, ops
// with its venv, packed, reactive); a charm that is not the same charm, or that would break a
// relation, is refused as Juju refuses it; a charm that cannot be deployed puts the unit in error
// while the daemon goes on answering.
import t, { type Test } from 'tap';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheRoot } from '../../charmbuild/cache.js';
import { packCharm } from '../../charmbuild/pack.js';
import { Sim, charm, exited, fixture } from '../helpers/sim.js';

type Teardown = { teardown(fn: () => unknown): void };

function scratchDir(t: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-charm-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A writable copy of a charm. */
function copyOf(t: Teardown, source: string): string {
  const dir = scratchDir(t);
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** A writable copy of bash-client whose dispatch also runs `extra`. */
function clientCharm(t: Teardown, extra: string): string {
  const dir = copyOf(t, charm('bash-client'));
  writeFileSync(join(dir, 'dispatch'), `${readFileSync(join(dir, 'dispatch'), 'utf8')}${extra}\n`, { mode: 0o755 });
  return dir;
}

const hooks = async (sim: Sim, unit: string, from: number): Promise<string[]> =>
  ((await sim.json('history', '--unit', unit)) as Array<{ hook: string }>).slice(from).map((r) => r.hook);

t.test('refresh: upgrade-charm then config-changed on every unit, with the new code and the old run-time files', async (t) => {
  const sim = new Sim(t);
  const source = clientCharm(t, 'if [ "$JUJU_DISPATCH_PATH" = hooks/install ]; then echo v1 > written-at-install; fi');
  writeFileSync(join(source, 'old-only.txt'), 'shipped by v1\n');
  await sim.ok('deploy', source, 'demo', '-n', '2');
  await sim.ok('settle');
  const before = { 'demo/0': (await hooks(sim, 'demo/0', 0)).length, 'demo/1': (await hooks(sim, 'demo/1', 0)).length };
  t.equal((await sim.json('status')).applications.demo['charm-rev'], 0);

  rmSync(join(source, 'old-only.txt'));
  writeFileSync(
    join(source, 'dispatch'),
    '#!/bin/bash\nset -eu\nif [ "$JUJU_DISPATCH_PATH" = hooks/upgrade-charm ]; then echo v2 > upgraded; fi\n',
    { mode: 0o755 },
  );
  const refreshed = await sim.run('refresh', 'demo', '--path', source);
  t.equal(refreshed.code, 0, refreshed.stderr);
  t.equal(refreshed.stderr, 'Added local charm "bash-client", revision 1, to the model\n');
  await sim.ok('settle');

  // The non-leader then runs leader-settings-changed: Juju's resolver loop restarts after the
  // deploy, with a fresh local state that has caught up with no leader settings.
  const expected = { 'demo/0': ['upgrade-charm', 'config-changed'], 'demo/1': ['upgrade-charm', 'config-changed', 'leader-settings-changed'] };
  for (const unit of ['demo/0', 'demo/1'] as const) {
    t.same(await hooks(sim, unit, before[unit]), expected[unit], `${unit} hook order`);
    const dir = sim.unitCharmDir(unit);
    t.equal(readFileSync(join(dir, 'upgraded'), 'utf8'), 'v2\n', `${unit} ran the new upgrade-charm`);
    t.equal(readFileSync(join(dir, 'written-at-install'), 'utf8'), 'v1\n', `${unit} kept what the old charm wrote`);
    t.notOk(existsSync(join(dir, 'old-only.txt')), `${unit} lost the file only the old charm shipped`);
  }
  const app = (await sim.json('status')).applications.demo;
  t.equal(app.charm, 'local:bash-client-1');
  t.equal(app['charm-rev'], 1);

  // Units added later get the new charm and no upgrade-charm.
  await sim.ok('add-unit', 'demo');
  await sim.ok('settle');
  t.same(await hooks(sim, 'demo/2', 0), ['install', 'leader-settings-changed', 'config-changed', 'start']);
  t.notOk(existsSync(join(sim.unitCharmDir('demo/2'), 'old-only.txt')));
});

t.test('a unit in error: refresh waits for resolve; refresh --force-units upgrades it without upgrade-charm', async (t) => {
  const sim = new Sim(t);
  // v1 fails a hook while a file says so; v2 records which charm ran each hook.
  const source = copyOf(t, fixture('ticker'));
  await sim.ok('deploy', source, 'demo', '-n', '2');
  await sim.ok('settle');
  writeFileSync(join(sim.unitCharmDir('demo/1'), 'fail-config-changed'), '');
  await sim.ok('config', 'demo', 'n=1');
  t.equal((await sim.run('settle')).code, 1);
  const before = { 'demo/0': (await hooks(sim, 'demo/0', 0)).length, 'demo/1': (await hooks(sim, 'demo/1', 0)).length };
  writeFileSync(join(source, 'dispatch'), '#!/bin/bash\necho "v2 $JUJU_HOOK_NAME" >> ran-by\n', { mode: 0o755 });

  await sim.ok('refresh', 'demo', '--path', source);
  t.equal((await sim.run('settle')).code, 1);
  t.same(await hooks(sim, 'demo/0', before['demo/0']), ['upgrade-charm', 'config-changed']);
  t.same(await hooks(sim, 'demo/1', before['demo/1']), [], 'without --force-units the unit in error waits');
  t.notOk(existsSync(join(sim.unitCharmDir('demo/1'), 'ran-by')), 'and keeps its charm');

  await sim.ok('refresh', 'demo', '--path', source, '--force-units');
  t.equal((await sim.run('settle')).code, 1, 'the unit stays in error');
  t.same(await hooks(sim, 'demo/0', before['demo/0']), ['upgrade-charm', 'config-changed', 'upgrade-charm', 'config-changed']);
  t.same(await hooks(sim, 'demo/1', before['demo/1']), [], 'no upgrade-charm on the unit in error');
  t.match((await sim.json('status')).applications.demo.units['demo/1']['workload-status'], { current: 'error', message: 'hook failed: "config-changed"' });

  await sim.ok('resolve', 'demo/1');
  await sim.ok('settle');
  // Then, a non-leader, leader-settings-changed: Juju's resolver loop restarted after the forced deploy.
  t.same(await hooks(sim, 'demo/1', before['demo/1']), ['config-changed', 'leader-settings-changed'], 'resolve retries the failed hook, on the new charm, and no upgrade-charm');
  t.equal(readFileSync(join(sim.unitCharmDir('demo/1'), 'ran-by'), 'utf8'), 'v2 config-changed\nv2 leader-settings-changed\n');
  t.not((await sim.json('status')).applications.demo.units['demo/1']['workload-status'].current, 'error');
});

t.test('refresh refuses another charm and a charm that would break a relation', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', charm('bash-client'), 'demo');
  await sim.ok('integrate', 'redis', 'demo');
  await sim.ok('settle');

  const other = await sim.run('refresh', 'demo', '--path', charm('bash-redis'));
  t.equal(other.code, 1);
  t.equal(other.stderr, 'ERROR cannot refresh "bash-client" to "bash-redis"\n');

  const source = clientCharm(t, '');
  writeFileSync(join(source, 'metadata.yaml'), 'name: bash-client\nsummary: s\ndescription: d\n');
  const breaking = await sim.run('refresh', 'demo', '--path', source);
  t.equal(breaking.code, 1);
  t.equal(breaking.stderr, 'ERROR cannot upgrade application "demo" to charm "local:bash-client-1": would break relation "demo:redis redis:redis"\n');
  t.equal((await sim.json('status')).applications.demo['charm-rev'], 0, 'a refused charm takes no revision');
  t.ok(existsSync(join(sim.home, 'models', 'default', 'charms', 'demo', 'metadata.yaml')), 'the application keeps its charm');

  const missing = await sim.run('refresh', 'demo');
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^ERROR --path is required/);
});

/**
 * A Python charm whose code (`module`, relative to the charm) also appends
 * `<JUJU_DISPATCH_PATH> <version>` to `ran` in the charm directory, as each hook runs it.
 */
function pythonCharm(t: Teardown, source: string, module: string): (version: string) => string {
  const dir = copyOf(t, source);
  const code = readFileSync(join(dir, module), 'utf8');
  return (version) => {
    writeFileSync(
      join(dir, module),
      `${code}\nimport os as _os\nwith open('ran', 'a') as _ran:\n    _ran.write(_os.environ['JUJU_DISPATCH_PATH'] + ' ${version}\\n')\n`,
    );
    return dir;
  };
}

/** Deploys v1 of a charm, refreshes to v2, and checks that v2's code ran upgrade-charm then config-changed. */
async function refreshes(t: Test, charmAt: (version: string) => Promise<string> | string): Promise<void> {
  const sim = new Sim(t);
  await sim.ok('deploy', await charmAt('v1'), 'demo');
  await sim.ok('settle');
  const before = (await hooks(sim, 'demo/0', 0)).length;

  const refreshed = await sim.run('refresh', 'demo', '--path', await charmAt('v2'));
  t.equal(refreshed.code, 0, refreshed.stderr);
  const settled = await sim.run('settle');
  t.equal(settled.code, 0, settled.stderr);

  t.same(await hooks(sim, 'demo/0', before), ['upgrade-charm', 'config-changed']);
  const ran = readFileSync(join(sim.unitCharmDir('demo/0'), 'ran'), 'utf8').trim().split('\n');
  t.same(ran.slice(-2), ['hooks/upgrade-charm v2', 'hooks/config-changed v2'], 'the new code ran both');
  t.ok(ran.includes('hooks/install v1'), 'what the old code wrote at run time is still there');
  const unit = (await sim.json('status')).applications.demo.units['demo/0'];
  t.not(unit['workload-status'].current, 'error');
  t.equal(unit['juju-status'].current, 'idle');
}

t.test('refresh of an ops charm from its source tree: its venv is written over the deployed one', (t) =>
  refreshes(t, pythonCharm(t, fixture('ops-tiny'), 'src/charm.py')),
);

t.test('refresh of an ops charm from a packed .charm', async (t) => {
  const source = pythonCharm(t, fixture('ops-tiny'), 'src/charm.py');
  const scratch = scratchDir(t);
  await refreshes(t, async (version) => {
    const output = join(scratch, version);
    mkdirSync(output);
    const packed = await packCharm(source(version), output, { cache: cacheRoot(), progress: () => {} });
    t.equal(packed, join(output, 'ops-tiny_amd64.charm'), 'named as charmcraft names it for its platform');
    return packed;
  });
});

t.test('refresh of a reactive charm, whose venv is at ../.venv', (t) =>
  refreshes(t, pythonCharm(t, charm('reactive-redis-client'), 'reactive/client.py')),
);

/** Waits for a process to end. */
const ended = async (pid: number): Promise<void> => {
  while (!exited(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
};

t.test('a charm that cannot be deployed puts the unit in error until resolved; the daemon keeps answering', async (t) => {
  const sim = new Sim(t);
  const source = clientCharm(t, '');
  await sim.ok('deploy', source, 'demo');
  await sim.ok('settle');
  const before = (await hooks(sim, 'demo/0', 0)).length;

  // The unit's charm directory is a file: nothing can be written into it.
  const charmDir = sim.unitCharmDir('demo/0');
  renameSync(charmDir, `${charmDir}.aside`);
  writeFileSync(charmDir, 'in the way\n');
  writeFileSync(
    join(source, 'dispatch'),
    '#!/bin/bash\nset -eu\nif [ "$JUJU_DISPATCH_PATH" = hooks/upgrade-charm ]; then echo v2 > upgraded; fi\n',
    { mode: 0o755 },
  );
  await sim.ok('refresh', 'demo', '--path', source);
  const settled = await sim.run('settle');
  t.equal(settled.code, 1);
  t.equal(settled.stderr, 'ERROR unit demo/0 is in error: upgrade failed\n');

  const inError = async (): Promise<void> => {
    const app = (await sim.json('status')).applications.demo;
    t.match(app.units['demo/0']['workload-status'], { current: 'error', message: 'upgrade failed' });
    t.equal(app['charm-rev'], 1);
  };
  await inError();
  t.match(await sim.ok('debug-log', '--include', 'demo/0', '--level', 'ERROR'), `cannot upgrade charm: EEXIST: file already exists, mkdir '${charmDir}'`);
  const log = join(sim.home, 'models', 'default', 'daemon.log');
  const logged = statSync(log).size;
  for (let i = 0; i < 3; i++) await inError();
  t.equal(statSync(log).size, logged, 'a unit waiting in error adds nothing to the daemon log');

  let pid = Number(readFileSync(join(sim.home, 'run', 'daemon.pid'), 'utf8'));
  t.equal((await sim.run('daemon', 'stop')).code, 0);
  await ended(pid);
  await inError();
  pid = Number(readFileSync(join(sim.home, 'run', 'daemon.pid'), 'utf8'));
  process.kill(pid, 'SIGTERM');
  await ended(pid);

  rmSync(charmDir);
  renameSync(`${charmDir}.aside`, charmDir);
  await sim.ok('resolve', 'demo/0');
  await sim.ok('settle');
  t.same(await hooks(sim, 'demo/0', before), ['upgrade-charm', 'config-changed']);
  t.equal(readFileSync(join(charmDir, 'upgraded'), 'utf8'), 'v2\n');
  t.equal((await sim.json('status')).applications.demo.units['demo/0']['juju-status'].current, 'idle');
});
