// `diff N M`: the net change between two snapshots of the model, as a table: relations added and
// removed, each databag `show` shows (a unit out of scope is not shown, so its keys go), leader
// settings and statuses; between equal snapshots, nothing.
import t from 'tap';
import { snapshotDiff, type ModelDiff } from '../../../agent/api/diff.js';
import { snapshot, type TimelineRow } from '../../../agent/controller/timeline.js';

const row = (kind: string, relationId: number | null, name: string, value: unknown): TimelineRow => ({ kind, relationId, name, value: JSON.stringify(value) });
/** Relation 0 between a (provider) and b, with a/0 in scope and its databag. */
const related = (bag: Record<string, string>): TimelineRow[] => [
  row('relation', 0, '', { key: 'b:y a:x', interface: 'i' }),
  row('endpoint', 0, 'a', { endpoint: 'x', role: 'provider' }),
  row('endpoint', 0, 'b', { endpoint: 'y', role: 'requirer' }),
  row('scope', 0, 'a/0', 'in'),
  row('settings', 0, 'a/0', bag),
];
const status = (kind: 'unit' | 'application', name: string, current: string, message = '') =>
  row(kind, null, name, kind === 'unit' ? { current, message, since: 'T' } : { leader: null, status: { current, message, since: 'T' } });

const cases: Array<{ name: string; before: TimelineRow[]; after: TimelineRow[]; want: Omit<ModelDiff, 'run' | 'from' | 'to'> }> = [
  { name: 'no change', before: related({ k: 'v' }), after: related({ k: 'v' }), want: {} },
  {
    name: 'a relation added: its databags all added',
    before: [],
    after: related({ k: 'v' }),
    want: { relations: [{ id: 0, interface: 'i', endpoints: ['b:y', 'a:x'], change: 'added' }], databags: [{ relationId: 0, holder: 'a/0', kind: 'unit', keys: [{ key: 'k', new: 'v' }] }] },
  },
  {
    name: 'a relation removed',
    before: related({ k: 'v' }),
    after: [],
    want: { relations: [{ id: 0, interface: 'i', endpoints: ['b:y', 'a:x'], change: 'removed' }], databags: [{ relationId: 0, holder: 'a/0', kind: 'unit', keys: [{ key: 'k', old: 'v' }] }] },
  },
  {
    name: 'keys added, changed, removed',
    before: related({ a: '1', b: '2' }),
    after: related({ b: '3', c: '4' }),
    want: { databags: [{ relationId: 0, holder: 'a/0', kind: 'unit', keys: [{ key: 'a', old: '1' }, { key: 'b', old: '2', new: '3' }, { key: 'c', new: '4' }] }] },
  },
  {
    name: 'a unit that left scope: what show showed of it is gone',
    before: related({ k: 'v' }),
    after: [...related({ k: 'v' }), { kind: 'scope', relationId: 0, name: 'a/0', value: null }],
    want: { databags: [{ relationId: 0, holder: 'a/0', kind: 'unit', keys: [{ key: 'k', old: 'v' }] }] },
  },
  {
    name: 'an application databag',
    before: related({}),
    after: [...related({}), row('settings', 0, 'b', { token: 't' })],
    want: { databags: [{ relationId: 0, holder: 'b', kind: 'application', keys: [{ key: 'token', new: 't' }] }] },
  },
  {
    name: 'leader settings',
    before: [row('leader-settings', null, 'a', { s: '1', t: '1' })],
    after: [row('leader-settings', null, 'a', { s: '2' }), row('leader-settings', null, 'b', { u: '1' })],
    want: {
      leaderSettings: [
        { application: 'a', keys: [{ key: 's', old: '1', new: '2' }, { key: 't', old: '1' }] },
        { application: 'b', keys: [{ key: 'u', new: '1' }] },
      ],
    },
  },
  {
    name: 'statuses: changed, new, gone; applications first; the time alone is no change',
    before: [status('unit', 'a/0', 'maintenance', 'installing'), status('unit', 'a/1', 'active'), status('application', 'a', 'active'), status('unit', 'a/2', 'active')],
    after: [status('unit', 'a/0', 'active'), row('unit', null, 'a/2', { current: 'active', message: '', since: 'later' }), status('unit', 'a/3', 'waiting'), status('application', 'a', 'blocked', 'no db')],
    want: {
      statuses: [
        { entity: 'a', kind: 'application', old: { status: 'active', message: '' }, new: { status: 'blocked', message: 'no db' } },
        { entity: 'a/0', kind: 'workload', old: { status: 'maintenance', message: 'installing' }, new: { status: 'active', message: '' } },
        { entity: 'a/1', kind: 'workload', old: { status: 'active', message: '' } },
        { entity: 'a/3', kind: 'workload', new: { status: 'waiting', message: '' } },
      ],
    },
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    t.same(snapshotDiff(snapshot(c.before), snapshot(c.after)), c.want);
  });
}
