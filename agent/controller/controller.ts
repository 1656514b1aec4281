// The controller: the authoritative model (applications, units, relations, databags,
// leadership, status, actions, logs), in one SQLite database. It knows nothing of processes.
// Its API is shaped like Juju's uniter facade: enter/leave scope, read settings, commit a
// hook's changes atomically, queue and finish actions, and tell watchers when something they
// may care about changed.
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { validateParams, withDefaults } from '../charm/actions.js';
import type { CharmMeta, Endpoint, Role } from '../charm/metadata.js';
import type { ConfigValue, PortRange } from '../../hooktools/context.js';
import { openDatabase } from '../database.js';
import { JujuSimError, NotFound } from '../../core/errors.js';
import { controllerSchema } from './schema.js';

export interface StatusValue {
  current: string;
  message: string;
  since: string;
  data?: Record<string, unknown>;
}

export interface ApplicationRecord {
  name: string;
  charmName: string;
  /** The application's copy of the charm, from which each unit's charm directory is made. */
  charmDir: string;
  charmRev: number;
  /** A Python environment each unit finds at `../.venv` from its charm directory (built reactive charms). */
  unitVenv: string | null;
  meta: CharmMeta;
  /** Values the user set with `config`; defaults live in meta.options. */
  config: Record<string, ConfigValue>;
  leader: string | null;
  /** The status the leader set for the application, if it ever did. */
  status: StatusValue | null;
  life: string;
}

export interface UnitRecord {
  name: string;
  application: string;
  number: number;
  address: string;
  machine: string;
  workloadStatus: StatusValue;
  agentStatus: StatusValue;
  workloadVersion: string;
  life: string;
}

export interface RelationEndpoint {
  application: string;
  endpoint: string;
  role: Role;
}

export interface RelationRecord {
  id: number;
  key: string;
  interface: string;
  scope: string;
  life: string;
  endpoints: RelationEndpoint[];
}

export interface Databag {
  data: Record<string, string>;
  /** 0 for a databag never written. */
  version: number;
}

export interface PortChange extends PortRange {
  endpoint: string;
}

/** What one successful hook asks the controller to store, all or nothing. */
export interface HookChanges {
  unit: string;
  relations: Array<{
    relationId: number;
    /** Keys to set; an empty value deletes the key. */
    unitSettings?: Record<string, string>;
    applicationSettings?: Record<string, string>;
  }>;
  /** The unit's whole new charm state (state-set/state-delete), when the hook changed it. */
  charmState?: Record<string, string>;
  openPorts?: PortChange[];
  closePorts?: PortChange[];
}

export interface LogRecord {
  seq: number;
  time: string;
  entity: string;
  level: string;
  module: string;
  message: string;
}

/** A hook run as recorded, before the history numbers it. */
export type HookRun = Omit<HookRunRecord, 'seq'>;

export interface HookRunRecord {
  seq: number;
  unit: string;
  /** The hook's name, or `action <name>` for an action. */
  hook: string;
  relationId: number | null;
  remoteUnit: string | null;
  remoteApp: string | null;
  departingUnit: string | null;
  /**
   * ok, failed, missing (no handler: a silent success), or skipped (resolve --no-retry); for
   * an action, its status: completed or failed.
   */
  outcome: string;
  code: number | null;
  started: string;
  ms: number;
  /** The hook tools the hook called, in order. */
  toolCalls: Array<{ tool: string; args: string[]; code: number }>;
}

export type ActionStatus = 'pending' | 'running' | 'completed' | 'failed';

/** One action queued on one unit (Juju's task). */
export interface ActionRecord {
  /** Juju's numeric task id; operations and tasks share one sequence. */
  id: number;
  operation: number;
  unit: string;
  name: string;
  /** As queued: the user's params with the schema's defaults filled in. */
  params: Record<string, unknown>;
  status: ActionStatus;
  message: string;
  /** action-set values plus return-code, stdout, stderr; null when there are none. */
  results: Record<string, unknown> | null;
  /** action-log messages, each stored at once. */
  log: Array<{ time: string; message: string }>;
  enqueued: string;
  started: string | null;
  completed: string | null;
}

