// The model's timeline: rows into the model they leave (a table), and, on a real controller
// database, `show` as it was after each recorded run equal to `show` at that moment, across
// scope entry, commits, leadership, departure, a removed relation and a removed unit; a model
// that had a past before its timeline starts from its present.
import t, { type Test } from 'tap';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { showRelations } from '../../../agent/api/show.js';
import { Controller } from '../../../agent/controller/controller.js';
import type { HookRun } from '../../../agent/controller/records.js';
import { snapshot, type TimelineRow } from '../../../agent/controller/timeline.js';

const row = (kind: string, relationId: number | null, name: string, value: unknown): TimelineRow => ({
  kind,
  relationId,
  name,
  value: value === null ? null : typeof value === 'string' ? value : JSON.stringify(value),
});
const relation = (id: number, key = 'a:x b:y') => row('relation', id, '', { key, interface: 'i' });
const endpoint = (id: number, application: string, role: string) => row('endpoint', id, application, { endpoint: application === 'a' ? 'x' : 'y', role });

/** Each case: rows in order → the relations (id: endpoints, scope, databags) and the rest, as plain objects. */
const cases: Array<{ name: string; rows: TimelineRow[]; want: Record<string, unknown> }> = [
  { name: 'nothing', rows: [], want: { relations: {}, applications: {}, leaderSettings: {}, workloadStatuses: {} } },
  {
    name: 'a relation, its endpoints, scope and databags',
    rows: [relation(0), endpoint(0, 'b', 'requirer'), endpoint(0, 'a', 'provider'), row('scope', 0, 'b/0', 'in'), row('scope', 0, 'a/0', 'in'), row('settings', 0, 'a/0', { k: 'v' })],
    want: {
      relations: { 0: { endpoints: ['a provider', 'b requirer'], scope: ['a/0', 'b/0'], databags: { 'a/0': { k: 'v' } } } },
    },
  },
  {
    name: 'a later value replaces an earlier one; a unit that left scope is out of it, its databag kept',
    rows: [relation(0), row('settings', 0, 'a/0', { k: 'v' }), row('scope', 0, 'a/0', 'in'), row('settings', 0, 'a/0', { k: 'w' }), row('scope', 0, 'a/0', null)],
    want: { relations: { 0: { endpoints: [], scope: [], databags: { 'a/0': { k: 'w' } } } } },
  },
  {
    name: 'a removed relation is gone with everything in it',
    rows: [relation(0), endpoint(0, 'a', 'provider'), row('settings', 0, 'a', { k: 'v' }), row('settings', 0, 'a', null), row('endpoint', 0, 'a', null), row('relation', 0, '', null), relation(1)],
    want: { relations: { 1: { endpoints: [], scope: [], databags: {} } } },
  },
  {
    name: 'applications, leader settings, statuses; a removed unit has none',
    rows: [
      row('application', null, 'a', { leader: null, status: null }),
      row('unit', null, 'a/0', { current: 'waiting', message: 'agent initialising', since: 'T' }),
      row('application', null, 'a', { leader: 'a/0', status: { current: 'active', message: 'ok', since: 'T' } }),
      row('leader-settings', null, 'a', { s: '1' }),
      row('unit', null, 'a/1', { current: 'blocked', message: '', since: 'T' }),
      row('unit', null, 'a/1', null),
    ],
    want: {
      applications: { a: { leader: 'a/0', status: { status: 'active', message: 'ok' } } },
      leaderSettings: { a: { s: '1' } },
      workloadStatuses: { 'a/0': { status: 'waiting', message: 'agent initialising' } },
    },
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const s = snapshot(c.rows);
    const relations = Object.fromEntries(
      [...s.relations].map(([id, r]) => [id, { endpoints: r.endpoints.map((e) => `${e.application} ${e.role}`), scope: r.scope, databags: Object.fromEntries(r.databags) }]),
    );
    const got = { relations, applications: Object.fromEntries(s.applications), leaderSettings: Object.fromEntries(s.leaderSettings), workloadStatuses: Object.fromEntries(s.workloadStatuses) };
    t.match(got, c.want);
    for (const [k, v] of Object.entries(c.want)) t.same(Object.keys(got[k as keyof typeof got]), Object.keys(v as object), `no other ${k}`);
  });
}

/** A controller database's path, removed when the test ends. */
function databasePath(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-timeline-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'controller.db');
}

function controller(t: Test, path = databasePath(t)): Controller {
  const c = new Controller(path, 'test');
  t.teardown(() => c.close());
  return c;
}

const meta = (name: string, endpoints: Array<{ name: string; role: 'provider' | 'requirer' | 'peer' }>) => ({
  dir: '/nowhere',
  meta: { name, subordinate: false, endpoints: endpoints.map((e) => ({ ...e, interface: 'i', scope: 'global' as const })), extraBindings: [], options: {}, actions: {}, resources: {} },
});

