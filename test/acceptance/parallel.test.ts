// Units are separate machines (DESIGN.md, "Time"): at --max-parallel-hooks 4 hooks of different
// units run at the same time, never two of one unit and never more than four, while each unit
// still runs its hooks in Juju's order and the model ends where it ends one hook at a time.
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { hooksByUnit } from '../helpers/first-start.js';
import { Sim, fixture } from '../helpers/sim.js';

const providers = ['p/0', 'p/1', 'p/2'];
const requirers = ['r/0', 'r/1', 'r/2'];

/**
 * Two applications of test/charms/overlap, three units each, related and with peers, all of it
 * landing before any hook runs; then settled at `maxParallelHooks`.
 */
async function run(t: Test, maxParallelHooks: number): Promise<Sim> {
  const sim = new Sim(t, { maxParallelHooks });
  await sim.ok('pause');
  await sim.ok('deploy', fixture('overlap'), 'p', '-n', '3');
  await sim.ok('deploy', fixture('overlap'), 'r', '-n', '3');
  await sim.ok('integrate', 'p:source', 'r:sink');
  await sim.ok('resume');
  await sim.ok('settle');
  return sim;
}

interface Span {
  unit: string;
  hook: string;
  start: number;
  end: number;
}

/** Each hook's run as the charm recorded it, from every unit's charm directory. */
function spans(sim: Sim): Span[] {
  const all: Span[] = [];
  for (const unit of [...providers, ...requirers]) {
    const open = new Map<string, number>();
    for (const line of readFileSync(join(sim.unitCharmDir(unit), 'hook-times'), 'utf8').trim().split('\n')) {
      const [hook, remote, edge, ns] = line.split(' ');
      const key = `${hook} ${remote}`;
      if (edge === 'start') open.set(key, Number(BigInt(ns) / 1000n));
      else all.push({ unit, hook: key, start: open.get(key)!, end: Number(BigInt(ns) / 1000n) });
    }
  }
  return all;
}

