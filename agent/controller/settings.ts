// Databags: each unit's and each application's settings in a relation, and each application's
// leader settings. One rule writes them all, as Juju's settings do: an empty value deletes a
// key, and only a real change stores the bag and bumps its version, the bump being what wakes
// the other units (Juju's txn-revno).
import type { Store } from './store.js';
import type { Databag, KeyChange } from './records.js';

/** Each key `changes` really changes in `stored` (an empty value deletes), by key. */
export function keyChanges(stored: Record<string, string>, changes: Record<string, string>): KeyChange[] {
  const out: KeyChange[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') {
      if (key in stored) out.push({ key, old: stored[key] });
    } else if (stored[key] !== value) {
      out.push(key in stored ? { key, old: stored[key], new: value } : { key, new: value });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * `changes` over `stored`: an empty value deletes, anything else sets. The new map, or null when
 * no key really changed (same values, deletes of missing keys).
 */
export function mergeSettings(stored: Record<string, string>, changes: Record<string, string>): Record<string, string> | null {
  const next = { ...stored };
  let dirty = false;
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') {
      if (key in next) {
        delete next[key];
        dirty = true;
      }
    } else if (next[key] !== value) {
      next[key] = value;
      dirty = true;
    }
  }
  return dirty ? next : null;
}

const toDatabag = (row: { data: string; version: number } | undefined): Databag =>
  row ? { data: JSON.parse(row.data) as Record<string, string>, version: row.version } : { data: {}, version: 0 };

/** Stores `changes` merged over `bag` through `upsert`; the bag's new version, or null when nothing changed. */
function update(bag: Databag, changes: Record<string, string>, upsert: (data: string) => void): number | null {
  const next = mergeSettings(bag.data, changes);
  if (next === null) return null;
  upsert(JSON.stringify(next));
  return bag.version + 1;
}

export class Settings {
  constructor(private readonly store: Store) {}

  private relationBag(relationId: number, holder: string): Databag {
    return toDatabag(
      this.store.db.prepare('SELECT data, version FROM settings WHERE relation_id = ? AND holder = ?').get(relationId, holder) as
        | { data: string; version: number }
        | undefined,
    );
  }

  unitDatabag(relationId: number, unit: string): Databag {
    return this.relationBag(relationId, unit);
  }

  applicationDatabag(relationId: number, application: string): Databag {
    return this.relationBag(relationId, application);
  }

  /** Writes a relation databag; its new version, or null when nothing changed. */
  apply(relationId: number, holder: string, kind: 'unit' | 'application', changes: Record<string, string>): number | null {
    return update(this.relationBag(relationId, holder), changes, (data) =>
      this.store.db
        .prepare(
          `INSERT INTO settings (relation_id, holder, kind, data, version) VALUES (?, ?, ?, ?, 1)
           ON CONFLICT(relation_id, holder) DO UPDATE SET data = excluded.data, version = version + 1`,
        )
        .run(relationId, holder, kind, data),
    );
  }

  leaderSettings(application: string): Databag {
    return toDatabag(
      this.store.db.prepare('SELECT data, version FROM leader_settings WHERE application = ?').get(application) as
        | { data: string; version: number }
        | undefined,
    );
  }

  /** leader-set: applied at once, not at the hook's commit, so it survives a failing hook. Returns the keys it changed. */
  writeLeaderSettings(application: string, changes: Record<string, string>): KeyChange[] {
    const stored = this.leaderSettings(application);
    const changed = keyChanges(stored.data, changes);
    const version = update(stored, changes, (data) =>
      this.store.db
        .prepare(
          `INSERT INTO leader_settings (application, data, version) VALUES (?, ?, 1)
           ON CONFLICT(application) DO UPDATE SET data = excluded.data, version = version + 1`,
        )
        .run(application, data),
    );
    if (version !== null) this.store.changed();
    return changed;
  }
}
