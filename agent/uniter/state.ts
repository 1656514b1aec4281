// A unit agent's own state, in its own SQLite file (Juju keeps it in the agent's state dir):
// which operations have run, what it has seen of each relation, and its error state. The
// resolver compares this with the controller's view to choose the next operation.
import type Database from 'better-sqlite3';
import { openDatabase } from '../database.js';
import type { HookInfo } from './hook.js';

export interface RelationState {
  id: number;
  endpoint: string;
  /** Remote units whose relation-joined has committed, with the settings version last handled. */
  members: Record<string, number>;
  /** Remote applications with the app settings version last handled. */
  appMembers: Record<string, number>;
  /** After joined(X) commits, the next hook of the relation is changed(X). */
  changedPending: string | null;
}

export interface HookError {
  hook: HookInfo;
  /** Fired by the user (`juju-sim fire`) rather than chosen by the resolver. */
  fired: boolean;
  message: string;
  /** Set by `resolve`: run the same hook again. */
  retry: boolean;
  /** The hook's upgrade could not be deployed (Juju's conflicted upgrade): resolving deploys it again. */
  conflicted?: boolean;
}

export type QueuedHook = 'config-changed' | 'start';

export interface OperationState {
  installed: boolean;
  started: boolean;
  leader: boolean;
  configHash: string | null;
  /** The leader-settings version the unit has caught up with; noLeaderSettingsSeen makes a non-leader run leader-settings-changed. */
  leaderSettingsVersion: number;
  /** The charm revision whose install or upgrade-charm has committed: a newer one is an upgrade. */
  charmRev: number | null;
  /**
   * The charm revision in the unit's charm directory (Juju's local charm URL, which its deploy
   * operation sets): the install or upgrade-charm for it runs without deploying it again.
   */
  deployedCharmRev: number | null;
  /**
   * The hook Juju's runHook Commit queued to run next, before any other hook, even on a dying
   * unit: config-changed after upgrade-charm, start after a config-changed of a unit not
   * started yet.
   */
  queuedHook: QueuedHook | null;
  error: HookError | null;
  /**
   * The hook whose process has started and not ended (Juju's RunHook operation at its Pending
   * step): found at start-up, it was interrupted by the daemon's end.
   */
  running: { hook: HookInfo; fired: boolean } | null;
  /**
   * Juju's secrets state tracker: each consumed secret's revision whose secret-changed has
   * committed, and each owned secret's revisions whose secret-remove has.
   */
  consumedSecrets: Record<string, number>;
  removedSecretRevisions: Record<string, number[]>;
}

/**
 * Caught up with no leader settings: a new unit, and, as Juju keeps the version in its resolver's
 * memory only, a unit whose agent has just started or has just deployed an upgrade.
 */
export const noLeaderSettingsSeen = -1;

const initialOperation: OperationState = {
  installed: false,
  started: false,
  leader: false,
  configHash: null,
  leaderSettingsVersion: noLeaderSettingsSeen,
  charmRev: null,
  deployedCharmRev: null,
  queuedHook: null,
  error: null,
  running: null,
  consumedSecrets: {},
  removedSecretRevisions: {},
};

/** What agents before queued hooks were recorded stored instead. */
interface LegacyOperationState {
  configChangedQueued?: boolean;
}

/**
 * The queued hook of a state stored before queued hooks were recorded: config-changed was a
 * flag, and a start was due once config-changed had run on a unit not started. (Such an agent
 * stopped between its stop and remove hooks looks the same, and runs start once more.)
 */
function legacyQueuedHook(stored: Partial<OperationState>, configChangedQueued?: boolean): QueuedHook | null {
  if (configChangedQueued) return 'config-changed';
  return stored.installed && !stored.started && stored.configHash ? 'start' : null;
}

const schema = `
CREATE TABLE IF NOT EXISTS operation (id INTEGER PRIMARY KEY CHECK (id = 0), state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS relations (id INTEGER PRIMARY KEY, state TEXT NOT NULL);
`;

export class UnitState {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openDatabase(path, 'unit agent');
    this.db.exec(schema);
  }

  close(): void {
    this.db.close();
  }

  operation(): OperationState {
    const row = this.db.prepare('SELECT state FROM operation WHERE id = 0').get() as { state: string } | undefined;
    if (!row) return { ...initialOperation };
    const stored = JSON.parse(row.state) as Partial<OperationState> & LegacyOperationState;
    const { configChangedQueued, ...state } = stored;
    if (!('queuedHook' in stored)) state.queuedHook = legacyQueuedHook(stored, configChangedQueued);
    return { ...initialOperation, ...state };
  }

  setOperation(patch: Partial<OperationState>): void {
    const next = { ...this.operation(), ...patch };
    this.db.prepare('INSERT INTO operation (id, state) VALUES (0, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state')
      .run(JSON.stringify(next));
  }

  relations(): Map<number, RelationState> {
    const rows = this.db.prepare('SELECT state FROM relations ORDER BY id').all() as { state: string }[];
    return new Map(rows.map((r) => {
      const state = JSON.parse(r.state) as RelationState;
      return [state.id, state];
    }));
  }

  putRelation(state: RelationState): void {
    this.db.prepare('INSERT INTO relations (id, state) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state')
      .run(state.id, JSON.stringify(state));
  }

  deleteRelation(id: number): void {
    this.db.prepare('DELETE FROM relations WHERE id = ?').run(id);
  }

  /** Runs fn in one transaction, so a hook's state advances all at once. */
  transaction(fn: () => void): void {
    this.db.transaction(fn)();
  }
}
