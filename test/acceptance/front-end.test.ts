// The native front end (bin/juju-sim, hooktools/client/jujuc.c) whose commands the daemon runs:
// the same bytes and exit codes as the CLI run by Node; the caller's files and stdin taken by the
// front end, relative to its working directory, so that a FIFO never blocks the daemon;
// concurrent calls; a caller gone in the middle of a settle.
import t from 'tap';
import { execa, type ResultPromise } from 'execa';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charm, cli, fixture, frontEnd, Sim, type Result } from '../helpers/sim.js';

interface Call {
  cwd?: string;
  input?: string;
  env?: Record<string, string>;
}

const result = (r: { exitCode?: number; stdout: unknown; stderr: unknown }): Result => ({
  code: r.exitCode ?? -1,
  stdout: String(r.stdout),
  stderr: String(r.stderr),
});

/** `juju-sim <args>` through the front end, with the caller's cwd, stdin and environment. */
const start = (sim: Sim, args: string[], call: Call = {}): ResultPromise =>
  execa(frontEnd, args, {
    cwd: call.cwd,
    env: { JUJU_SIM_HOME: sim.home, ...call.env },
    reject: false,
    stripFinalNewline: false,
    ...(call.input === undefined ? { stdin: 'ignore' } : { input: call.input }),
  });
const front = async (sim: Sim, args: string[], call: Call = {}): Promise<Result> => result(await start(sim, args, call));

/** The same through the CLI run by Node. */
const node = async (sim: Sim, args: string[]): Promise<Result> =>
  result(await execa(process.execPath, [cli, ...args], { env: { JUJU_SIM_HOME: sim.home }, reject: false, stdin: 'ignore', stripFinalNewline: false }));

/** A charm whose install hook takes `seconds`. */
function slowCharm(seconds: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-slow-'));
  writeFileSync(join(dir, 'metadata.yaml'), 'name: slow\nsummary: slow\n');
  mkdirSync(join(dir, 'hooks'));
  writeFileSync(join(dir, 'hooks', 'install'), `#!/bin/sh\nsleep ${seconds}\n`);
  chmodSync(join(dir, 'hooks', 'install'), 0o755);
  return dir;
}

t.test('without a daemon the call goes to the CLI run by Node, which starts one; then the front end answers alone', async (t) => {
  const sim = new Sim(t);
  t.same(await front(sim, ['daemon', 'status']), { code: 1, stdout: 'daemon not running\n', stderr: '' });
  t.match(await front(sim, ['status']), { code: 0, stdout: /^Model {4}Controller/ });
  // No node on PATH: only the front end's own path can answer.
  const alone = result(
    await execa(frontEnd, ['status', '--format', 'json'], { env: { JUJU_SIM_HOME: sim.home, PATH: '/nonexistent' }, extendEnv: false, reject: false }),
  );
  t.equal(alone.code, 0, alone.stderr);
  t.equal(JSON.parse(alone.stdout).model.name, 'default');
});

t.test('without a daemon, a charm build starts none; any other command starts one, even one that needs none', async (t) => {
  const sim = new Sim(t);
  const built = await front(sim, ['build', charm('bash-client')]);
  t.equal(built.code, 0, built.stderr);
  t.same(await front(sim, ['daemon', 'status']), { code: 1, stdout: 'daemon not running\n', stderr: '' }, 'build left no daemon');
  t.equal((await front(sim, ['version'])).code, 0);
  t.match(await front(sim, ['daemon', 'status']), { code: 0, stdout: /running/ }, 'version started one');
});

