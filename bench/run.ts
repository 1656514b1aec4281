// `make bench`: figures printed as ratios against a baseline measured in the same run.
//  1. A hook-tool call from inside a hook (relation-get through the native client and the
//     daemon) against spawning /bin/true from the same loop.
//  2. The agent's overhead per hook: a no-op hook fired through the daemon against spawning
//     the same handler directly with the same environment.
//  3. One relation-changed of the ops requirer under juju-sim against the same charm's
//     dispatch started directly, with stub hook tools that answer at once; and where that
//     hook's time goes (interpreter start, imports, tool calls). Beside it, the same event in
//     ops' own in-process testing framework (bench/ops-testing.py): the reference a charm
//     developer compares with.
//  4. `juju-sim status --format json` through the native front end (bin/juju-sim) against
//     `node -e 0`, and against the same command run by the CLI run by Node.
//  5. Hooks in parallel: 10 provider and 10 requirer units of the bash redis charms, related
//     while paused, settled at --max-parallel-hooks 1 and at the default (the number of CPUs).
//  6. With fork servers (agent/runner/fork-servers.ts, on unless JUJU_SIM_FORK=0): that ops
//     relation-changed, and a reactive requirer's relation-changed, each against a fresh
//     `python -c "import ops"` / `import charms.reactive` of the same venv (target <= 0.35); and
//     how much of the reactive hook its tool calls take.
//  7. `make test`'s suite, its wall time and assertions (target <= 3 min on 2 cores).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'jsim-bench-'));
process.env.JUJU_SIM_HOME = home;
const { call, startDaemon, stopDaemon } = await import('../agent/control/client.js');
const { defaultMaxParallelHooks } = await import('../agent/control/daemon-settings.js');
const { builtCharm } = await import('../charmbuild/charm-source.js');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number): string => `${x.toFixed(2)} ms`;
const unitCharmDir = (unit: string): string => join(home, 'models', 'default', 'agents', `unit-${unit.replace('/', '-')}`, 'charm');
const timed = (run: () => unknown): number => {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
};

const calls = Number(process.env.BENCH_CALLS ?? 300);
const hooks = Number(process.env.BENCH_HOOKS ?? 50);
const opsHooks = Number(process.env.BENCH_OPS_HOOKS ?? 10);
const cliCalls = Number(process.env.BENCH_CLI_CALLS ?? 50);

interface Fired {
  outcome: string;
  stderr?: string;
}

async function fire(hook: string, unit: string, remote?: string): Promise<void> {
  const fired = (await call('fire', { hook, unit, remote })) as Fired;
  if (fired.outcome !== 'ok' && fired.outcome !== 'missing') throw new Error(`${hook} on ${unit} failed: ${fired.stderr}`);
}

/** 1 and 2: the bash bench charm. */
async function toolAndHookOverhead(lines: string[]): Promise<number> {
  await call('deploy', { charm: join(root, 'bench', 'charms', 'bench'), numUnits: 1 });
  await call('settle', {});
  const charmDir = unitCharmDir('bench/0');

  writeFileSync(join(charmDir, 'bench-calls'), String(calls));
  await fire('config-changed', 'bench/0');
  const read = (name: string): number[] => readFileSync(join(charmDir, name), 'utf8').trim().split('\n').map((l) => Number(l) / 1000);
  const tool = median(read('bench-tool.txt'));
  const baseline = median(read('bench-true.txt'));

  const hook = join(charmDir, 'hooks', 'update-status');
  const viaAgent: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < hooks; i++) {
    const t0 = performance.now();
    await fire('update-status', 'bench/0');
    viaAgent.push(performance.now() - t0);
    direct.push(timed(() => spawnSync(hook, [], { cwd: charmDir, env: { PATH: process.env.PATH } })));
  }
  lines.push(
    `hook-tool call from a hook (median of ${calls}): relation-get ${ms(tool)}, /bin/true ${ms(baseline)}, ratio ${(tool / baseline).toFixed(2)}x (target <= 3x)`,
    `no-op hook (median of ${hooks}): via juju-sim ${ms(median(viaAgent))}, spawned directly ${ms(median(direct))}, agent overhead ${ms(median(viaAgent) - median(direct))} per hook (target <= 10 ms), ratio ${(median(viaAgent) / median(direct)).toFixed(2)}x`,
  );
  return tool;
}

/** The tool calls of the unit's last hook, from its history. */
async function lastToolCalls(unit: string): Promise<Array<{ tool: string }>> {
  const history = (await call('history', { unit })) as Array<{ toolCalls: Array<{ tool: string }> }>;
  return history[history.length - 1].toolCalls;
}

