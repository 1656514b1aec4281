// The model as it was after any hook run, rebuilt from its timeline (schema.ts): for each thing
// the timeline tracks, the last value it had at that position. The timeline holds whole values,
// so this is exact whatever happened since: a relation removed, a unit departed or removed, an
// application gone are there as they were.
import { entityNotFound, JujuSimError } from '../../core/errors.js';
import type { RelationEndpoint, StatusSummary } from './records.js';
import type { Store } from './store.js';

/** One row of the timeline: a thing's new value, null when it went. */
export interface TimelineRow {
  kind: string;
  relationId: number | null;
  name: string;
  value: string | null;
}

export interface PastRelation {
  id: number;
  key: string;
  interface: string;
  endpoints: RelationEndpoint[];
  /** Units in scope, string-sorted. */
  scope: string[];
  /** Databags by holder: each application's and unit's that has one. */
  databags: Map<string, Record<string, string>>;
}

export interface PastApplication {
  leader: string | null;
  status: StatusSummary | null;
}

/** The model at one point of its timeline: what `show` and `diff` read. */
export interface ModelSnapshot {
  /** By id, ascending. */
  relations: Map<number, PastRelation>;
  /** The model's own applications (not remote ones). */
  applications: Map<string, PastApplication>;
  leaderSettings: Map<string, Record<string, string>>;
  /** Each unit's workload status. */
  workloadStatuses: Map<string, StatusSummary>;
}

const statusSummary = (value: { current: string; message: string } | null): StatusSummary | null =>
  value && { status: value.current, message: value.message };

/** Rows in timeline order into the model they leave: a later value of a thing replaces an earlier one. */
export function snapshot(rows: Iterable<TimelineRow>): ModelSnapshot {
  const last = new Map<string, TimelineRow>();
  for (const row of rows) {
    const key = `${row.kind}\0${row.relationId ?? ''}\0${row.name}`;
    if (row.value === null) last.delete(key);
    else last.set(key, row);
  }
  const model: ModelSnapshot = { relations: new Map(), applications: new Map(), leaderSettings: new Map(), workloadStatuses: new Map() };
  const current = [...last.values()];
  for (const row of current.filter((r) => r.kind === 'relation').sort((a, b) => a.relationId! - b.relationId!)) {
    const { key, interface: iface } = JSON.parse(row.value!) as { key: string; interface: string };
    model.relations.set(row.relationId!, { id: row.relationId!, key, interface: iface, endpoints: [], scope: [], databags: new Map() });
  }
  for (const row of current) {
    const value = row.value!;
    const relation = row.relationId === null ? undefined : model.relations.get(row.relationId);
    switch (row.kind) {
      case 'endpoint':
        relation?.endpoints.push({ application: row.name, ...(JSON.parse(value) as Omit<RelationEndpoint, 'application'>) });
        break;
      case 'scope':
        relation?.scope.push(row.name);
        break;
      case 'settings':
        relation?.databags.set(row.name, JSON.parse(value) as Record<string, string>);
        break;
      case 'application': {
        const app = JSON.parse(value) as { leader: string | null; status: { current: string; message: string } | null };
        model.applications.set(row.name, { leader: app.leader, status: statusSummary(app.status) });
        break;
      }
      case 'leader-settings':
        model.leaderSettings.set(row.name, JSON.parse(value) as Record<string, string>);
        break;
      case 'unit':
        model.workloadStatuses.set(row.name, statusSummary(JSON.parse(value) as { current: string; message: string })!);
        break;
    }
  }
  const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  for (const relation of model.relations.values()) {
    // As the controller lists them (relations.ts): by role, then application; the scope string-sorted.
    relation.endpoints.sort((a, b) => byString(a.role, b.role) || byString(a.application, b.application));
    relation.scope.sort(byString);
  }
  return model;
}

export class Timeline {
  constructor(private readonly store: Store) {}

  /**
   * The model as it was once hook run `seq` ended. A run the history lacks is not found; one
   * from before this model's timeline was kept (a model older than the timeline) is refused.
   */
  afterRun(seq: number): ModelSnapshot {
    const run = this.store.db.prepare('SELECT timeline_seq AS position FROM hook_runs WHERE seq = ?').get(seq) as { position: number | null } | undefined;
    if (!run) throw entityNotFound('hook run', String(seq));
    if (run.position === null) throw new JujuSimError(`hook run ${seq} ran before this model kept its timeline: its past is not known`);
    const rows = this.store.db
      .prepare('SELECT kind, relation_id AS relationId, name, value FROM timeline WHERE seq <= ? ORDER BY seq')
      .iterate(run.position) as IterableIterator<TimelineRow>;
    return snapshot(rows);
  }
}