t.test('the front end answers as the CLI run by Node does, byte for byte', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('counter'));
  await sim.ok('settle');
  const cases: string[][] = [
    ['status'],
    ['show'],
    ['history'],
    ['config', 'counter'],
    ['config', 'counter', '--format', 'json'],
    ['model-config'],
    ['show-unit', 'counter/0'],
    ['help'],
    ['--help'],
    ['help', 'settle'],
    ['status', '--help'],
    ['run', '--help'],
    ['nosuch'],
    ['deploy', '--bogus', 'x'],
    ['deploy'],
    ['settle', '--timeout', 'x'],
    ['status', '--format', 'xml'],
    ['run', 'counter', 'x'],
    ['run', 'counter/0', 'x', '--params', 'no-such-file.yaml'],
    ['fire', 'nosuch-hook'],
    ['exec', 'nosuch/0', '--', 'true'],
    ['exec', 'counter/0', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'],
    ['exec', 'counter/0', '--format', 'json', '--', 'echo', 'hi'],
    ['config', 'counter', 'nosuch=1'],
    ['export-bundle'],
  ];
  for (const args of cases) {
    const native = await front(sim, args);
    const viaNode = await node(sim, args);
    // Operation and task ids count up from call to call; exec's times are the task's, to the second.
    const sameIds = (r: Result): Result => ({
      ...r,
      stdout: r.stdout.replace(/"id":"\d+"/g, '"id":"N"').replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC/g, 'TIME'),
      stderr: r.stderr.replace(/^Operation \d+ /, 'Operation N '),
    });
    t.same(sameIds(native), sameIds(viaNode), args.join(' '));
  }
  const usage = await front(sim, ['deploy', '--bogus', 'x']);
  t.same(usage, { code: 2, stdout: '', stderr: 'ERROR option provided but not defined: --bogus\n' }, 'a usage error exits 2');
});

t.test('the caller\'s files and stdin: taken by the front end, relative to its working directory', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('action-charm'), 'ac');
  await sim.ok('settle');
  const dir = mkdtempSync(join(tmpdir(), 'jsim-cwd-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const target = (r: Result): unknown => (r.code === 0 ? JSON.parse(r.stdout)['ac/0'].results.target : r.stderr);

  writeFileSync(join(dir, 'params.yaml'), 'target: /relative\n');
  t.equal(target(await front(sim, ['run', 'ac/0', 'needs', '--params', 'params.yaml', '--format', 'json'], { cwd: dir })), '/relative');
  t.equal(target(await front(sim, ['run', 'ac/0', 'needs', '--params', '-', '--format', 'json'], { input: 'target: /stdin\n' })), '/stdin');
  t.same(
    await front(sim, ['run', 'ac/0', 'needs', '--params', 'missing.yaml'], { cwd: dir }),
    { code: 1, stdout: '', stderr: `ERROR open ${join(dir, 'missing.yaml')}: no such file or directory\n` },
    'a missing file, in Go\'s words',
  );

  // A FIFO nobody writes blocks the front end only: the daemon answers meanwhile.
  const fifo = join(dir, 'params.fifo');
  await execa('mkfifo', [fifo]);
  const blocked = start(sim, ['run', 'ac/0', 'needs', '--params', 'params.fifo', '--format', 'json'], { cwd: dir });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal((await front(sim, ['status'])).code, 0, 'status answers while run waits for its FIFO');
  writeFileSync(fifo, 'target: /fifo\n');
  t.equal(target(result(await blocked)), '/fifo', 'the FIFO read once written');

  // A command that never reads stdin never waits for it, even on a pipe nobody closes.
  const open = execa(frontEnd, ['exec', 'ac/0', '--', 'echo', 'done'], { env: { JUJU_SIM_HOME: sim.home }, stdin: 'pipe', reject: false });
  t.match(result(await open), { code: 0, stdout: 'done' }, 'exec with an open stdin');
  open.stdin?.destroy();

  t.same(await front(sim, ['export-bundle', '--filename', 'out/bundle.yaml'], { cwd: dir }), {
    code: 1,
    stdout: '',
    stderr: `ERROR open ${join(dir, 'out', 'bundle.yaml')}: no such file or directory\n`,
  });
  t.same(await front(sim, ['export-bundle', '--filename', 'bundle.yaml'], { cwd: dir }), {
    code: 0,
    stdout: '',
    stderr: 'Bundle successfully exported to bundle.yaml\n',
  });
  t.match(readFileSync(join(dir, 'bundle.yaml'), 'utf8'), /^applications:\n {2}ac:\n/, 'written where the caller is');
});

