// The controller: the authoritative model in one SQLite database. It knows nothing of processes.
// It is the composition of its entity modules (model config, applications, units, relations,
// databags, life, actions, history, cross-model offers and remote applications), which share its database, its sequences and its change notification, plus
// the commit of a hook's changes. Unit agents reach it only through the uniter facade
// (uniter-api.ts); the user's requests (agent/api, model.ts) use the modules directly.
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { openDatabase } from '../database.js';
import { Actions } from './actions.js';
import { Applications } from './applications.js';
import { commitHookChanges } from './commit.js';
import { History } from './history.js';
import { Life } from './life.js';
import { ModelConfig } from './model-config.js';
import type { HookChanges, HookRun, ModelRecord, SettingsVersion } from './records.js';
import { Relations } from './relations.js';
import { RemoteApplications } from './remote-applications.js';
import { Resources } from './resources.js';
import { migrate } from './schema.js';
import { Secrets } from './secrets.js';
import { Settings } from './settings.js';
import { StatusHistory } from './status-history.js';
import { Timeline } from './timeline.js';
import type { Store } from './store.js';
import { Units } from './units.js';

export class Controller {
  readonly modelConfig: ModelConfig;
  readonly settings: Settings;
  readonly relations: Relations;
  readonly applications: Applications;
  readonly units: Units;
  readonly life: Life;
  readonly actions: Actions;
  readonly history: History;
  readonly secrets: Secrets;
  readonly statusHistory: StatusHistory;
  readonly remoteApplications: RemoteApplications;
  readonly resources: Resources;
  readonly timeline: Timeline;
  private readonly db: Database.Database;
  private readonly store: Store;
  private readonly listeners = new Set<() => void>();
  /** How many times the model moved on since the daemon started, which its watchers compare. */
  private revision = 0;
  private readonly watchers = new Set<() => void>();

  constructor(path: string, modelName: string) {
    this.db = openDatabase(path, 'controller');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    if (!this.db.prepare('SELECT 1 FROM model').get()) {
      this.db.prepare('INSERT INTO model (name, uuid) VALUES (?, ?)').run(modelName, randomUUID());
    }
    this.store = { db: this.db, next: (sequence) => this.nextInSequence(sequence), changed: () => this.changed(), recorded: () => this.recorded() };
    this.modelConfig = new ModelConfig(this.store);
    this.settings = new Settings(this.store);
    this.relations = new Relations(this.store, this.settings);
    this.statusHistory = new StatusHistory(this.store);
    this.applications = new Applications(this.store, this.relations, this.statusHistory);
    this.units = new Units(this.store, this.applications, this.statusHistory);
    this.actions = new Actions(this.store, this.applications, this.units);
    this.history = new History(this.store);
    this.timeline = new Timeline(this.store);
    this.secrets = new Secrets(this.store);
    // Uploaded resource files live beside the database, in the model's directory.
    this.resources = new Resources(this.store, this.applications, join(dirname(path), 'resources'));
    this.life = new Life(this.store, this.applications, this.units, this.relations, this.secrets, this.resources);
    this.remoteApplications = new RemoteApplications(this.store, this.applications, this.relations, this.settings, this.life);
  }

  close(): void {
    this.db.close();
  }

  /** Calls fn after any change a unit agent may need to react to. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
    this.recorded();
  }

  private recorded(): void {
    this.revision++;
    for (const fn of this.watchers) fn();
  }

  /**
   * The model's revision once it differs from `since` (at once without `since`), or `since`
   * again when nothing moved within timeoutMs; rejects when the signal aborts first.
   */
  waitForChange(since: number | undefined, timeoutMs: number, signal: AbortSignal): Promise<number> {
    if (since !== this.revision) return Promise.resolve(this.revision);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.watchers.delete(done);
        signal.removeEventListener('abort', abort);
        resolve(this.revision);
      };
      const abort = (): void => {
        done();
        reject(signal.reason);
      };
      const timer = setTimeout(done, timeoutMs);
      this.watchers.add(done);
      if (signal.aborted) return abort();
      signal.addEventListener('abort', abort, { once: true });
    });
  }

  private nextInSequence(name: string): number {
    const row = this.db.prepare('SELECT next FROM sequences WHERE name = ?').get(name) as { next: number } | undefined;
    const value = row?.next ?? 0;
    this.db
      .prepare('INSERT INTO sequences (name, next) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET next = excluded.next')
      .run(name, value + 1);
    return value;
  }

  model(): ModelRecord {
    const row = this.db.prepare('SELECT name, uuid, paused FROM model').get() as Omit<ModelRecord, 'paused'> & { paused: number };
    return { ...row, paused: row.paused === 1 };
  }

  /** `pause` and `resume`: whether hooks start on their own, kept with the model. */
  setPaused(paused: boolean): void {
    this.db.prepare('UPDATE model SET paused = ?').run(paused ? 1 : 0);
  }

  /** `model-constraints`: the model's constraints, as Juju's constraints.Value marshals to JSON. */
  constraints(): Record<string, unknown> {
    return JSON.parse((this.db.prepare('SELECT constraints FROM model').get() as { constraints: string }).constraints) as Record<string, unknown>;
  }

  /** `set-model-constraints`: the new constraints replace the old, as Juju's do. */
  setConstraints(constraints: Record<string, unknown>): void {
    this.db.prepare('UPDATE model SET constraints = ?').run(JSON.stringify(constraints));
  }

  /** One hook's changes, all or nothing; the relation databag versions it bumped. */
  commitHookChanges(changes: HookChanges, run?: HookRun): SettingsVersion[] {
    return commitHookChanges(this.store, this, changes, run);
  }
}