/** Stub hook tools answering the ops requirer's calls at once, from canned outputs. */
function stubTools(dir: string, answers: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const tool of ['juju-log', 'is-leader', 'relation-ids', 'relation-list', 'relation-get', 'relation-set', 'status-set', 'config-get', 'secret-get']) {
    const out = answers[tool] ?? '';
    const script = `#!/bin/sh\n${tool === 'relation-set' ? 'cat >/dev/null\n' : ''}printf '%s' '${out.replace(/'/g, `'\\''`)}'\n`;
    writeFileSync(join(dir, tool), script);
    chmodSync(join(dir, tool), 0o755);
  }
}

/** A hook through juju-sim against a fresh interpreter importing its framework: figure 6. */
const forkRatio = (hook: string, imports: string, agent: number, fresh: number): string =>
  `${process.env.JUJU_SIM_FORK === '0' ? 'without' : 'with'} fork servers: ${hook} ${ms(agent)} vs fresh \`python -c "${imports}"\` ${ms(fresh)}, ratio ${(agent / fresh).toFixed(2)} (target <= 0.35)`;

/** 6: the reactive requirer's relation-changed, and its venv importing charms.reactive afresh. */
async function reactiveHook(lines: string[], toolCall: number): Promise<void> {
  const provider = await builtCharm(join(root, 'charms', 'reactive-redis'));
  const requirer = await builtCharm(join(root, 'charms', 'reactive-redis-client'));
  await call('deploy', { charm: provider.dir, application: 'reactive-redis', numUnits: 1, unitVenv: provider.unitVenv });
  await call('deploy', { charm: requirer.dir, application: 'reactive-client', numUnits: 1, unitVenv: requirer.unitVenv });
  await call('integrate', { first: 'reactive-redis', second: 'reactive-client' });
  await call('settle', {});
  const viaAgent: number[] = [];
  const fresh: number[] = [];
  const charmDir = unitCharmDir('reactive-client/0');
  for (let i = 0; i < opsHooks; i++) {
    const t0 = performance.now();
    await fire('redis-relation-changed', 'reactive-client/0', 'reactive-redis/0');
    viaAgent.push(performance.now() - t0);
    fresh.push(timed(() => spawnSync('../.venv/bin/python', ['-c', 'import charms.reactive'], { cwd: charmDir, env: {} })));
  }
  const agent = median(viaAgent);
  const toolCalls = await lastToolCalls('reactive-client/0');
  const logs = toolCalls.filter((c) => c.tool === 'juju-log').length;
  lines.push(
    forkRatio('reactive requirer relation-changed', 'import charms.reactive', agent, median(fresh)),
    // No library is imported after charms.reactive in these hooks: the rest is the charm's code,
    // charms.reactive's handler discovery (metadata.yaml parsed by PyYAML's Python loader), the
    // flags' SQLite commit, the interpreter's exit, and the agent's own work.
    `  where a hook's time goes: ${toolCalls.length} tool calls (${logs} juju-log) x ${ms(toolCall)} = ${ms(toolCalls.length * toolCall)}, the rest ${ms(agent - toolCalls.length * toolCall)}`,
  );
}

/** 3: the ops requirer's relation-changed, through juju-sim and straight from its dispatch. */
async function opsHook(lines: string[], toolCall: number): Promise<void> {
  const provider = await builtCharm(join(root, 'charms', 'ops-redis'));
  const requirer = await builtCharm(join(root, 'charms', 'ops-redis-client'));
  await call('deploy', { charm: provider.dir, application: 'redis', numUnits: 1 });
  await call('deploy', { charm: requirer.dir, application: 'client', numUnits: 1 });
  await call('integrate', { first: 'redis', second: 'client' });
  await call('settle', {});

  const viaAgent: number[] = [];
  for (let i = 0; i < opsHooks; i++) {
    const t0 = performance.now();
    await fire('redis-relation-changed', 'client/0', 'redis/0');
    viaAgent.push(performance.now() - t0);
  }
  const toolCalls = (await lastToolCalls('client/0')).length;

  // The same dispatch, same environment, on a copy of the unit's charm directory, with stubs.
  const shown = (await call('show', {})) as {
    relations: Array<{
      id: number;
      interface: string;
      endpoints: Array<{ 'units-data': Record<string, Record<string, string>>; 'application-data': Record<string, string> }>;
    }>;
  };
  const relation = shown.relations.find((r) => r.interface === 'redis')!;
  const relationId = `redis:${relation.id}`;
  const queued = (await call('exec', {
    units: ['client/0'],
    relation: relationId,
    remoteUnit: 'redis/0',
    command: 'env -0',
  })) as { tasks: Array<{ id: number }> };
  let task = await call('action-wait', { id: queued.tasks[0].id, logs: 0, timeoutMs: 60_000 });
  while (task.status !== 'completed') task = await call('action-wait', { id: task.id, logs: 0, timeoutMs: 60_000 });
  // The commands ran as a juju-exec task: a hook has no action of its own.
  const hookEnv = Object.fromEntries(
    String(task.results?.stdout)
      .split('\0')
      .filter((kv) => kv !== '' && !kv.startsWith('JUJU_ACTION_'))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  const scratch = mkdtempSync(join(tmpdir(), 'jsim-bench-direct-'));
  const charmDir = join(scratch, 'charm');
  cpSync(unitCharmDir('client/0'), charmDir, { recursive: true, verbatimSymlinks: true });
  const stubs = join(scratch, 'stubs');
  // One answer serves every relation-get, the unit's and the application's (the password secret's
  // URI), so that the charm makes the same calls, secret-get included, as under juju-sim.
  const remoteData = { ...relation.endpoints[0]['units-data']['redis/0'], ...relation.endpoints[0]['application-data'] };
  stubTools(stubs, {
    'is-leader': 'true',
    'relation-ids': JSON.stringify([relationId]),
    'relation-list': '["redis/0"]',
    'relation-get': JSON.stringify(remoteData),
    'config-get': '{"defer-changed":false,"fail-on-changed":false}',
    'secret-get': '{"password":"0123456789abcdef"}',
  });
  const directEnv = {
    ...hookEnv,
    JUJU_CHARM_DIR: charmDir,
    CHARM_DIR: charmDir,
    JUJU_HOOK_NAME: 'redis-relation-changed',
    JUJU_DISPATCH_PATH: 'hooks/redis-relation-changed',
    PATH: `${stubs}:${process.env.PATH}`,
  };
  const direct: number[] = [];
  for (let i = 0; i < opsHooks; i++) {
    direct.push(timed(() => spawnSync(join(charmDir, 'dispatch'), [], { cwd: charmDir, env: directEnv })));
  }
  const python = join(charmDir, 'venv', 'bin', 'python');
  const start: number[] = [];
  const imports: number[] = [];
  for (let i = 0; i < opsHooks; i++) {
    start.push(timed(() => spawnSync(python, ['-c', 'pass'], { env: {} })));
    imports.push(timed(() => spawnSync(python, ['-c', 'import ops'], { env: {} })));
  }
  const harness = spawnSync(python, [join(root, 'bench', 'ops-testing.py'), charmDir, String(opsHooks)], { env: {}, encoding: 'utf8' });
  if (harness.status !== 0) throw new Error(`ops.testing bench failed: ${harness.stderr}`);
  const inProcess = JSON.parse(harness.stdout) as { importMs: number; eventMs: number[]; testMs: number[] };
  rmSync(scratch, { recursive: true, force: true });

  const agent = median(viaAgent);
  const alone = median(direct);
  lines.push(
    forkRatio('ops requirer relation-changed', 'import ops', agent, median(imports)),
    `ops requirer relation-changed (median of ${opsHooks}): via juju-sim ${ms(agent)}, dispatch with stub tools ${ms(alone)}, ratio ${(agent / alone).toFixed(2)}x, juju-sim's cost ${ms(agent - alone)} per hook`,
  );
  // A forked hook pays neither the interpreter's start nor the imports.
  const paid = process.env.JUJU_SIM_FORK === '0' ? median(imports) : 0;
  lines.push(
    `the same event in ops.testing (Harness, in process, median of ${opsHooks}): the event ${ms(median(inProcess.eventMs))}, a whole test (set-up, event, clean-up) ${ms(median(inProcess.testMs))}, ` +
      `after a one-time import of ${ms(inProcess.importMs)}; juju-sim's hook is ${(agent / median(inProcess.testMs)).toFixed(1)}x a Harness test, and runs the real dispatch, hook tools and both sides`,
  );
  lines.push(
    `  where a hook's time goes: python start ${ms(median(start))}, + import ops ${ms(median(imports) - median(start))}${paid ? '' : ' (both spared by the fork server)'}, ${toolCalls} tool calls x ${ms(toolCall)} = ${ms(toolCalls * toolCall)}, charm code and the rest ${ms(agent - paid - toolCalls * toolCall)}`,
  );
}

/** 4: one command, as a test suite calls it by the thousand, on the model the others left. */
function commandLine(lines: string[]): void {
  const status = ['status', '--format', 'json'];
  const runs = (command: string, args: string[], n: number): number =>
    median(
      Array.from({ length: n }, () =>
        timed(() => {
          const r = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
          if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
        }),
      ),
    );
  const frontEnd = runs(join(root, 'bin', 'juju-sim'), status, cliCalls);
  const nodeAlone = runs(process.execPath, ['-e', '0'], cliCalls);
  const nodeCli = runs(process.execPath, [join(root, 'dist', 'cmd', 'main.js'), ...status], Math.ceil(cliCalls / 5));
  lines.push(
    `juju-sim status --format json (median of ${cliCalls}): front end ${ms(frontEnd)}, node -e 0 ${ms(nodeAlone)}, ratio ${(frontEnd / nodeAlone).toFixed(2)}x (target <= 0.3x); ` +
      `the CLI run by Node ${ms(nodeCli)}, ${(nodeCli / frontEnd).toFixed(1)}x the front end`,
  );
}

const units = Number(process.env.BENCH_UNITS ?? 10);

/** A settle of `units` bash-redis units related to `units` bash-client units, at a setting, in a home of its own. */
async function relatedBurst(maxParallelHooks: number): Promise<{ seconds: number; hooks: number }> {
  const own = join(home, `parallel-${maxParallelHooks}`);
  process.env.JUJU_SIM_HOME = own;
  try {
    await startDaemon(own, { maxParallelHooks });
    await call('pause', {});
    await call('deploy', { charm: join(root, 'charms', 'bash-redis'), application: 'redis', numUnits: units });
    await call('deploy', { charm: join(root, 'charms', 'bash-client'), application: 'client', numUnits: units });
    await call('integrate', { first: 'redis', second: 'client' });
    const t0 = performance.now();
    await call('settle', {});
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, hooks: (await call('history', {})).length };
  } finally {
    await stopDaemon(own);
    process.env.JUJU_SIM_HOME = home;
  }
}

/** 5: the same burst one hook at a time and at the default parallelism. */
async function parallelHooks(lines: string[]): Promise<void> {
  const parallel = defaultMaxParallelHooks();
  const one = await relatedBurst(1);
  const many = await relatedBurst(parallel);
  const rate = (r: { seconds: number; hooks: number }): number => r.hooks / r.seconds;
  const figures = (r: { seconds: number; hooks: number }): string => `settle ${r.seconds.toFixed(2)} s, ${r.hooks} hooks, ${rate(r).toFixed(0)} hooks/s`;
  lines.push(
    `${units} bash-redis x ${units} bash-client units related: --max-parallel-hooks 1: ${figures(one)}; ${parallel} (default): ${figures(many)}; ratio ${(one.seconds / many.seconds).toFixed(2)}x faster, ${(rate(many) / rate(one)).toFixed(2)}x hooks/s`,
  );
}

/**
 * 7: `make test` itself (test/run: tap with the jubilant suite beside it), the suite's own time
 * and what it asserted, on this machine now. BENCH_SUITE=0 leaves it out.
 */
function testSuite(lines: string[]): void {
  if (process.env.BENCH_SUITE === '0') {
    lines.push('make test: not run (BENCH_SUITE=0)');
    return;
  }
  process.stderr.write('running make test\'s suite (about two minutes; BENCH_SUITE=0 leaves it out)\n');
  const { JUJU_SIM_HOME: _, ...env } = process.env;
  const t0 = performance.now();
  const run = spawnSync(join(root, 'test', 'run'), [], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  const tap = /# \{ total: (\d+), pass: (\d+)(?:, fail: (\d+))?/.exec(run.stdout);
  const jubilant = /(\d+) passed(?:, (\d+) failed)?/.exec(run.stdout);
  lines.push(
    `make test (test/run): ${seconds.toFixed(0)} s (target <= 180 s on 2 cores), exit ${run.status}; ` +
      `tap ${tap ? `${tap[2]} of ${tap[1]} assertions passed` : 'printed no summary'}, jubilant ${jubilant ? jubilant[0] : 'printed no summary'}`,
  );
}

/** The machine's load, printed before and after: every figure moves with it, the ratios less (their baselines run alongside), a chain of processes like a hook's more than one interpreter. */
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(', ');

try {
  const lines: string[] = [`load average at the start: ${load()}`];
  const toolCall = await toolAndHookOverhead(lines);
  await opsHook(lines, toolCall);
  await reactiveHook(lines, toolCall);
  commandLine(lines);
  await parallelHooks(lines);
  lines.push(`load average at the end: ${load()}`);
  testSuite(lines);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await call('stop', {}, false).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
