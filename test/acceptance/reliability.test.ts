// What nothing a user or a client does may break: committed data and its history survive
// kill -9 together, the control socket answers garbage with errors, state is private to the
// user, the run directory cannot be taken over, concurrent first calls all find one daemon.
import t from 'tap';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonPaths } from '../../agent/paths.js';
import { generator } from '../helpers/random.js';
import { Sim, charm, exited, fixture } from '../helpers/sim.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const daemonPid = (sim: Sim): number => Number(readFileSync(daemonPaths(sim.home).pidFile, 'utf8').trim());

/** Sends raw bytes on the control socket; resolves with everything the daemon sent back. */
function rawControl(sim: Sim, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(daemonPaths(sim.home).controlSocket);
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

t.test('kill -9 during write-heavy hooks: every committed write has its history row, and no half-commit', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('counter'), 'counter');
  await sim.ok('settle');
  // Seeded delays, so a failure can be replayed.
  const random = generator(7);
  const delay = (): number => 5 + Math.floor(random() * 120);
  for (let n = 1; n <= 8; n++) {
    await sim.ok('config', 'counter', `n=${n}`);
    await sleep(delay());
    process.kill(daemonPid(sim), 'SIGKILL');
    await sleep(50);
  }
  await sim.ok('settle');
  const committed = ((await sim.json('history', '--unit', 'counter/0')) as Array<{ hook: string; outcome: string }>).filter(
    (r) => r.hook === 'config-changed' && r.outcome === 'ok',
  );
  const state = await sim.ok('exec', 'counter/0', '--', 'state-get --format=json');
  const data = JSON.parse(state) as Record<string, string>;
  t.equal(Number(data.count), committed.length, 'the committed count is the number of committed runs in the history');
  t.ok(committed.length >= 2, 'the first config-changed and one after the changes at least (changes coalesce)');
  t.equal(data['seen-n'], '8', 'the last change was seen');
  const run = `run-${Number(data.count) - 1}`;
  t.same(
    Object.entries(data).filter(([k]) => k.startsWith('key-')).map(([, v]) => v),
    Array(20).fill(run),
    'the twenty writes of the last committed run, all of them',
  );
});

t.test('the control socket answers what is not a request with an error, once, and stays up', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo');
  for (const line of ['', 'x', 'null', '[]', '{"method": 3}', '{"method": "status", "params": []}']) {
    const reply = await rawControl(sim, `${line}\n`);
    t.match(JSON.parse(reply), { error: { message: /^bad request: / } }, `${JSON.stringify(line)} gets an error`);
  }
  for (const method of ['nosuch', 'constructor', '__proto__', 'toString']) {
    const reply = JSON.parse(await rawControl(sim, `{"method": "${method}", "params": {}}\n`));
    t.same(reply, { error: { message: `unknown method "${method}"` } });
  }

  const before = Object.keys((await sim.json('status')).applications.demo.units).length;
  const added = JSON.parse(await rawControl(sim, '{"method":"add-unit","params":{"application":"demo"}}\nx\n{"method":"add-unit"}'));
  t.same(added, { result: { units: ['demo/1'] } });
  t.equal(Object.keys((await sim.json('status')).applications.demo.units).length, before + 1, 'bytes after the request run nothing');

  const huge = JSON.parse(await rawControl(sim, '{"method":"add-unit","params":{"application":"demo","numUnits":1000000000}}\n'));
  t.same(huge, { error: { message: 'cannot add 1000000000 units: juju-sim adds at most 100 units at a time' } });
  const cli = await sim.run('add-unit', 'demo', '-n', '101');
  t.equal(cli.code, 1);
  t.equal(cli.stderr, 'ERROR cannot add 101 units: juju-sim adds at most 100 units at a time\n');
  const deploy = await sim.run('deploy', charm('bash-client'), 'many', '-n', '1000');
  t.equal(deploy.code, 1);
  t.notOk('many' in (await sim.json('status')).applications, 'a refused deploy adds no application');

  const oversized = JSON.parse(await rawControl(sim, Buffer.alloc(17 * 1024 * 1024, 'a')));
  t.same(oversized, { error: { message: 'bad request: longer than 16777216 bytes' } });

  // A client that never finishes its request holds nobody else up.
  const stalled = createConnection(daemonPaths(sim.home).controlSocket);
  stalled.on('error', () => {});
  stalled.write('{"method": "sta');
  await sim.ok('status');
  stalled.destroy();
  t.equal((await sim.run('daemon', 'status')).code, 0, 'the daemon is still up');
});

