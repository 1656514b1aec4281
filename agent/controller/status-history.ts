// Every status an entity went through, as Juju's status history keeps it: a unit's workload
// (kind `workload`) and agent (`juju-unit`) statuses, an application's (`application`). Each set
// is recorded as it happens, so a status set by a hook that then failed is there too.
import type { StatusValue } from './records.js';
import type { Store } from './store.js';

export type StatusKind = 'workload' | 'juju-unit' | 'application';

/** One past status, in the shape Juju's API gives it (params.DetailedStatus). */
export interface PastStatus {
  status: string;
  message: string;
  data?: Record<string, unknown>;
  since: string;
  type: StatusKind;
}

/** Juju's StatusHistoryFilter: the last `size` of each kind, or those since `from`. */
export interface StatusHistoryFilter {
  size?: number;
  from?: string;
}

export class StatusHistory {
  constructor(private readonly store: Store) {}

  record(entity: string, kind: StatusKind, value: StatusValue): void {
    this.store.db
      .prepare('INSERT INTO status_history (entity, kind, status, message, data, since) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entity, kind, value.current, value.message, value.data ? JSON.stringify(value.data) : null, value.since);
  }

  /**
   * The entity's statuses of the given kinds, oldest first; as Juju's facade does, the size
   * limits each kind, then the merged list.
   */
  of(entity: string, kinds: StatusKind[], filter: StatusHistoryFilter): PastStatus[] {
    const rows = kinds.flatMap((kind) => {
      const found = this.store.db
        .prepare(
          `SELECT * FROM (SELECT seq, status, message, data, since FROM status_history
             WHERE entity = @entity AND kind = @kind AND since >= @from ORDER BY seq DESC ${filter.size ? 'LIMIT @size' : ''}) ORDER BY seq`,
        )
        .all({ entity, kind, from: filter.from ?? '', ...(filter.size ? { size: filter.size } : {}) }) as Array<{
        seq: number;
        status: string;
        message: string;
        data: string | null;
        since: string;
      }>;
      return found.map((r) => ({ seq: r.seq, past: { status: r.status, message: r.message, ...(r.data ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}), since: r.since, type: kind } }));
    });
    const merged = rows.sort((a, b) => (a.past.since < b.past.since ? -1 : a.past.since > b.past.since ? 1 : a.seq - b.seq)).map((r) => r.past);
    return filter.size && merged.length > filter.size ? merged.slice(merged.length - filter.size) : merged;
  }
}
