// Time travel on a real model: bash charms (bash-redis, test/charms/timeline-writer) and an ops
// charm (ops-redis-client), paused and stepped one operation at a time, with `show --format json`
// recorded after each hook run (stepped or fired, a failed one and a skipped one among them, a
// unit removed, a relation removed, leader settings set). Then `show --at N` must give what was
// recorded for every N, and `diff N M` the difference between two recordings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { Sim, charm, fixture } from '../helpers/sim.js';
import { generator } from '../helpers/random.js';

type Shown = { relations: Array<{ id: number; interface: string; endpoints: Array<{ application: string; endpoint: string; 'application-data': Record<string, string>; 'units-data': Record<string, Record<string, string>> }> }> };

const sim = new Sim(t);
await sim.ok('pause');
await sim.ok('deploy', charm('bash-redis'), 'redis');
await sim.ok('deploy', fixture('timeline-writer'), 'tt', '-n', '2');
await sim.ok('deploy', charm('ops-redis-client'), 'client');
await sim.ok('integrate', 'redis', 'tt');
await sim.ok('integrate', 'redis', 'client');

/** show's JSON after each hook run, by its number, taken before anything else could change. */
const recorded = new Map<number, Shown>();
let last = 0;
async function record(): Promise<void> {
  const runs = await sim.json('history');
  const seq = runs.length === 0 ? 0 : runs.at(-1).seq;
  if (seq === last) return;
  if (seq !== last + 1) throw new Error(`runs ${last + 1} to ${seq} ended in one step: the model was not paused`);
  last = seq;
  recorded.set(seq, await sim.json('show'));
}
/** Steps until nothing is left to run, recording after each step. */
async function stepAll(): Promise<void> {
  for (;;) {
    const step = await sim.json('step');
    if (step.operation === null) return;
    await record();
  }
}

await stepAll();
const writerBag = (shown: Shown, unit: string) => shown.relations.find((r) => r.interface === 'redis' && r.endpoints.some((e) => e.application === 'tt'))?.endpoints[1]['units-data'][unit];
if (writerBag(recorded.get(last)!, 'tt/0')?.last !== 'redis-relation-changed') throw new Error('the writer did not write');

// A fired hook that fails: what it buffered is discarded, its leader-set and status-set stay.
const leader = (await sim.json('status')).applications.tt.units['tt/0'].leader ? 'tt/0' : 'tt/1';
writeFileSync(join(sim.unitCharmDir(leader), 'fail'), '');
// A paused model runs a fired hook when it is stepped.
const firing = sim.run('fire', 'redis-relation-changed', '--unit', leader, '--remote', 'redis/0');
let fired: Awaited<typeof firing> | undefined;
void firing.then((r) => (fired = r));
while (fired === undefined) {
  await sim.run('step', leader);
  await record();
}
if (fired.code !== 1) throw new Error(`the fired hook did not fail: ${fired.stderr}`);
const failed = last;
// Skipping it is a run of its own, recorded by resolve.
await sim.ok('resolve', leader, '--no-retry');
await record();
const skipped = last;
await stepAll();

// A unit leaves, a relation goes.
const other = leader === 'tt/0' ? 'tt/1' : 'tt/0';
await sim.ok('remove-unit', other);
await stepAll();
await sim.ok('remove-relation', 'redis', 'client');
await stepAll();

t.test('the runs recorded', async (t) => {
  t.ok(recorded.size >= 30, `${recorded.size} runs recorded`);
  t.same([...recorded.keys()], Array.from({ length: last }, (_, i) => i + 1), 'every run, each after its step or fire');
});

t.test('show --at N is show as it was after run N, for every N', async (t) => {
  for (const [seq, shown] of recorded) t.same(await sim.json('show', '--at', String(seq)), shown, `after run ${seq}`);
  t.same(recorded.get(failed), recorded.get(failed - 1), 'a failed hook changed no databag');
  t.same(recorded.get(skipped), recorded.get(failed), 'nor did skipping it');
  const gone = [...recorded.values()].filter((s) => s.relations.some((r) => r.endpoints.some((e) => e.application === 'client')));
  t.ok(gone.length > 0 && !(await sim.json('show')).relations.some((r: any) => r.endpoints.some((e: any) => e.application === 'client')), 'a removed relation is there as it was');
  t.ok([...recorded.values()].some((s) => writerBag(s, other) !== undefined) && writerBag(await sim.json('show'), other) === undefined, 'a departed unit too');
  t.same(await sim.json('show', 'client', '--at', String(failed)), { relations: recorded.get(failed)!.relations.filter((r) => r.endpoints.some((e) => e.application === 'client')) }, 'with the filters of show');
  const human = await sim.ok('show', '--at', String(last));
  t.equal(human, await sim.ok('show'), 'the human output alike');
});

