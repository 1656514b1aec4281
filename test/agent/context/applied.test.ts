// What a hook applies at once, gathered for its history: several leader-sets and status-sets in
// one hook come out as one change per key and per status, from where it was before the first to
// where the last left it; what came back where it was is no change.
import t from 'tap';
import { AppliedChangesLog } from '../../../agent/context/applied.js';
import type { AppliedChanges, KeyChange, StatusChange } from '../../../agent/controller/records.js';

const active = { status: 'active', message: '' };
const blocked = { status: 'blocked', message: 'no db' };
const maintenance = { status: 'maintenance', message: 'installing' };
const unit = (old: typeof active | undefined, next: typeof active): StatusChange => ({ entity: 'a/0', kind: 'workload', ...(old ? { old } : {}), new: next });

const cases: Array<{ name: string; leaderSets?: KeyChange[][]; statusSets?: StatusChange[]; want: AppliedChanges | undefined }> = [
  { name: 'nothing', want: undefined },
  { name: 'one leader-set', leaderSets: [[{ key: 'a', new: '1' }]], want: { leaderSettings: [{ key: 'a', new: '1' }] } },
  {
    name: 'a key set twice: from its first old to its last new',
    leaderSets: [[{ key: 'a', old: '0', new: '1' }], [{ key: 'a', old: '1', new: '2' }, { key: 'b', new: 'x' }]],
    want: { leaderSettings: [{ key: 'a', old: '0', new: '2' }, { key: 'b', new: 'x' }] },
  },
  { name: 'a key added then deleted is no change', leaderSets: [[{ key: 'a', new: '1' }], [{ key: 'a', old: '1' }]], want: undefined },
  { name: 'a key deleted then set back is no change', leaderSets: [[{ key: 'a', old: '1' }], [{ key: 'a', new: '1' }]], want: undefined },
  { name: 'a key deleted then set anew', leaderSets: [[{ key: 'a', old: '1' }], [{ key: 'a', new: '2' }]], want: { leaderSettings: [{ key: 'a', old: '1', new: '2' }] } },
  { name: 'one status-set', statusSets: [unit(maintenance, active)], want: { statuses: [unit(maintenance, active)] } },
  { name: 'two: from the first old to the last new', statusSets: [unit(maintenance, blocked), unit(blocked, active)], want: { statuses: [unit(maintenance, active)] } },
  { name: 'back where it was is no change', statusSets: [unit(active, blocked), unit(blocked, active)], want: undefined },
  { name: 'a status set for the first time', statusSets: [unit(undefined, blocked), unit(blocked, active)], want: { statuses: [unit(undefined, active)] } },
  {
    name: "the unit's and the application's apart",
    statusSets: [unit(maintenance, active), { entity: 'a', kind: 'application', new: blocked }],
    want: { statuses: [unit(maintenance, active), { entity: 'a', kind: 'application', new: blocked }] },
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const log = new AppliedChangesLog();
    for (const changes of c.leaderSets ?? []) log.leaderSet(changes);
    for (const change of c.statusSets ?? []) log.statusSet(change);
    t.same(log.changes(), c.want);
  });
}