const run = (unit: string, hook: string, outcome = 'ok'): HookRun => ({
  unit,
  hook,
  relationId: null,
  remoteUnit: null,
  remoteApp: null,
  departingUnit: null,
  outcome,
  code: 0,
  started: new Date().toISOString(),
  ms: 1,
  toolCalls: [],
});

t.test("show at each run is show as it was when the run ended", async (t) => {
  const c = controller(t);
  const seen = new Map<number, unknown>();
  /** Records a run (with changes, as a commit does) and what show says right then. */
  const ran = (unit: string, changes?: Parameters<Controller['commitHookChanges']>[0]) => {
    if (changes) c.commitHookChanges(changes, run(unit, 'hook'));
    else c.history.recordHookRun(run(unit, 'hook'));
    const runs = c.history.hookRuns();
    seen.set(runs[runs.length - 1].seq, showRelations(c));
  };
  c.applications.add('db', meta('db', [{ name: 'db', role: 'provider' }]));
  c.applications.add('web', meta('web', [{ name: 'db', role: 'requirer' }, { name: 'peers', role: 'peer' }]));
  const [db0, web0, web1] = [c.units.add('db'), c.units.add('web'), c.units.add('web')];
  ran('db/0');
  const rel = c.relations.add(
    [
      { application: 'db', endpoint: 'db', role: 'provider' },
      { application: 'web', endpoint: 'db', role: 'requirer' },
    ],
    { interface: 'i', scope: 'global' },
  );
  const peers = c.relations.of('web').find((r) => r.endpoints.length === 1)!.id;
  c.relations.enterScope(rel.id, db0);
  ran('db/0');
  c.relations.enterScope(rel.id, web0);
  c.relations.enterScope(rel.id, web1);
  c.relations.enterScope(peers, web0);
  c.relations.enterScope(peers, web1);
  ran('db/0', { unit: 'db/0', relations: [{ relationId: rel.id, unitSettings: { host: 'h', port: '1' }, applicationSettings: { pw: 'x' } }] });
  ran('web/0', { unit: 'web/0', relations: [{ relationId: peers, applicationSettings: { ready: 'yes' } }] });
  c.applications.elect('web', 'web/1');
  c.settings.writeLeaderSettings('web', { token: 't' });
  ran('web/1', { unit: 'web/1', relations: [{ relationId: rel.id, unitSettings: { want: 'db' } }] });
  ran('db/0', { unit: 'db/0', relations: [{ relationId: rel.id, unitSettings: { port: '' } }] });
  c.life.leaveScope(rel.id, 'web/0');
  ran('web/0');
  c.life.destroyUnit('web/0');
  c.life.removeUnit('web/0');
  ran('web/1');
  c.life.destroyRelation(rel.id);
  ran('db/0');
  c.life.leaveScope(rel.id, 'db/0');
  c.life.leaveScope(rel.id, 'web/1');
  ran('web/1');
  t.equal(c.relations.exists(rel.id), false, 'the relation is gone');
  t.equal(seen.size, 10);
  for (const [seq, shown] of seen) t.same(showRelations(c, { at: seq }), shown, `after run ${seq}`);
  t.same(showRelations(c, { at: 3, endpoints: ['db'] }), { relations: (seen.get(3) as any).relations.filter((r: any) => r.id === rel.id) }, 'with a filter');
  t.throws(() => showRelations(c, { at: 11 }), { message: 'hook run "11" not found' });
  t.throws(() => showRelations(c, { at: 10, relation: rel.id }), { message: `relation "${rel.id}" not found` }, 'a relation not there then');
});

t.test('a model with a past before its timeline starts from its present', async (t) => {
  const path = databasePath(t);
  const first = new Controller(path, 'test');
  first.applications.add('a', meta('a', [{ name: 'peers', role: 'peer' }]));
  const unit = first.units.add('a');
  const peers = first.relations.of('a')[0].id;
  first.relations.enterScope(peers, unit);
  first.commitHookChanges({ unit: 'a/0', relations: [{ relationId: peers, applicationSettings: { k: 'v' } }] }, run('a/0', 'old'));
  const before = showRelations(first);
  first.close();
  // As a juju-sim without the timeline left it.
  const old = new Database(path);
  old.exec('DROP TABLE timeline; UPDATE hook_runs SET timeline_seq = NULL;');
  for (const { name } of old.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>) old.exec(`DROP TRIGGER ${name}`);
  old.close();
  const c = controller(t, path);
  t.throws(() => showRelations(c, { at: 1 }), { message: 'hook run 1 ran before this model kept its timeline: its past is not known' });
  c.history.recordHookRun(run('a/0', 'new'));
  t.same(showRelations(c, { at: 2 }), before, 'the first run after it is exact');
});