/** The databags and relations that differ between two recordings, in diff's shape. */
function expectedDiff(before: Shown, after: Shown) {
  const bags = (s: Shown) =>
    new Map(
      s.relations.flatMap((r) =>
        r.endpoints.flatMap((e) => [[`${r.id} ${e.application}`, e['application-data']] as const, ...Object.entries(e['units-data']).map(([u, d]) => [`${r.id} ${u}`, d] as const)]),
      ),
    );
  const [was, is] = [bags(before), bags(after)];
  const databags = [...new Set([...was.keys(), ...is.keys()])].flatMap((k) => {
    const [old, next] = [was.get(k) ?? {}, is.get(k) ?? {}];
    const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])]
      .sort()
      .filter((key) => old[key] !== next[key])
      .map((key) => ({ key, ...(key in old ? { old: old[key] } : {}), ...(key in next ? { new: next[key] } : {}) }));
    const [id, holder] = k.split(' ');
    return keys.length === 0 ? [] : [{ relationId: Number(id), holder, keys }];
  });
  const ids = (s: Shown) => new Set(s.relations.map((r) => r.id));
  const relations = [
    ...[...ids(before)].filter((id) => !ids(after).has(id)).map((id) => ({ id, change: 'removed' })),
    ...[...ids(after)].filter((id) => !ids(before).has(id)).map((id) => ({ id, change: 'added' })),
  ];
  return { relations: relations.sort((a, b) => a.id - b.id), databags };
}

t.test('diff N M is the difference between show after N and after M', async (t) => {
  const seqs = [...recorded.keys()];
  const random = generator(13);
  const pick = (): number => seqs[Math.floor(random() * seqs.length)];
  const pairs = [[seqs[0], last], [failed - 1, failed], [last, seqs[0]], ...Array.from({ length: 12 }, () => [pick(), pick()])];
  for (const [n, m] of pairs) {
    const diff = await sim.json('diff', String(n), String(m));
    const want = expectedDiff(recorded.get(n)!, recorded.get(m)!);
    const got = {
      relations: (diff.relations ?? []).map((r: any) => ({ id: r.id, change: r.change })),
      databags: (diff.databags ?? []).map((d: any) => ({ relationId: d.relationId, holder: d.holder, keys: d.keys })),
    };
    const order = (d: typeof want.databags) => [...d].sort((a, b) => a.relationId - b.relationId || (a.holder < b.holder ? -1 : 1));
    t.same({ relations: got.relations, databags: order(got.databags) }, { relations: want.relations, databags: order(want.databags) }, `diff ${n} ${m}`);
  }
  t.same(await sim.json('diff', '3', '3'), { from: 3, to: 3 }, 'no change');
  const text = await sim.ok('diff', String(seqs[0]), String(last));
  t.ok(text.startsWith(`from hook ${seqs[0]} to hook ${last}\n`) && text.split('\n').every((l) => l.length <= 80), 'human, 80 columns');
  t.notMatch(text, /\x1b/, 'no colour off a terminal');
});

