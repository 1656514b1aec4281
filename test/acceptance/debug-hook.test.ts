// `debug-hook`, driven through a real pseudo-terminal: the shell starts in the user's terminal in
// the hook's environment, the hook tools act in its context, and how the shell ends is how the
// hook ends (exit 0 commits, anything else discards and puts the unit in error), through the
// native front end and the CLI run by Node alike.
import t, { type Test } from 'tap';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, charm, cli, fixture, frontEnd, unitData } from '../helpers/sim.js';
import { underPty, type PtyStep } from '../helpers/pty.js';

/** The debug shell's prompt, as Juju's: `<unit>:<JUJU_DISPATCH_PATH> % `. */
const prompt = (unit: string, hook: string): string => `${unit}:hooks/${hook} % `;

/** Types each command at the shell's prompt in turn. */
const typed = (unit: string, hook: string, commands: string[]): PtyStep[] => commands.map((send) => ({ expect: prompt(unit, hook), send: `${send}\n` }));

/** A bash provider and client, related and settled; the provider's unit data, as `show` has it. */
async function related(t: Test): Promise<{ sim: Sim; env: Record<string, string>; data: () => Promise<Record<string, string> | undefined> }> {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'r');
  await sim.ok('deploy', charm('bash-client'), 'c');
  await sim.ok('integrate', 'r', 'c');
  await sim.ok('settle');
  // TERM=dumb: no bracketed-paste codes around the prompts.
  const env = { JUJU_SIM_HOME: sim.home, TERM: 'dumb' };
  return { sim, env, data: async () => unitData(await sim.json('show'), 'r/0') };
}

t.test('exit 0 commits what the tools buffered; the shell has the hook environment and the user\'s TERM', async (t) => {
  const { sim, env, data } = await related(t);
  t.equal((await data())?.debugged, undefined);
  const r = await underPty(
    [frontEnd, 'debug-hook', 'r/0', 'config-changed', '--fire'],
    typed('r/0', 'config-changed', [
      'echo "hook=$JUJU_HOOK_NAME unit=$JUJU_UNIT_NAME term=$TERM dir=$PWD"',
      'relation-set -r "$(relation-ids redis)" debugged=yes',
      'status-set active "debugged by hand"',
      // Meanwhile the other units go on, and this one runs nothing else.
      `JUJU_SIM_HOME=${sim.home} ${frontEnd} fire config-changed --unit c/0 && echo "other unit: ran"`,
      `JUJU_SIM_HOME=${sim.home} timeout 3 ${frontEnd} fire start --unit r/0; echo "held unit: $?"`,
      'exit 0',
    ]),
    env,
  );
  t.ok(r.allExpected, r.output);
  t.equal(r.code, 0, r.output);
  t.match(r.output, 'r/0: debugging the "config-changed" hook in a shell in its environment');
  t.match(r.output, `hook=config-changed unit=r/0 term=dumb dir=${sim.unitCharmDir('r/0')}`);
  t.match(r.output, 'r/0: the "config-changed" hook ended: its changes committed');
  t.match(r.output, /other unit: ran\r?\n/);
  t.match(r.output, /held unit: 124\r?\n/, 'a hook of the held unit waits');
  t.equal((await data())?.debugged, 'yes', 'the relation write committed');
  const status = await sim.json('status');
  t.same(status.applications.r.units['r/0']['workload-status'].message, 'debugged by hand');
  await sim.ok('settle');
  const runs: Array<{ hook: string; outcome: string }> = await sim.json('history', '--unit', 'r/0');
  t.same(runs.slice(-2).map((run) => [run.hook, run.outcome]), [['config-changed', 'ok'], ['start', 'missing']], 'the fired start ran after it');
});

t.test('exit 1 discards the writes and fails the hook as Juju would: the unit is in error until resolve (the CLI run by Node)', async (t) => {
  const { sim, env, data } = await related(t);
  const r = await underPty(
    [process.execPath, cli, 'debug-hook', 'r/0', 'config-changed', '--fire'],
    typed('r/0', 'config-changed', ['relation-set -r "$(relation-ids redis)" debugged=yes', 'relation-get -r "$(relation-ids redis)" debugged r/0', 'exit 1']),
    env,
  );
  t.ok(r.allExpected, r.output);
  t.equal(r.code, 1);
  t.match(r.output, /\byes\r?\n/, 'the hook saw its own pending write');
  t.match(r.output, 'ERROR r/0: hook failed: "config-changed": exit status 1');
  t.equal((await data())?.debugged, undefined, 'nothing committed');
  const unit = (await sim.json('status')).applications.r.units['r/0'];
  t.same(unit['workload-status'], { ...unit['workload-status'], current: 'error', message: 'hook failed: "config-changed"' });
  const settled = await sim.run('settle');
  t.equal(settled.code, 1);
  t.match(settled.stderr, 'unit r/0 is in error: hook failed: "config-changed"');
  await sim.ok('resolve', 'r/0', '--no-retry');
});

