// What a reactive unit keeps between hooks, read as anyone can: charmhelpers' unitdata is the
// SQLite file .unit-state.db in the unit's charm directory, one row per flag in table `kv`.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Sim } from './sim.js';

const flagPrefix = 'reactive.states.';

/** The unit's committed reactive flags, sorted. */
export function reactiveFlags(sim: Sim, unit: string): string[] {
  const db = new Database(join(sim.unitCharmDir(unit), '.unit-state.db'), { readonly: true, fileMustExist: true });
  try {
    const keys = db.prepare('select key from kv where substr(key, 1, ?) = ? order by key').pluck().all(flagPrefix.length, flagPrefix) as string[];
    return keys.map((key) => key.slice(flagPrefix.length));
  } finally {
    db.close();
  }
}