t.test('concurrent calls: two at once, and status while a settle waits', async (t) => {
  const sim = new Sim(t);
  const charm = slowCharm(3);
  t.teardown(() => rmSync(charm, { recursive: true, force: true }));
  await sim.ok('status');
  const [a, b] = await Promise.all([front(sim, ['status', '--format', 'json']), front(sim, ['status', '--format', 'json'])]);
  t.same([a.code, b.code], [0, 0]);
  t.same(JSON.parse(a.stdout).applications, JSON.parse(b.stdout).applications);

  await sim.ok('deploy', charm);
  const order: string[] = [];
  const settle = start(sim, ['settle']).then((r) => (order.push('settle'), result(r)));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const status = await front(sim, ['status']);
  order.push('status');
  t.equal(status.code, 0);
  t.same(await settle, { code: 0, stdout: '', stderr: '' });
  t.same(order, ['status', 'settle'], 'status answered while settle waited');
});

t.test('a front end interrupted mid-settle ends that wait; the daemon goes on', async (t) => {
  const sim = new Sim(t);
  const charm = slowCharm(2);
  t.teardown(() => rmSync(charm, { recursive: true, force: true }));
  await sim.ok('pause');
  await sim.ok('deploy', charm);
  const { stdout } = await execa(process.execPath, [cli, 'daemon', 'status'], { env: { JUJU_SIM_HOME: sim.home } });
  const settle = start(sim, ['settle']);
  await new Promise((resolve) => setTimeout(resolve, 300));
  settle.kill('SIGINT');
  t.equal((await settle).signal, 'SIGINT');
  t.equal((await front(sim, ['status'])).code, 0, 'the daemon answers');
  t.same(await front(sim, ['daemon', 'status']), { code: 0, stdout: `${stdout}\n`, stderr: '' }, 'the same daemon');
  // The settle that was abandoned ran the install it had started, and nothing after it.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const history = JSON.parse((await front(sim, ['history', '--format', 'json'])).stdout) as Array<{ hook: string }>;
  t.same(history.map((h) => h.hook), ['install'], 'the paused model ran no more hooks for a caller that is gone');
  t.same(await front(sim, ['settle']), { code: 0, stdout: '', stderr: '' }, 'a new settle runs it to idle');
});

t.test("called as juju: Juju's commands, with a daemon or without; juju-sim's own are not juju commands", async (t) => {
  const sim = new Sim(t);
  const dir = mkdtempSync(join(tmpdir(), 'jsim-juju-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(frontEnd, join(dir, 'juju'));
  const juju = async (...args: string[]): Promise<Result> =>
    result(await execa(join(dir, 'juju'), args, { env: { JUJU_SIM_HOME: sim.home }, reject: false, stripFinalNewline: false }));
  const version = { code: 0, stdout: '3.6.14-genericlinux-amd64\n', stderr: '' };
  const notJuju = { code: 2, stdout: '', stderr: 'ERROR juju: "settle" is not a juju command. See "juju --help".\n' };
  t.same(await juju('version'), version, 'no daemon: the CLI run by Node answers');
  t.same(await juju('settle'), notJuju);
  await sim.ok('status');
  t.ok(existsSync(join(sim.home, 'run', 'cli.sock')));
  t.same(await juju('version'), version, 'the daemon answers');
  t.same(await juju('settle'), notJuju);
});

t.test('a charm build in the daemon: the caller\'s cache, its progress streamed as it goes', async (t) => {
  const sim = new Sim(t);
  const dir = mkdtempSync(join(tmpdir(), 'jsim-build-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(fixture('ops-tiny'), join(dir, 'tiny'), { recursive: true });
  await sim.ok('status');
  const build = start(sim, ['build', 'tiny'], { cwd: dir, env: { JUJU_SIM_CACHE: join(dir, 'cache') } });
  let firstProgress: number | undefined;
  build.stderr?.once('data', () => (firstProgress = Date.now()));
  const r = result(await build);
  const end = Date.now();
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, new RegExp(`^${join(dir, 'cache')}/charms/[^\n]+\n$`), 'built into the caller\'s cache');
  t.match(r.stderr, /^building charm ops-tiny: .*…\n/, 'progress on stderr');
  t.match(r.stderr, /building charm ops-tiny: done in \d+\.\d s\n$/);
  t.ok(firstProgress !== undefined && firstProgress < end - 200, 'the first progress line came while the build went on');
});