/** How an action ended, as the unit agent reports it. */
export interface ActionOutcome {
  status: 'completed' | 'failed';
  message: string;
  results: Record<string, unknown> | null;
}

/** What `juju run` asks for: an action on a unit, or on `<application>/leader`. */
export interface ActionRequest {
  receiver: string;
  name: string;
  params: Record<string, unknown>;
}

/** Each request either became a task or failed to, with Juju's reason. */
export type EnqueuedAction = { action: ActionRecord } | { error: string };

export const now = (): string => new Date().toISOString();

/** Juju stores action times to the second. */
const nowToTheSecond = (): string => new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();

/** The charm URL Juju gives a locally deployed charm. */
export const charmURL = (app: ApplicationRecord): string => `local:${app.charmName}-${app.charmRev}`;

const status = (current: string, message = ''): StatusValue => ({ current, message, since: now() });

/** The addresses Juju writes into a unit's databag when it enters relation scope. */
export function addressSettings(address: string): Record<string, string> {
  return { 'egress-subnets': `${address}/32`, 'ingress-address': address, 'private-address': address };
}

/** A loopback address per unit, so a charm's workload can really listen on it. */
function unitAddress(seq: number): string {
  return `127.1.${Math.floor(seq / 250)}.${(seq % 250) + 1}`;
}

