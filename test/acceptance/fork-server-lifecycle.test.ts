// Fork servers' lifecycle: a server that dies is replaced while its hook runs fresh, a refreshed
// charm gets a new one, a charm that shadows a preloaded module gets none, and `daemon stop`
// leaves no process behind.
import t from 'tap';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonPid, forkServers, normalised, probe, processesOf } from '../helpers/fork.js';
import { fixture } from '../helpers/sim.js';

t.test('a server that dies is replaced, and its hook runs fresh meanwhile', async (t) => {
  const sim = await probe(t, 'fork');
  const fire = async (): Promise<Record<string, unknown>> => normalised(sim, await sim.run('fire', 'update-status', '--unit', 'probe/0')).report;
  await fire();
  const [first] = forkServers(sim.home);
  process.kill(first, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 200));

  const fallback = await fire();
  t.equal(fallback.ppid, daemonPid(sim), 'the hook after the death ran as a fresh process');
  t.equal(fallback.counter, 1);
  const next = await fire();
  const [second] = forkServers(sim.home);
  t.ok(second !== undefined && second !== first, 'a new server runs');
  t.equal(next.ppid, second, 'and forks the next hook');

  await t.test('a server killed while its hook runs: the hook fails, its end unknown', async (t) => {
    writeFileSync(join(sim.unitCharmDir('probe/0'), 'probe-mode'), 'sleep');
    const running = sim.run('fire', 'update-status', '--unit', 'probe/0');
    while (!existsSync(join(sim.unitCharmDir('probe/0'), 'probe-sleeping'))) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(second, 'SIGKILL');
    const r = await running;
    t.equal(r.code, 1);
    t.match(r.stderr, /hook failed: "update-status": fork server died: exit status unknown/);
    await sim.ok('resolve', 'probe/0', '--no-retry');
    rmSync(join(sim.unitCharmDir('probe/0'), 'probe-mode'));
    t.equal((await fire()).ppid, daemonPid(sim), 'the next hook finds the server dead and runs fresh');
    t.equal((await fire()).ppid, forkServers(sim.home)[0], 'the one after is forked again');
  });

  await t.test('daemon stop leaves no process behind', async (t) => {
    t.equal(forkServers(sim.home).length, 1);
    await sim.ok('daemon', 'stop');
    t.same(processesOf(sim.home), [], 'no server, no hook, no daemon');
  });
});

t.test('a refreshed charm gets a new server; a charm that shadows a preloaded module gets none', async (t) => {
  const sim = await probe(t, 'fork');
  const fire = async (): Promise<Record<string, unknown>> => normalised(sim, await sim.run('fire', 'update-status', '--unit', 'probe/0')).report;
  await fire();
  const [before] = forkServers(sim.home);

  const copy = mkdtempSync(join(tmpdir(), 'fork-probe-'));
  t.teardown(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(fixture('fork-probe'), copy, { recursive: true });
  writeFileSync(join(copy, 'src', 'extra.py'), '');
  await sim.ok('refresh', 'probe', '--path', copy);
  await sim.ok('settle');
  const after = forkServers(sim.home);
  t.equal(after.length, 1, 'one server');
  t.not(after[0], before, 'not the one from before the refresh');
  t.equal((await fire()).ppid, after[0], 'forking the new charm');

  // ops imports websocket when the server preloads it; a charm module of that name would be
  // imported instead in a fresh process, so the server must not take the hook.
  writeFileSync(join(copy, 'src', 'websocket.py'), '');
  await sim.ok('refresh', 'probe', '--path', copy);
  await sim.ok('settle');
  writeFileSync(join(sim.unitCharmDir('probe/0'), 'probe-mode'), 'exit3');
  const r = normalised(sim, await sim.run('fire', 'update-status', '--unit', 'probe/0'));
  t.equal(r.code, 3);
  t.equal(r.report.ppid, daemonPid(sim), 'the shadowed hook ran as a fresh process');
});
