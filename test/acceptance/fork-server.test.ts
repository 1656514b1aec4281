// Fork servers (agent/runner/fork-servers.ts): a Python hook forked from a server that has
// imported ops or charms.reactive must be indistinguishable, for the charm, from a fresh
// interpreter. The fork-probe charm reports its own process state; each check runs it with
// fork servers (the default) and without (JUJU_SIM_FORK=0) and compares.
import t from 'tap';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonPaths } from '../../agent/paths.js';
import { Sim, charm, fixture, type Result } from '../helpers/sim.js';

type Mode = 'fork' | 'fresh';
const modeEnv = (mode: Mode): Record<string, string> => ({ JUJU_SIM_FORK: mode === 'fork' ? '1' : '0' });

/** The fork servers serving a home: Python processes running fork-server.py for its charms. */
function forkServers(home: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes('fork-server.py') && cmdline.includes(home)) pids.push(Number(entry));
  }
  return pids;
}

/** Every process whose command line names the home: after `daemon stop`, there must be none. */
function processesOf(home: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(home)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

const daemonPid = (sim: Sim): number => Number(readFileSync(daemonPaths(sim.home).pidFile, 'utf8').trim());

async function probe(t: Parameters<Parameters<typeof t.test>[1]>[0], mode: Mode): Promise<Sim> {
  const sim = new Sim(t, undefined, modeEnv(mode));
  await sim.ok('deploy', fixture('fork-probe'), 'probe');
  await sim.ok('settle');
  return sim;
}

/** A fired hook's ending, with what differs between two homes, two hooks or two processes masked. */
function normalised(sim: Sim, r: Result): { code: number; report: Record<string, unknown>; rest: string; stderr: string } {
  const mask = (text: string): string => text.replaceAll(sim.home, '<home>').replace(/[0-9a-f]{32}/g, '<id>').replace(/\b[0-9a-f]{8}-[0-9a-f-]{27}\b/g, '<uuid>');
  const [first, ...rest] = mask(r.stdout).split('\n');
  const report = JSON.parse(first) as Record<string, unknown>;
  // tap's process-info hook adds its variables to every process the daemon spawns, never to a forked one.
  const environ = report.environ as Record<string, string>;
  for (const name of Object.keys(environ)) if (name === 'NODE_OPTIONS' || name.startsWith('_TAPJS_')) delete environ[name];
  return { code: r.code, report, rest: rest.join('\n'), stderr: mask(r.stderr) };
}

const perProcess = ['pid', 'ppid', 'random'];
const withoutPerProcess = (report: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(report).filter(([key]) => !perProcess.includes(key)));

t.test('a forked hook sees what a fresh interpreter sees', async (t) => {
  const [fork, fresh] = [await probe(t, 'fork'), await probe(t, 'fresh')];
  const forked = [normalised(fork, await fork.run('fire', 'update-status', '--unit', 'probe/0')), normalised(fork, await fork.run('fire', 'update-status', '--unit', 'probe/0'))];
  const started = normalised(fresh, await fresh.run('fire', 'update-status', '--unit', 'probe/0'));

  const servers = forkServers(fork.home);
  t.equal(servers.length, 1, 'one fork server for the unit');
  t.equal(forked[0].report.ppid, servers[0], 'the hook was forked by it');
  t.equal(started.report.ppid, daemonPid(fresh), 'without fork servers the daemon started the hook');
  t.same(forkServers(fresh.home), [], 'and no server runs');

  // The daemon's own inherited descriptors reach a spawned hook but never a forked one.
  const { fds: forkFds, ...forkReport } = withoutPerProcess(forked[0].report);
  const { fds: freshFds, ...freshReport } = withoutPerProcess(started.report);
  t.same(forkReport, freshReport, 'argv, sys.path, cwd, environment, __main__, signals, stdio, logging: all the same');
  t.same(forkFds, ['0', '1', '2', '3'], 'stdin, stdout, stderr and the directory being listed, nothing else');
  t.match(freshFds, ['0', '1', '2', '3'], 'the same first four in a fresh process');
  t.equal(forked[0].rest, started.rest, 'the same output after the report');
  t.equal(forked[0].stderr, started.stderr, 'the same stderr');

  t.equal(forked[0].report.counter, 1, "the charm's module is imported afresh by each hook");
  t.equal(forked[1].report.counter, 1);
  t.equal(forked[0].report.threads, 1, 'one thread');
  t.not(forked[0].report.random, forked[1].report.random, 'random is reseeded in each hook');
  t.not(forked[0].report.pid, forked[1].report.pid, 'each hook is a process of its own');
  t.same(withoutPerProcess(forked[0].report), withoutPerProcess(forked[1].report), 'and nothing else changes from hook to hook');
  const status = await fork.json('status');
  t.equal(status.applications.probe.units['probe/0']['workload-status'].message, 'counter 1', 'ops ran the hook');
});

t.test('a forked hook ends as a fresh one does', async (t) => {
  const [fork, fresh] = [await probe(t, 'fork'), await probe(t, 'fresh')];
  for (const mode of ['exit3', 'exit-text', 'raise', 'os-exit', 'sigkill', 'atexit', 'syntax']) {
    const ends = [];
    for (const sim of [fork, fresh]) {
      writeFileSync(join(sim.unitCharmDir('probe/0'), 'probe-mode'), mode);
      const r = normalised(sim, await sim.run('fire', 'update-status', '--unit', 'probe/0'));
      if (r.code !== 0) await sim.ok('resolve', 'probe/0', '--no-retry');
      ends.push({ code: r.code, rest: r.rest, stderr: r.stderr, ppid: r.report.ppid });
    }
    const [forked, started] = ends;
    t.equal(forked.ppid, forkServers(fork.home)[0], `${mode}: forked`);
    t.same({ ...forked, ppid: 0 }, { ...started, ppid: 0 }, `${mode}: the same exit code, output and message`);
  }
  const history = await fork.json('history', '--unit', 'probe/0');
  t.same(
    history
      .filter((h: { outcome: string }) => h.outcome !== 'skipped')
      .slice(-7)
      .map((h: { outcome: string; code: number | null }) => [h.outcome, h.code]),
    [['failed', 3], ['failed', 1], ['failed', 1], ['failed', 4], ['failed', null], ['ok', 0], ['failed', 1]],
    'each recorded with its code',
  );
  const log = await fork.ok('debug-log', '--include', 'probe/0', '--level', 'ERROR');
  t.match(log, /hook "update-status" \(via hook dispatching script: dispatch\) failed: signal: SIGKILL/, 'a kill is reported as the signal');
});

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
    await new Promise((resolve) => setTimeout(resolve, 1000));
    process.kill(second, 'SIGKILL');
    const r = await running;
    t.equal(r.code, 1);
    t.match(r.stderr, /hook failed: "update-status": fork server died: exit status unknown/);
    await sim.ok('resolve', 'probe/0', '--no-retry');
    rmSync(join(sim.unitCharmDir('probe/0'), 'probe-mode'));
    t.equal((await fire()).ppid, forkServers(sim.home)[0], 'the next hook is forked again');
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

t.test('ops and reactive charms: the same databags, statuses, hook order and tool calls with and without fork servers', async (t) => {
  const runs: Record<Mode, { show: unknown; status: unknown; history: Record<string, string[]> }> = {} as never;
  for (const mode of ['fork', 'fresh'] as const) {
    const sim = new Sim(t, undefined, modeEnv(mode));
    await sim.ok('pause');
    for (const name of ['ops-redis', 'ops-redis-client', 'reactive-redis', 'reactive-redis-client']) await sim.ok('deploy', charm(name), name);
    await sim.ok('integrate', 'ops-redis', 'ops-redis-client');
    await sim.ok('integrate', 'reactive-redis', 'reactive-redis-client');
    await sim.ok('settle');
    // The reactive provider's leader makes a random password: the same shape, another value.
    const mask = (text: string): string => text.replaceAll(sim.home, '<home>').replace(/[0-9a-f]{16}/g, '<password>');
    const history = (await sim.json('history')) as Array<{ unit: string; hook: string; outcome: string; toolCalls: Array<{ tool: string; args: string[]; code: number }> }>;
    const byUnit: Record<string, string[]> = {};
    for (const run of history) {
      (byUnit[run.unit] ??= []).push(mask(JSON.stringify([run.hook, run.outcome, run.toolCalls.map((c) => [c.tool, c.args, c.code])])));
    }
    const status = await sim.json('status');
    delete status.model;
    runs[mode] = { show: JSON.parse(mask(JSON.stringify(await sim.json('show')))), status: JSON.parse(mask(JSON.stringify(status)).replace(/"since":"[^"]*"/g, '')), history: byUnit };
    if (mode === 'fork') t.equal(forkServers(sim.home).length, 4, 'a server per unit');
  }
  t.same(runs.fork.show, runs.fresh.show, 'the same databags');
  t.same(runs.fork.status, runs.fresh.status, 'the same statuses');
  t.same(runs.fork.history, runs.fresh.history, 'the same hooks, in the same order, with the same tool calls');
});