t.test('state is private to the user', async (t) => {
  // A home the daemon creates itself.
  const home = join(mkdtempSync(join(tmpdir(), 'jsim-')), 'home');
  const sim = new Sim(t, { home });
  await sim.ok('deploy', charm('bash-client'), 'demo');
  await sim.ok('settle');
  const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
  t.equal(mode(home), '700');
  const model = join(home, 'models', 'default');
  t.equal(mode(model), '700');
  for (const file of ['controller.db', 'controller.db-wal', 'daemon.log', 'agents/unit-demo-0/agent.db']) {
    t.equal(mode(join(model, file)), '600', file);
  }
});

t.test('a run directory under /tmp that is not private to this user is refused', async (t) => {
  // A home this long puts the sockets in /tmp, under a name anyone can compute.
  const home = join(mkdtempSync(join(tmpdir(), 'jsim-')), 'h'.repeat(100));
  const runDir = daemonPaths(home).dir;
  t.ok(runDir.startsWith(tmpdir()), runDir);
  t.teardown(() => rmSync(runDir, { recursive: true, force: true }));
  const longSim = new Sim(t, { home });
  const refused = new RegExp(`^ERROR refusing to use ${runDir}: it is not a directory private to this user`);

  mkdirSync(runDir, { mode: 0o777 });
  chmodSync(runDir, 0o777);
  const open = await longSim.run('status');
  t.equal(open.code, 1);
  t.match(open.stderr, refused, 'a world-writable one');
  rmSync(runDir, { recursive: true });

  const elsewhere = mkdtempSync(join(tmpdir(), 'jsim-elsewhere-'));
  t.teardown(() => rmSync(elsewhere, { recursive: true, force: true }));
  symlinkSync(elsewhere, runDir);
  t.match((await longSim.run('status')).stderr, refused, 'a symlink');
  rmSync(runDir);

  if (process.getuid?.() === 0) {
    mkdirSync(runDir, { mode: 0o700 });
    chownSync(runDir, 65534, 65534);
    t.match((await longSim.run('status')).stderr, refused, "another user's");
    rmSync(runDir, { recursive: true });
  }

  await longSim.ok('deploy', charm('bash-client'), 'demo');
  t.equal((statSync(runDir).mode & 0o777).toString(8), '700', 'one it makes itself is 0700');
});

t.test('CLI calls started together against a stopped daemon all find the one that starts', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo');
  for (let round = 0; round < 2; round++) {
    await sim.ok('daemon', 'stop');
    const results = await Promise.all(Array.from({ length: 8 }, () => sim.run('status', '--format', 'json')));
    t.same(
      results.map((r) => r.code),
      Array(8).fill(0),
      results.map((r) => r.stderr).join(''),
    );
  }
  const pids = new Set((await Promise.all(Array.from({ length: 3 }, () => sim.ok('daemon', 'status')))).map((s) => s));
  t.equal(pids.size, 1, 'one daemon');
});

t.test('daemon stop returns once the daemon has exited', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo');
  const pid = daemonPid(sim);
  await sim.ok('daemon', 'stop');
  t.ok(exited(pid), 'the process is gone (or a zombie its parent has not reaped)');
});

t.test('a corrupted database is named, with what to do', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo');
  await sim.ok('daemon', 'stop');
  const db = join(sim.home, 'models', 'default', 'controller.db');
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  writeFileSync(db, 'this is not a database, it is a text file that is long enough to be read as one'.repeat(100));
  const r = await sim.run('status');
  t.equal(r.code, 1);
  t.equal(
    r.stderr,
    `ERROR cannot open the controller database ${db}: file is not a database; move it aside (the model's state is lost) or restore it from a backup\n`,
  );
});

t.test('history of a unit that never was', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo');
  const r = await sim.run('history', '--unit', 'nosuch/0');
  t.equal(r.code, 1);
  t.equal(r.stderr, 'ERROR unit "nosuch/0" not found\n');
  await sim.ok('settle');
  await sim.ok('remove-unit', 'demo/0');
  await sim.ok('settle');
  t.ok((await sim.json('history', '--unit', 'demo/0')).length > 0, 'a removed unit keeps its history');
});