t.test('without --fire the session waits for the hook to be due, holding only that unit', async (t) => {
  const { sim, env } = await related(t);
  const session = underPty([frontEnd, 'debug-hook', 'r/0', 'update-status'], typed('r/0', 'update-status', ['status-set active waited', 'exit 0']), env);
  // Armed: ticking the other units runs their hooks meanwhile; r/0's update-status is the one held.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await sim.ok('update-status');
  const r = await session;
  t.ok(r.allExpected, r.output);
  t.equal(r.code, 0, r.output);
  t.equal((await sim.json('status')).applications.r.units['r/0']['workload-status'].message, 'waited');
  await sim.ok('settle');
  const runs: Array<{ unit: string; hook: string }> = await sim.json('history');
  t.ok(runs.some((run) => run.unit === 'c/0' && run.hook === 'update-status'), 'the other unit ran its own');
});

/** A charm whose config-changed keeps the environment it was started with, as the kernel has it. */
function envDumpCharm(t: Test): string {
  const dir = t.testdir({
    'metadata.yaml': 'name: env-dump\nsummary: keeps its hook environment\nrequires:\n  redis:\n    interface: redis\n',
    hooks: { 'config-changed': '#!/bin/bash\ncat /proc/$$/environ > "$CHARM_DIR/hook-env"\n' },
  });
  chmodSync(join(dir, 'hooks', 'config-changed'), 0o755);
  return dir;
}

/** `NAME=value` entries (lines, or as the kernel keeps them, each ended by a NUL) as an object. */
const parseEnv = (text: string, end = '\n'): Record<string, string> =>
  Object.fromEntries(
    text
      .split(end)
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );

t.test('daemon stop ends the session: the shell is hung up, nothing commits, the unit is not in error', async (t) => {
  const { sim, env, data } = await related(t);
  const r = await underPty(
    [frontEnd, 'debug-hook', 'r/0', 'config-changed', '--fire'],
    typed('r/0', 'config-changed', ['relation-set -r "$(relation-ids redis)" debugged=yes', `JUJU_SIM_HOME=${sim.home} ${frontEnd} daemon stop`]),
    env,
  );
  t.ok(r.allExpected, r.output);
  t.equal(r.code, 1);
  t.match(r.output, 'ERROR the daemon went away while /bin/bash ran');
  t.equal((await data())?.debugged, undefined, 'nothing committed');
  t.equal((await sim.json('status')).applications.r.units['r/0']['workload-status'].current, 'unknown');
});

t.test('--print-env prints the environment the hook runs in, and runs nothing', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', envDumpCharm(t), 'e');
  await sim.ok('settle');
  const dumped = join(sim.unitCharmDir('e/0'), 'hook-env');
  rmSync(dumped);
  const ran = async (): Promise<number> => (await sim.json('history', '--unit', 'e/0')).length;
  const before = await ran();
  const printed = await sim.ok('debug-hook', 'e/0', 'config-changed', '--fire', '--print-env');
  const env = parseEnv(printed);
  t.same(Object.keys(env), Object.keys(env).sort(), 'sorted');
  const { JUJU_CONTEXT_ID: printedId, ...printedRest } = env;
  const { JUJU_CONTEXT_ID: jsonId, ...jsonRest } = await sim.json('debug-hook', 'e/0', 'config-changed', '--fire', '--print-env');
  t.same(jsonRest, printedRest, '--format json: the same');
  t.not(jsonId, printedId, 'each from a context of its own');
  t.equal(await ran(), before, 'nothing ran');
  t.notOk(existsSync(dumped));
  // The same hook, run: the environment its process was started with.
  await sim.ok('fire', 'config-changed', '--unit', 'e/0');
  const { JUJU_CONTEXT_ID: ranId, ...ranRest } = parseEnv(readFileSync(dumped, 'utf8'), '\0');
  // tap's process-info hook adds its variables to every process the daemon it started spawns.
  for (const name of Object.keys(ranRest)) if (name === 'NODE_OPTIONS' || name.startsWith('_TAPJS_')) delete ranRest[name];
  t.same(printedRest, ranRest, 'what the hook got, but its context id');
  t.match(printedId, /^e\/0-config-changed-[0-9a-f]{32}$/);
  t.not(printedId, ranId);
  t.match(env, {
    JUJU_UNIT_NAME: 'e/0',
    JUJU_HOOK_NAME: 'config-changed',
    JUJU_DISPATCH_PATH: 'hooks/config-changed',
    JUJU_AGENT_SOCKET_NETWORK: 'unix',
    JUJU_AGENT_SOCKET_ADDRESS: /tool\.sock$/,
    PATH: /hooktools\/bin:/,
  });
  // A relation hook's has its relation and remote unit.
  await sim.ok('deploy', charm('bash-redis'), 'r');
  await sim.ok('integrate', 'r', 'e');
  await sim.ok('settle');
  t.match(parseEnv(await sim.ok('debug-hook', 'e/0', 'redis-relation-changed', '--fire', '--print-env')), {
    JUJU_RELATION: 'redis',
    JUJU_RELATION_ID: /^redis:\d+$/,
    JUJU_REMOTE_UNIT: 'r/0',
    JUJU_REMOTE_APP: 'r',
  });
});