/** The most spans running at one moment, over all units or within each. */
function peaks(all: Span[]): { model: number; unit: number } {
  const peak = (spans: Span[]): number => {
    const edges = spans.flatMap((s) => [[s.start, 1] as const, [s.end, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let running = 0;
    let most = 0;
    for (const [, delta] of edges) most = Math.max(most, (running += delta));
    return most;
  };
  const units = new Set(all.map((s) => s.unit));
  return { model: peak(all), unit: Math.max(...[...units].map((u) => peak(all.filter((s) => s.unit === u)))) };
}

/**
 * What Juju's uniter guarantees a unit, whatever the other units do meanwhile: its first-start
 * order, then only relation hooks; in each relation every remote unit joins once, its changed
 * hook comes right after its joined one (among that relation's hooks), and no changed hook
 * comes before the unit's joined. Which remote unit a unit hears of first, and how many
 * changed hooks it gets, depend on when the others write: in Juju as here.
 */
function jujuOrderProblems(unit: string, hooks: string[]): string[] {
  const [app] = unit.split('/');
  const peers = (app === 'p' ? providers : requirers).filter((u) => u !== unit);
  const others = app === 'p' ? requirers : providers;
  const endpoint = app === 'p' ? 'source' : 'sink';
  const leadership = unit.endsWith('/0') ? 'leader-elected' : 'leader-settings-changed';
  const problems: string[] = [];
  const start = ['install', 'cluster-relation-created', `${endpoint}-relation-created`, leadership, 'config-changed', 'start'];
  if (hooks.slice(0, start.length).join(', ') !== start.join(', ')) problems.push(`starts ${hooks.slice(0, start.length).join(', ')}`);
  const rest = hooks.slice(start.length);
  for (const [name, members] of [['cluster', peers], [endpoint, others]] as const) {
    const ofRelation = rest.filter((h) => h.startsWith(`${name}-relation-`));
    const joined: string[] = [];
    ofRelation.forEach((hook, i) => {
      const [kind, remote] = hook.slice(name.length + '-relation-'.length).split(' ');
      if (kind === 'joined') {
        joined.push(remote);
        if (ofRelation[i + 1] !== `${name}-relation-changed ${remote}`) problems.push(`${hook} not followed by its changed hook`);
      } else if (kind !== 'changed' || !joined.includes(remote)) problems.push(`${hook} before its joined hook`);
    });
    if ([...joined].sort().join(' ') !== members.join(' ')) problems.push(`${name}: joined ${joined.join(' ')}`);
  }
  const stray = rest.filter((h) => !h.startsWith('cluster-relation-') && !h.startsWith(`${endpoint}-relation-`));
  if (stray.length > 0) problems.push(`then ${stray.join(', ')}`);
  return problems;
}

t.test('at --max-parallel-hooks 4 hooks of different units overlap; each unit keeps Juju\'s order; the databags end as at 1', async (t) => {
  const parallel = await run(t, 4);
  t.match(await parallel.ok('daemon', 'status'), /, max-parallel-hooks 4\)\n$/, 'the daemon took the setting from the environment');
  const { model, unit } = peaks(spans(parallel));
  t.ok(model > 1 && model <= 4, `hooks of different units ran at the same time, at most 4 (${model} at most)`);
  t.equal(unit, 1, 'never two hooks of one unit at once');

  const serial = await run(t, 1);
  t.equal(peaks(spans(serial)).model, 1, 'at 1, one hook at a time');

  for (const [sim, setting] of [[parallel, 4], [serial, 1]] as const) {
    const byUnit = await hooksByUnit(sim);
    t.same(Object.keys(byUnit).sort(), [...providers, ...requirers]);
    for (const [name, hooks] of Object.entries(byUnit)) t.same(jujuOrderProblems(name, hooks), [], `${name} at ${setting}: Juju's order`);
  }

  const [shown, expected] = [await parallel.json('show'), await serial.json('show')];
  t.same(shown, expected, 'every databag as one hook at a time leaves it');
  const bag = expected.relations.find((r: any) => r.endpoints.some((e: any) => e.endpoint === 'sink')).endpoints.find((e: any) => e.endpoint === 'sink')['units-data']['r/1'];
  t.match(bag, { token: 'r/1', seen: 'p/0,p/1,p/2' }, 'and every unit heard every other');
});

t.test('the daemon takes --max-parallel-hooks when it starts, shows it, and keeps it until it stops', async (t) => {
  const sim = new Sim(t);
  const pid = (out: string): string => /pid (\d+)/.exec(out)![1];
  const started = await sim.ok('daemon', 'start', '--max-parallel-hooks', '3');
  t.match(started, /^daemon running \(pid \d+, max-parallel-hooks 3\)\n$/);
  t.equal(await sim.ok('daemon', 'status'), `daemon running (pid ${pid(started)}, home ${sim.home}, max-parallel-hooks 3)\n`);
  t.equal(await sim.ok('daemon', 'start'), started, 'start without the flag leaves it as it is');
  t.same(await sim.run('daemon', 'start', '--max-parallel-hooks', '2'), {
    code: 1,
    stdout: '',
    stderr: `ERROR daemon already running (pid ${pid(started)}) with --max-parallel-hooks 3; stop it first with "juju-sim daemon stop"\n`,
  });
  await sim.ok('daemon', 'stop');
  const fallback = process.env.JUJU_SIM_MAX_PARALLEL_HOOKS ?? String(availableParallelism());
  t.match(await sim.ok('daemon', 'start'), `, max-parallel-hooks ${fallback})\n`, 'restarted, it has the default again');
});

t.test('a daemon started on demand takes JUJU_SIM_MAX_PARALLEL_HOOKS, and refuses one that is no positive integer', async (t) => {
  const sim = new Sim(t, { maxParallelHooks: 0 });
  t.same(await sim.run('status'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR invalid value "0" for JUJU_SIM_MAX_PARALLEL_HOOKS: expected a positive integer\n',
  });
  t.equal((await sim.run('daemon', 'status')).stdout, 'daemon not running\n');
  const five = new Sim(t, { maxParallelHooks: 5 });
  await five.ok('status');
  t.match(await five.ok('daemon', 'status'), /, max-parallel-hooks 5\)\n$/);
});