/** Juju's relation key: endpoints as `app:endpoint`, requirer before provider. */
function relationKey(endpoints: RelationEndpoint[]): string {
  const order: Record<Role, number> = { requirer: 0, provider: 1, peer: 2 };
  return [...endpoints]
    .sort((a, b) => order[a.role] - order[b.role] || a.application.localeCompare(b.application))
    .map((e) => `${e.application}:${e.endpoint}`)
    .join(' ');
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

export class Controller {
  private readonly db: Database.Database;
  private readonly listeners = new Set<() => void>();
  private readonly actionListeners = new Set<(id: number) => void>();

  constructor(path: string, modelName: string) {
    this.db = openDatabase(path, 'controller');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(controllerSchema);
    if (!this.db.prepare('SELECT 1 FROM model').get()) {
      this.db.prepare('INSERT INTO model (name, uuid) VALUES (?, ?)').run(modelName, randomUUID());
    }
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
  }

  private nextInSequence(name: string): number {
    const row = this.db.prepare('SELECT next FROM sequences WHERE name = ?').get(name) as { next: number } | undefined;
    const value = row?.next ?? 0;
    this.db.prepare('INSERT INTO sequences (name, next) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET next = excluded.next')
      .run(name, value + 1);
    return value;
  }

  model(): { name: string; uuid: string } {
    return this.db.prepare('SELECT name, uuid FROM model').get() as { name: string; uuid: string };
  }

  // --- applications and units -------------------------------------------------------------

  private toApplication(row: Record<string, unknown>): ApplicationRecord {
    const meta = JSON.parse(row.meta as string) as Omit<CharmMeta, 'actions'> & Partial<Pick<CharmMeta, 'actions'>>;
    return {
      name: row.name as string,
      charmName: row.charm_name as string,
      charmDir: row.charm_dir as string,
      charmRev: row.charm_rev as number,
      unitVenv: row.unit_venv as string | null,
      // Applications deployed before juju-sim read actions.yaml have none.
      meta: { ...meta, actions: meta.actions ?? {} },
      config: JSON.parse(row.config as string) as Record<string, ConfigValue>,
      leader: row.leader as string | null,
      status: parseJson<StatusValue>(row.status as string | null),
      life: row.life as string,
    };
  }

  applications(): ApplicationRecord[] {
    return (this.db.prepare('SELECT * FROM applications ORDER BY name').all() as Record<string, unknown>[]).map((r) =>
      this.toApplication(r),
    );
  }

  application(name: string): ApplicationRecord {
    const row = this.db.prepare('SELECT * FROM applications WHERE name = ?').get(name) as Record<string, unknown> | undefined;
    if (!row) throw new NotFound('application', name);
    return this.toApplication(row);
  }

  hasApplication(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM applications WHERE name = ?').get(name) !== undefined;
  }

  /** A peer relation for each peer endpoint of the charm that has none yet. */
  private addPeerRelations(application: string, meta: CharmMeta): void {
    const existing = this.relationsOf(application);
    for (const peer of meta.endpoints.filter((e) => e.role === 'peer')) {
      if (existing.some((r) => r.endpoints.some((e) => e.application === application && e.endpoint === peer.name))) continue;
      this.insertRelation([{ application, endpoint: peer.name, role: 'peer' }], peer);
    }
  }

  /** Adds the application and its peer relations, as `juju deploy` does. */
  addApplication(name: string, charmDir: string, meta: CharmMeta, unitVenv?: string): ApplicationRecord {
    this.db.transaction(() => {
      if (this.hasApplication(name)) {
        throw new JujuSimError(`cannot add application "${name}": application already exists`);
      }
      this.db
        .prepare(
          'INSERT INTO applications (name, charm_name, charm_dir, charm_rev, unit_venv, meta, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(name, meta.name, charmDir, this.nextInSequence(`charm-rev:${meta.name}`), unitVenv ?? null, JSON.stringify(meta), now());
      this.addPeerRelations(name, meta);
    })();
    this.changed();
    return this.application(name);
  }

  /**
   * `refresh`: the application moves to a new revision of its charm (Juju's SetCharm). The
   * charm must keep its name and every endpoint a relation uses; new peer endpoints get their
   * peer relation, as at deploy.
   */
  setCharm(application: string, meta: CharmMeta, unitVenv?: string): ApplicationRecord {
    const app = this.application(application);
    if (meta.name !== app.charmName) throw new JujuSimError(`cannot refresh "${app.charmName}" to "${meta.name}"`);
    this.db.transaction(() => {
      const revision = this.nextInSequence(`charm-rev:${meta.name}`);
      const url = charmURL({ ...app, charmRev: revision });
      const relations = this.relationsOf(app.name);
      for (const relation of relations) {
        for (const used of relation.endpoints.filter((e) => e.application === app.name)) {
          const kept = meta.endpoints.some((e) => e.name === used.endpoint && e.role === used.role && e.interface === relation.interface);
          if (!kept) {
            throw new JujuSimError(`cannot upgrade application "${app.name}" to charm "${url}": would break relation "${relation.key}"`);
          }
        }
      }
      this.db
        .prepare('UPDATE applications SET charm_rev = ?, unit_venv = ?, meta = ? WHERE name = ?')
        .run(revision, unitVenv ?? null, JSON.stringify(meta), app.name);
      this.addPeerRelations(app.name, meta);
    })();
    this.changed();
    return this.application(application);
  }

  private toUnit(row: Record<string, unknown>): UnitRecord {
    return {
      name: row.name as string,
      application: row.application as string,
      number: row.number as number,
      address: row.address as string,
      machine: row.machine as string,
      workloadStatus: JSON.parse(row.workload_status as string) as StatusValue,
      agentStatus: JSON.parse(row.agent_status as string) as StatusValue,
      workloadVersion: row.workload_version as string,
      life: row.life as string,
    };
  }

  units(application?: string): UnitRecord[] {
    const rows = (
      application === undefined
        ? this.db.prepare('SELECT * FROM units ORDER BY application, number').all()
        : this.db.prepare('SELECT * FROM units WHERE application = ? ORDER BY number').all(application)
    ) as Record<string, unknown>[];
    return rows.map((r) => this.toUnit(r));
  }

  unit(name: string): UnitRecord {
    const row = this.db.prepare('SELECT * FROM units WHERE name = ?').get(name) as Record<string, unknown> | undefined;
    if (!row) throw new NotFound('unit', name);
    return this.toUnit(row);
  }

  /** Adds a unit; the first unit of an application becomes its leader. */
  addUnit(application: string): UnitRecord {
    const name = this.db.transaction(() => {
      const app = this.application(application);
      const number = this.nextInSequence(`unit:${application}`);
      const machineSeq = this.nextInSequence('machine');
      const unitName = `${application}/${number}`;
      this.db
        .prepare(
          `INSERT INTO units (name, application, number, address, machine, workload_status, agent_status)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          unitName,
          application,
          number,
          unitAddress(machineSeq),
          String(machineSeq),
          JSON.stringify(status('waiting', 'waiting for machine')),
          JSON.stringify(status('allocating')),
        );
      if (app.leader === null) {
        this.db.prepare('UPDATE applications SET leader = ? WHERE name = ?').run(unitName, application);
      }
      return unitName;
    })();
    this.changed();
    return this.unit(name);
  }

  setUnitWorkloadStatus(unit: string, value: Omit<StatusValue, 'since'>): void {
    this.db.prepare('UPDATE units SET workload_status = ? WHERE name = ?').run(JSON.stringify({ ...value, since: now() }), unit);
  }

  setUnitAgentStatus(unit: string, current: string, message = ''): void {
    this.db.prepare('UPDATE units SET agent_status = ? WHERE name = ?').run(JSON.stringify(status(current, message)), unit);
  }

  setApplicationStatus(application: string, value: Omit<StatusValue, 'since'>): void {
    this.db.prepare('UPDATE applications SET status = ? WHERE name = ?').run(JSON.stringify({ ...value, since: now() }), application);
  }

  /** `config`: sets (or, for null, resets) user values; every unit then runs config-changed. */
  updateConfig(application: string, changes: Record<string, ConfigValue | null>): void {
    const config = { ...this.application(application).config };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete config[key];
      else config[key] = value;
    }
    this.db.prepare('UPDATE applications SET config = ? WHERE name = ?').run(JSON.stringify(config), application);
    this.changed();
  }

  setWorkloadVersion(unit: string, version: string): void {
    this.db.prepare('UPDATE units SET workload_version = ? WHERE name = ?').run(version, unit);
  }

  // --- relations ---------------------------------------------------------------------------

  private insertRelation(endpoints: RelationEndpoint[], spec: Pick<Endpoint, 'interface' | 'scope'>): number {
    const key = relationKey(endpoints);
    if (this.db.prepare('SELECT 1 FROM relations WHERE key = ?').get(key)) {
      throw new JujuSimError(`cannot add relation "${key}": relation ${key} already exists`);
    }
    const id = this.nextInSequence('relation');
    this.db.prepare('INSERT INTO relations (id, key, interface, scope) VALUES (?, ?, ?, ?)').run(id, key, spec.interface, spec.scope);
    const insert = this.db.prepare('INSERT INTO relation_endpoints (relation_id, application, endpoint, role) VALUES (?, ?, ?, ?)');
    for (const e of endpoints) insert.run(id, e.application, e.endpoint, e.role);
    return id;
  }

  /** Adds a provider/requirer relation between two resolved endpoints. */
  addRelation(endpoints: [RelationEndpoint, RelationEndpoint], spec: Pick<Endpoint, 'interface' | 'scope'>): RelationRecord {
    const id = this.db.transaction(() => this.insertRelation(endpoints, spec))();
    this.changed();
    return this.relation(id);
  }

  private endpointsOf(id: number): RelationEndpoint[] {
    return this.db
      .prepare('SELECT application, endpoint, role FROM relation_endpoints WHERE relation_id = ? ORDER BY role, application')
      .all(id) as RelationEndpoint[];
  }

  relations(): RelationRecord[] {
    return (this.db.prepare('SELECT * FROM relations ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
      id: r.id as number,
      key: r.key as string,
      interface: r.interface as string,
      scope: r.scope as string,
      life: r.life as string,
      endpoints: this.endpointsOf(r.id as number),
    }));
  }

  relation(id: number): RelationRecord {
    const found = this.relations().find((r) => r.id === id);
    if (!found) throw new NotFound('relation', String(id));
    return found;
  }

  /** Relations in which the application takes part. */
  relationsOf(application: string): RelationRecord[] {
    return this.relations().filter((r) => r.endpoints.some((e) => e.application === application));
  }

  /** Units in the relation's scope, string-sorted. */
  scope(relationId: number): string[] {
    return (this.db.prepare('SELECT unit FROM relation_scopes WHERE relation_id = ? ORDER BY unit').all(relationId) as {
      unit: string;
    }[]).map((r) => r.unit);
  }

  /** Puts the unit in scope and writes its address keys into its databag (Juju's EnterScope). */
  enterScope(relationId: number, unit: string): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO relation_scopes (relation_id, unit) VALUES (?, ?)').run(relationId, unit);
      this.applySettings(relationId, unit, 'unit', addressSettings(this.unit(unit).address));
    })();
    this.changed();
  }

  /** Takes the unit out of scope; a dying relation whose scope is empty is removed with its databags. */
  leaveScope(relationId: number, unit: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM relation_scopes WHERE relation_id = ? AND unit = ?').run(relationId, unit);
      this.removeRelationIfDone(relationId);
    })();
    this.changed();
  }

  private removeRelationIfDone(relationId: number): void {
    const relation = this.db.prepare('SELECT life FROM relations WHERE id = ?').get(relationId) as { life: string } | undefined;
    if (relation?.life !== 'dying' || this.scope(relationId).length > 0) return;
    for (const table of ['settings', 'relation_endpoints', 'relation_scopes']) {
      this.db.prepare(`DELETE FROM ${table} WHERE relation_id = ?`).run(relationId);
    }
    this.db.prepare('DELETE FROM relations WHERE id = ?').run(relationId);
  }

  /** `remove-relation`: every unit in scope departs and breaks, then the relation goes. */
  destroyRelation(relationId: number): void {
    const relation = this.relation(relationId);
    if (relation.endpoints.length === 1) throw new JujuSimError(`cannot destroy relation "${relation.key}": is a peer relation`);
    this.db.transaction(() => {
      this.db.prepare("UPDATE relations SET life = 'dying' WHERE id = ?").run(relationId);
      this.removeRelationIfDone(relationId);
    })();
    this.changed();
  }

  /** `remove-unit`: the unit's agent departs its relations, stops, runs remove, then it is gone. */
  destroyUnit(unit: string): void {
    this.unit(unit);
    this.db.prepare("UPDATE units SET life = 'dying' WHERE name = ?").run(unit);
    this.changed();
  }

  /** `remove-application`: all its units and relations die; the application goes with its last unit. */
  destroyApplication(application: string): void {
    this.application(application);
    this.db.transaction(() => {
      this.db.prepare("UPDATE applications SET life = 'dying' WHERE name = ?").run(application);
      this.db.prepare("UPDATE units SET life = 'dying' WHERE application = ?").run(application);
      for (const relation of this.relationsOf(application)) {
        this.db.prepare("UPDATE relations SET life = 'dying' WHERE id = ?").run(relation.id);
        this.removeRelationIfDone(relation.id);
      }
      this.removeApplicationIfDone(application);
    })();
    this.changed();
  }

  private removeApplicationIfDone(application: string): void {
    const app = this.application(application);
    if (app.life !== 'dying' || this.units(application).length > 0) return;
    this.db.prepare('DELETE FROM leader_settings WHERE application = ?').run(application);
    this.db.prepare('DELETE FROM applications WHERE name = ?').run(application);
  }

  /**
   * The unit's agent has finished: it leaves every scope and is removed. If it led its
   * application, the next unit becomes leader (and runs leader-elected).
   */
  removeUnit(unit: string): void {
    const record = this.unit(unit);
    this.db.transaction(() => {
      for (const { relation_id: id } of this.db.prepare('SELECT relation_id FROM relation_scopes WHERE unit = ?').all(unit) as {
        relation_id: number;
      }[]) {
        this.db.prepare('DELETE FROM relation_scopes WHERE relation_id = ? AND unit = ?').run(id, unit);
        this.removeRelationIfDone(id);
      }
      for (const table of ['charm_state', 'opened_ports']) this.db.prepare(`DELETE FROM ${table} WHERE unit = ?`).run(unit);
      this.db.prepare('DELETE FROM units WHERE name = ?').run(unit);
      const app = this.application(record.application);
      if (app.leader === unit) {
        const next = this.units(app.name).find((u) => u.life === 'alive');
        this.db.prepare('UPDATE applications SET leader = ? WHERE name = ?').run(next?.name ?? null, app.name);
      }
      this.removeApplicationIfDone(app.name);
    })();
    this.changed();
  }

  private databag(relationId: number, holder: string): Databag {
    const row = this.db.prepare('SELECT data, version FROM settings WHERE relation_id = ? AND holder = ?').get(relationId, holder) as
      | { data: string; version: number }
      | undefined;
    return row ? { data: JSON.parse(row.data) as Record<string, string>, version: row.version } : { data: {}, version: 0 };
  }

  unitDatabag(relationId: number, unit: string): Databag {
    return this.databag(relationId, unit);
  }

  applicationDatabag(relationId: number, application: string): Databag {
    return this.databag(relationId, application);
  }

  /**
   * Applies `changes` over a stored databag: an empty value deletes, anything else sets. Writes
   * (and bumps the version) only when a key really changed. Returns whether it did.
   */
  private applySettings(relationId: number, holder: string, kind: 'unit' | 'application', changes: Record<string, string>): boolean {
    const bag = this.databag(relationId, holder);
    const next = { ...bag.data };
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
    if (!dirty) return false;
    this.db
      .prepare(
        `INSERT INTO settings (relation_id, holder, kind, data, version) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT(relation_id, holder) DO UPDATE SET data = excluded.data, version = version + 1`,
      )
      .run(relationId, holder, kind, JSON.stringify(next));
    return true;
  }

  /**
   * Stores one hook's buffered changes in a single transaction (Juju's CommitHookChanges).
   * Application settings need the unit to still be leader, as Juju's leadership token does.
   * The hook's history record, when given, is written in the same transaction: a daemon killed
   * at any moment leaves both or neither.
   */
  commitHookChanges(changes: HookChanges, run?: HookRun): void {
    const unit = this.unit(changes.unit);
    let dirty = false;
    this.db.transaction(() => {
      if (run) this.recordHookRun(run);
      for (const r of changes.relations) {
        if (!this.db.prepare('SELECT 1 FROM relations WHERE id = ?').get(r.relationId)) continue;
        if (r.unitSettings) dirty = this.applySettings(r.relationId, unit.name, 'unit', r.unitSettings) || dirty;
        if (r.applicationSettings) {
          if (this.application(unit.application).leader !== unit.name) {
            throw new JujuSimError(`cannot write application settings: unit "${unit.name}" is not the leader`);
          }
          dirty = this.applySettings(r.relationId, unit.application, 'application', r.applicationSettings) || dirty;
        }
      }
      if (changes.charmState) {
        this.db
          .prepare('INSERT INTO charm_state (unit, data) VALUES (?, ?) ON CONFLICT(unit) DO UPDATE SET data = excluded.data')
          .run(unit.name, JSON.stringify(changes.charmState));
      }
      const open = this.db.prepare(
        'INSERT OR IGNORE INTO opened_ports (unit, endpoint, protocol, port_from, port_to) VALUES (?, ?, ?, ?, ?)',
      );
      for (const p of changes.openPorts ?? []) open.run(unit.name, p.endpoint, p.protocol, p.from, p.to);
      const close = this.db.prepare(
        'DELETE FROM opened_ports WHERE unit = ? AND endpoint = ? AND protocol = ? AND port_from = ? AND port_to = ?',
      );
      for (const p of changes.closePorts ?? []) close.run(unit.name, p.endpoint, p.protocol, p.from, p.to);
    })();
    if (dirty) this.changed();
  }

  /** The unit's charm state (state-get), as last committed. */
  charmState(unit: string): Record<string, string> {
    const row = this.db.prepare('SELECT data FROM charm_state WHERE unit = ?').get(unit) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Record<string, string>) : {};
  }

  /** The unit's opened ports, sorted by endpoint, protocol, then port. */
  openedPorts(unit: string): PortChange[] {
    return (
      this.db
        .prepare(
          `SELECT endpoint, protocol, port_from AS "from", port_to AS "to" FROM opened_ports WHERE unit = ?
           ORDER BY endpoint, protocol, port_from, port_to`,
        )
        .all(unit) as PortChange[]
    );
  }

  // --- leadership settings -----------------------------------------------------------------

  /** leader-set: immediate, merged (an empty value deletes), version bumped on a real change. */
  writeLeaderSettings(application: string, changes: Record<string, string>): void {
    const current = this.leaderSettings(application);
    const next = { ...current.data };
    for (const [key, value] of Object.entries(changes)) {
      if (value === '') delete next[key];
      else next[key] = value;
    }
    if (JSON.stringify(Object.entries(next).sort()) === JSON.stringify(Object.entries(current.data).sort())) return;
    this.db
      .prepare(
        `INSERT INTO leader_settings (application, data, version) VALUES (?, ?, 1)
         ON CONFLICT(application) DO UPDATE SET data = excluded.data, version = version + 1`,
      )
      .run(application, JSON.stringify(next));
    this.changed();
  }

  leaderSettings(application: string): Databag {
    const row = this.db.prepare('SELECT data, version FROM leader_settings WHERE application = ?').get(application) as
      | { data: string; version: number }
      | undefined;
    return row ? { data: JSON.parse(row.data) as Record<string, string>, version: row.version } : { data: {}, version: 0 };
  }

  // --- actions -------------------------------------------------------------------------------

  /** Calls fn with the id of every action that starts, logs a message or finishes. */
  onActionUpdate(fn: (id: number) => void): () => void {
    this.actionListeners.add(fn);
    return () => this.actionListeners.delete(fn);
  }

  private actionUpdated(id: number): void {
    for (const fn of this.actionListeners) fn(id);
  }

  private nextTaskId(): number {
    return this.nextInSequence('task') + 1;
  }

  /** `exec` is an operation with one task too, numbered in the same sequence; the task's id. */
  execTaskId(): number {
    return this.db.transaction(() => {
      this.nextTaskId();
      return this.nextTaskId();
    })();
  }

  /**
   * Juju's EnqueueOperation: one operation id, then a task for each request the unit's charm
   * accepts (the action exists, the params fit its schema); the others fail with Juju's reason.
   */
  enqueueOperation(requests: ActionRequest[]): { operation: number; actions: EnqueuedAction[] } {
    const enqueued = this.db.transaction(() => {
      const operation = this.nextTaskId();
      const actions = requests.map((request): EnqueuedAction => {
        try {
          return { action: this.addAction(operation, request) };
        } catch (err) {
          if (err instanceof JujuSimError) return { error: err.message };
          throw err;
        }
      });
      return { operation, actions };
    })();
    if (enqueued.actions.some((a) => 'action' in a)) this.changed();
    return enqueued;
  }

  private receiverUnit(receiver: string): UnitRecord {
    if (receiver.endsWith('/leader')) {
      const application = receiver.slice(0, -'/leader'.length);
      const leader = this.hasApplication(application) ? this.application(application).leader : null;
      if (leader === null) throw new JujuSimError(`could not determine leader for "${application}"`);
      return this.unit(leader);
    }
    return this.unit(receiver);
  }

  /** Juju's PrepareActionPayload and AddAction. */
  private addAction(operation: number, request: ActionRequest): ActionRecord {
    const unit = this.receiverUnit(request.receiver);
    const app = this.application(unit.application);
    const specs = app.meta.actions;
    if (Object.keys(specs).length === 0) throw new JujuSimError(`no actions defined on charm "${charmURL(app)}"`);
    if (!Object.hasOwn(specs, request.name)) throw new JujuSimError(`action "${request.name}" not defined on unit "${unit.name}"`);
    const spec = specs[request.name];
    const invalid = validateParams(spec, request.params);
    if (invalid !== undefined) throw new JujuSimError(invalid);
    const id = this.nextTaskId();
    this.db
      .prepare('INSERT INTO actions (id, operation, unit, name, params, status, enqueued) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, operation, unit.name, request.name, JSON.stringify(withDefaults(spec, request.params)), 'pending', nowToTheSecond());
    return this.action(id);
  }

  private toAction(row: Record<string, unknown>): ActionRecord {
    return {
      id: row.id as number,
      operation: row.operation as number,
      unit: row.unit as string,
      name: row.name as string,
      params: JSON.parse(row.params as string) as Record<string, unknown>,
      status: row.status as ActionStatus,
      message: row.message as string,
      results: parseJson<Record<string, unknown>>(row.results as string | null),
      log: JSON.parse(row.log as string) as ActionRecord['log'],
      enqueued: row.enqueued as string,
      started: row.started as string | null,
      completed: row.completed as string | null,
    };
  }

  action(id: number): ActionRecord {
    const row = this.db.prepare('SELECT * FROM actions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) throw new NotFound('task', String(id));
    return this.toAction(row);
  }

  /** The unit's actions with that status, oldest first. */
  actions(unit: string, status: ActionStatus): ActionRecord[] {
    return (this.db.prepare('SELECT * FROM actions WHERE unit = ? AND status = ? ORDER BY id').all(unit, status) as Record<string, unknown>[]).map(
      (r) => this.toAction(r),
    );
  }

  startAction(id: number): void {
    this.db.prepare("UPDATE actions SET status = 'running', started = ? WHERE id = ?").run(nowToTheSecond(), id);
    this.actionUpdated(id);
  }

  /** action-log: stored at once, whatever becomes of the action. */
  logActionMessage(id: number, message: string): void {
    const log = [...this.action(id).log, { time: nowToTheSecond(), message }];
    this.db.prepare('UPDATE actions SET log = ? WHERE id = ?').run(JSON.stringify(log), id);
    this.actionUpdated(id);
  }

  finishAction(id: number, outcome: ActionOutcome): void {
    this.db
      .prepare('UPDATE actions SET status = ?, message = ?, results = ?, completed = ? WHERE id = ?')
      .run(outcome.status, outcome.message, outcome.results && JSON.stringify(outcome.results), nowToTheSecond(), id);
    this.actionUpdated(id);
  }

  // --- logs and hook history ---------------------------------------------------------------

  appendLog(entity: string, level: string, module: string, message: string): void {
    this.db.prepare('INSERT INTO logs (time, entity, level, module, message) VALUES (?, ?, ?, ?, ?)').run(now(), entity, level, module, message);
  }

  /** Log records in order, optionally only those of some entities (`unit-demo-0`). */
  logs(entities: string[] = []): LogRecord[] {
    const records = this.db.prepare('SELECT * FROM logs ORDER BY seq').all() as LogRecord[];
    return entities.length === 0 ? records : records.filter((r) => entities.includes(r.entity));
  }

  recordHookRun(run: HookRun): void {
    this.db
      .prepare(
        `INSERT INTO hook_runs (unit, hook, relation_id, remote_unit, remote_app, departing_unit, outcome, code, started, ms, tool_calls)
         VALUES (@unit, @hook, @relationId, @remoteUnit, @remoteApp, @departingUnit, @outcome, @code, @started, @ms, @toolCalls)`,
      )
      .run({ ...run, toolCalls: JSON.stringify(run.toolCalls) });
  }

  hookRuns(unit?: string): HookRunRecord[] {
    const sql = `SELECT seq, unit, hook, relation_id AS relationId, remote_unit AS remoteUnit, remote_app AS remoteApp,
                 departing_unit AS departingUnit, outcome, code, started, ms, tool_calls AS toolCalls FROM hook_runs`;
    const rows = (
      unit === undefined ? this.db.prepare(`${sql} ORDER BY seq`).all() : this.db.prepare(`${sql} WHERE unit = ? ORDER BY seq`).all(unit)
    ) as Array<HookRunRecord & { toolCalls: string }>;
    return rows.map((r) => ({ ...r, toolCalls: JSON.parse(r.toolCalls) as HookRunRecord['toolCalls'] }));
  }
}