t.test('./dispatch of an ops charm in the shell does what the hook does when it runs', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('ops-redis'), 'p');
  await sim.ok('deploy', charm('ops-redis-client'), 'c');
  await sim.ok('integrate', 'p', 'c');
  await sim.ok('settle');
  const address = async (): Promise<string | undefined> => unitData(await sim.json('show'), 'c/0')?.['redis-address'];
  const before = await address();
  t.match(before, /^127\.1\.0\.\d+:6379$/);
  await sim.ok('exec', 'c/0', '--', 'relation-set -r "$(relation-ids redis)" redis-address=');
  t.equal(await address(), undefined, 'cleared');
  const r = await underPty(
    [frontEnd, 'debug-hook', 'c/0', 'redis-relation-changed', '--fire', '--remote', 'p/0'],
    typed('c/0', 'redis-relation-changed', ['./dispatch; echo "dispatch exited $?"', 'exit 0']),
    { JUJU_SIM_HOME: sim.home, TERM: 'dumb' },
  );
  t.ok(r.allExpected, r.output);
  t.equal(r.code, 0, r.output);
  t.match(r.output, 'dispatch exited 0');
  t.equal(await address(), before, 'the handler wrote it back, and it committed');
});

t.test('an action is caught too: its shell\'s action tools set what `run` reports', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('action-charm'), 'a');
  await sim.ok('settle');
  const session = underPty(
    [frontEnd, 'debug-hook', 'a/0', 'give-up'],
    [
      { expect: 'a/0:actions/give-up % ', send: 'echo "action=$JUJU_ACTION_NAME"; action-set answer=by-hand\n' },
      { expect: 'a/0:actions/give-up % ', send: 'exit 0\n' },
    ],
    { JUJU_SIM_HOME: sim.home, TERM: 'dumb' },
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const run = await sim.run('run', 'a/0', 'give-up', '--format', 'json');
  const r = await session;
  t.ok(r.allExpected, r.output);
  t.equal(r.code, 0, r.output);
  t.match(r.output, 'action=give-up');
  t.match(r.output, 'a/0: the "give-up" action ended: its changes committed');
  t.equal(run.code, 0, run.stderr);
  t.match(JSON.parse(run.stdout), { 'a/0': { results: { answer: 'by-hand' }, status: 'completed' } });
});

t.test('usage and checks: exit 2 with Juju\'s words for bad arguments, 1 for a name the charm lacks', async (t) => {
  const { sim } = await related(t);
  const cases: Array<[string[], number, string]> = [
    [['debug-hook'], 2, 'ERROR no unit name specified\n'],
    [['debug-hook', 'r'], 2, 'ERROR "r" is not a valid unit name\n'],
    [['debug-hook', 'r/0', '--bogus'], 2, 'ERROR option provided but not defined: --bogus\n'],
    [['debug-hook', 'r/0', '--fire'], 2, 'ERROR --fire needs exactly one hook name\n'],
    [['debug-hook', 'r/0', 'install', 'start', '--fire'], 2, 'ERROR --fire needs exactly one hook name\n'],
    [['debug-hook', 'r/0', 'install', '--remote', 'c/0'], 2, 'ERROR --remote and --relation go with --fire\n'],
    [['debug-hook', 'r/0', '--print-env', '--format', 'yaml'], 2, 'ERROR invalid value "yaml" for option --format: Allowed choices are human, json.\n'],
    [['debug-hook', 'r/9'], 1, 'ERROR unit "r/9" not found\n'],
  ];
  for (const [args, code, stderr] of cases) t.same(await sim.run(...args), { code, stdout: '', stderr }, args.join(' '));
  const unknown = await sim.run('debug-hook', 'r/0', 'nosuch');
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /^ERROR unit "r\/0" contains neither hook nor action "nosuch", valid actions are \[\] and valid hooks are \[config-changed install juju-info-relation-broken .* redis-relation-changed .*\]\n$/);
  // Juju's name for it, with its alias, on Juju's command line.
  t.same(await sim.juju('debug-hooks'), { code: 2, stdout: '', stderr: 'ERROR no unit name specified\n' });
  t.same(await sim.juju('debug-hook', 'r'), { code: 2, stdout: '', stderr: 'ERROR "r" is not a valid unit name\n' });
});
