// The hook journal: a known hook's tool calls (with their output) and key-level diff, committed;
// a failed hook's would-be diff, discarded; `history --hook N` in full; the diffs under each run;
// and `history --follow` reading runs as they end until it is interrupted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { Sim, charm, fixture } from '../helpers/sim.js';

// One hook at a time: the writer's first relation-changed that sees redis/0's port is the one
// that writes, whichever order the two units' hooks took.
const sim = new Sim(t, { maxParallelHooks: 1 });
await sim.ok('deploy', charm('bash-redis'), 'redis');
await sim.ok('deploy', fixture('journal-writer'), 'w');
await sim.ok('integrate', 'redis', 'w');
await sim.ok('settle');

const writes = (run: any): boolean =>
  run.unit === 'w/0' && run.hook === 'redis-relation-changed' && run.toolCalls.some((c: any) => c.tool === 'open-port');

t.test("a known hook's tool calls and diff, committed", async (t) => {
  const runs = await sim.json('history', '--unit', 'w/0');
  const written = runs.filter(writes);
  t.equal(written.length, 1, 'one run wrote');
  const [run] = written;
  t.same(run.toolCalls, [
    { tool: 'relation-get', args: ['port', 'redis/0'], code: 0, stdout: '6379\n' },
    { tool: 'relation-set', args: ['seen-port=6379', 'note=hello'], code: 0 },
    { tool: 'relation-set', args: ['--app', 'mode=leader'], code: 0 },
    { tool: 'state-set', args: ['seen=1'], code: 0 },
    { tool: 'open-port', args: ['8080'], code: 0 },
  ]);
  t.same(run.changes, {
    fate: 'committed',
    databags: [
      { relationId: 0, holder: 'w/0', kind: 'unit', keys: [{ key: 'note', new: 'hello' }, { key: 'seen-port', new: '6379' }] },
      { relationId: 0, holder: 'w', kind: 'application', keys: [{ key: 'mode', new: 'leader' }] },
    ],
    charmState: [{ key: 'seen', new: '1' }],
    openedPorts: ['8080/tcp'],
  });
  t.equal(runs.find((r: any) => r.hook === 'install').changes, null, 'a hook that changed nothing has no diff');

  const full = await sim.ok('history', '--hook', String(run.seq));
  t.equal(
    full.replace(/started: \S+, \d+ms/, 'started: T, Dms'),
    [
      `hook ${run.seq}: redis-relation-changed`,
      '  unit: w/0',
      '  relation: 0',
      '  remote unit: redis/0',
      '  remote application: redis',
      '  started: T, Dms',
      '  outcome: ok (exit 0)',
      'tool calls:',
      '  relation-get port redis/0  → exit 0',
      '      stdout: 6379',
      '  relation-set seen-port=6379 note=hello  → exit 0',
      '  relation-set --app mode=leader  → exit 0',
      '  state-set seen=1  → exit 0',
      '  open-port 8080  → exit 0',
      'output:',
      '  stdout: saw port 6379',
      '  stderr: a warning',
      'changes committed:',
      '  relation 0 unit databag w/0',
      '    + note: hello',
      '    + seen-port: 6379',
      '  relation 0 application databag w',
      '    + mode: leader',
      '  charm state',
      '    + seen: 1',
      '  opened 8080/tcp',
      '',
    ].join('\n'),
  );
  const table = await sim.ok('history', '--unit', 'w/0');
  t.match(table, new RegExp(`^${run.seq} +w/0 +redis-relation-changed +redis/0 +ok +\\d+ms\\n    committed: relation 0 unit w/0: \\+note="hello" \\+seen-port="6379"\\n`, 'm'));
  t.ok(table.split('\n').every((l: string) => l.length <= 80));
  t.same(await sim.run('history', '--hook', '999'), { code: 1, stdout: '', stderr: 'ERROR hook run "999" not found\n' });
  t.same(await sim.run('history', '--hook', '0'), { code: 2, stdout: '', stderr: 'ERROR invalid value "0" for option --hook: expected a hook run number\n' });
});

t.test('--follow prints runs as they end, until interrupted', async (t) => {
  const before = (await sim.json('history')).length;
  const follow = sim.stream('history', '--follow', '--unit', 'w/0');
  await follow.until((out) => out.startsWith('Seq  Unit'));
  await sim.ok('update-status', 'w/0');
  await sim.ok('update-status', 'w/0');
  const out = await follow.until((o) => (o.match(/ w\/0 +update-status /g) ?? []).length === 2);
  t.equal(out.split('\n').filter((l) => l.startsWith('Seq')).length, 1, 'the header once');
  const end = await follow.interrupt();
  t.notMatch(end.stderr, /ERROR/);
  t.equal((await sim.json('history')).length, before + 2, 'the daemon serves on');
});

t.test("a failed hook's diff is recorded as discarded", async (t) => {
  writeFileSync(join(sim.unitCharmDir('w/0'), 'fail'), '');
  const fired = await sim.run('fire', 'redis-relation-changed', '--unit', 'w/0', '--remote', 'redis/0');
  t.equal(fired.code, 1);
  const runs = await sim.json('history', '--unit', 'w/0');
  const failed = runs.at(-1);
  t.match(failed, { hook: 'redis-relation-changed', outcome: 'failed', code: 1 });
  t.same(failed.toolCalls.map((c: any) => [c.tool, ...c.args]), [['relation-get', 'port', 'redis/0'], ['relation-set', 'note=failing'], ['status-set', 'blocked', 'about to fail']]);
  // status-set acts at once: the failure discards the relation data, not the status.
  t.same(failed.changes, {
    fate: 'discarded',
    databags: [{ relationId: 0, holder: 'w/0', kind: 'unit', keys: [{ key: 'note', old: 'hello', new: 'failing' }] }],
    applied: { statuses: [{ entity: 'w/0', kind: 'workload', old: { status: 'unknown', message: '' }, new: { status: 'blocked', message: 'about to fail' } }] },
  });
  t.match(
    await sim.ok('history', '--unit', 'w/0'),
    /\n    discarded: relation 0 unit w\/0: note="hello"→"failing"\n    applied: workload status w\/0: unknown→blocked "about to fail"\n$/,
  );
  t.match(
    await sim.ok('history', '--hook', String(failed.seq)),
    /output:\n {2}stderr: failing on purpose\nchanges discarded:\n {2}relation 0 unit databag w\/0\n {4}- note: hello\n {4}\+ note: failing\napplied at once:\n {2}workload status w\/0: unknown→blocked "about to fail"\n$/,
  );
  t.equal((await sim.json('show-status-log', 'w/0', '--type', 'workload')).at(-1).status, 'blocked', 'the status stays');
  t.equal((await sim.json('show', 'w')).relations[0].endpoints[1]['units-data']['w/0'].note, 'hello', 'and nothing of it was written');
});
