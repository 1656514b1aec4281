// What the controller's entity modules share: one database, its named sequences, the change
// notification that wakes the unit agents and the one that wakes the model's watchers. The Controller owns all three.
import type Database from 'better-sqlite3';

export interface Store {
  readonly db: Database.Database;
  /** The next number of a named sequence (units of an application, machines, relations, tasks, charm revisions). */
  next(sequence: string): number;
  /** Tells the unit agents that something they may react to changed. */
  changed(): void;
  /** Tells whoever watches the model (show --watch, history --follow) that it moved on: a change, or a run recorded. */
  recorded(): void;
}

export const now = (): string => new Date().toISOString();

/** Now, cut to the second, as Juju's state keeps action and secret times. */
export const nowToTheSecond = (): string => new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();

/** A nullable JSON column. */
export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