t.test('diff N is what run N did: the failed one discarded, its leader-set and status-set kept', async (t) => {
  const diff = await sim.json('diff', String(failed));
  t.match(diff, {
    run: { seq: failed, unit: leader, hook: 'redis-relation-changed', outcome: 'failed', fate: 'discarded' },
    databags: [{ holder: leader, kind: 'unit', keys: [{ key: 'doomed', new: 'yes' }] }],
    leaderSettings: [{ application: 'tt', keys: [{ key: 'doomed', new: 'yes' }] }],
    statuses: [{ entity: leader, kind: 'workload', old: { status: 'active', message: 'leading' }, new: { status: 'blocked', message: 'failing on purpose' } }],
  });
  const text = await sim.ok('diff', String(failed));
  t.match(text, new RegExp(`^hook ${failed}: ${leader} redis-relation-changed \\(failed\\), discarded\\n`));
  t.match(text, /\nrelation \d+ unit tt\/\d \(discarded\)\n {2}\+ doomed: "yes"\n/);
  t.match(text, /\nleader settings tt\n {2}\+ doomed: "yes"\n/);
  const elected = (await sim.json('history', '--unit', leader)).find((r: any) => r.hook === 'leader-elected');
  t.match(await sim.json('diff', String(elected.seq)), { run: { fate: null }, leaderSettings: [{ application: 'tt', keys: [{ key: 'elected', new: leader }] }] });
  const history = await sim.ok('history', '--unit', leader);
  t.match(history, /\n {4}applied: leader settings: \+elected="tt\/\d"\n/, 'history shows leader settings');
  t.match(history, /\n {4}applied: leader settings: \+doomed="yes"\n/, 'a failed hook\'s too');
});

t.test('errors', async (t) => {
  t.same(await sim.run('show', '--at', String(last + 1)), { code: 1, stdout: '', stderr: `ERROR hook run "${last + 1}" not found\n` });
  t.same(await sim.run('diff', String(last + 1)), { code: 1, stdout: '', stderr: `ERROR hook run "${last + 1}" not found\n` });
  t.same(await sim.run('diff', '1', String(last + 1)), { code: 1, stdout: '', stderr: `ERROR hook run "${last + 1}" not found\n` });
  t.same(await sim.run('show', '--at', '0'), { code: 2, stdout: '', stderr: 'ERROR invalid value "0" for option --at: expected a hook run number\n' });
  t.same(await sim.run('show', '--at', '1', '--watch'), { code: 2, stdout: '', stderr: 'ERROR --watch and --at cannot be used together\n' });
  t.same(await sim.run('diff', 'x'), { code: 2, stdout: '', stderr: 'ERROR invalid hook run number "x"\n' });
  t.same(await sim.run('diff'), { code: 2, stdout: '', stderr: "ERROR missing required argument 'n'\n" });
  t.same(await sim.juju('diff', '1'), { code: 2, stdout: '', stderr: 'ERROR juju: "diff" is not a juju command. See "juju --help".\n' });
});

t.test('across models: what the other side published is there as it was when a hook ran', async (t) => {
  const sim = new Sim(t);
  await sim.ok('add-model', 'offering', '--no-switch');
  await sim.ok('add-model', 'consuming', '--no-switch');
  await sim.ok('deploy', charm('bash-redis'), '-m', 'offering');
  await sim.ok('offer', 'offering.bash-redis:redis', 'redisx');
  await sim.ok('consume', '-m', 'consuming', 'admin/offering.redisx', 'cache');
  await sim.ok('deploy', charm('bash-client'), 'demo', '-m', 'consuming');
  await sim.ok('integrate', '-m', 'consuming', 'cache', 'demo');
  for (let i = 0; i < 4; i++) for (const m of ['offering', 'consuming']) await sim.ok('settle', '-m', m);
  const runs = await sim.json('history', '-m', 'consuming');
  const copied = runs.find((r: any) => r.hook === 'redis-relation-changed' && r.changes?.databags?.[0]?.keys.some((k: any) => k.key === 'redis-host'));
  t.ok(copied, 'the client copied what the provider published');
  await sim.ok('remove-relation', '-m', 'consuming', 'cache', 'demo');
  for (let i = 0; i < 4; i++) for (const m of ['offering', 'consuming']) await sim.ok('settle', '-m', m);
  t.same((await sim.json('show', '-m', 'consuming')).relations, [], 'the relation is gone');
  const [relation] = (await sim.json('show', '-m', 'consuming', '--at', String(copied.seq))).relations;
  const [cache, demo] = relation.endpoints;
  t.match(cache, { application: 'cache', leader: null, 'units-data': { 'cache/0': { host: /^127\.1\./, port: '6379' } } }, "the remote unit's data as published");
  t.match(demo['units-data']['demo/0'], { 'redis-host': cache['units-data']['cache/0'].host, 'redis-port': '6379' }, 'and what the hook wrote from it');
  const before = (await sim.json('show', '-m', 'consuming', '--at', String(copied.seq - 1))).relations[0].endpoints[1]['units-data']['demo/0'];
  t.notOk(before && 'redis-host' in before, 'not before that hook');
});
