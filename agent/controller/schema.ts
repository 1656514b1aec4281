// The controller's SQLite schema: the authoritative model. Every databag is a row with a
// version that moves only when a commit really changes a key (Juju's txn-revno rule).
import type Database from 'better-sqlite3';

const controllerSchema = `
CREATE TABLE IF NOT EXISTS model (
  name TEXT NOT NULL,
  uuid TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS model_config (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sequences (
  name TEXT PRIMARY KEY,
  next INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS applications (
  name TEXT PRIMARY KEY,
  charm_name TEXT NOT NULL,
  charm_dir TEXT NOT NULL,
  charm_rev INTEGER NOT NULL,
  unit_venv TEXT,
  meta TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}',
  leader TEXT,
  status TEXT,
  life TEXT NOT NULL DEFAULT 'alive',
  created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
  name TEXT PRIMARY KEY,
  application TEXT NOT NULL REFERENCES applications(name),
  number INTEGER NOT NULL,
  address TEXT NOT NULL,
  machine TEXT NOT NULL,
  workload_status TEXT NOT NULL,
  agent_status TEXT NOT NULL,
  workload_version TEXT NOT NULL DEFAULT '',
  life TEXT NOT NULL DEFAULT 'alive'
);
CREATE TABLE IF NOT EXISTS relations (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  interface TEXT NOT NULL,
  scope TEXT NOT NULL,
  life TEXT NOT NULL DEFAULT 'alive'
);
CREATE TABLE IF NOT EXISTS relation_endpoints (
  relation_id INTEGER NOT NULL REFERENCES relations(id),
  application TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (relation_id, application, endpoint)
);
CREATE TABLE IF NOT EXISTS relation_scopes (
  relation_id INTEGER NOT NULL,
  unit TEXT NOT NULL,
  PRIMARY KEY (relation_id, unit)
);
CREATE TABLE IF NOT EXISTS settings (
  relation_id INTEGER NOT NULL,
  holder TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('unit', 'application')),
  data TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (relation_id, holder)
);
CREATE TABLE IF NOT EXISTS leader_settings (
  application TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS charm_state (
  unit TEXT PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS opened_ports (
  unit TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  protocol TEXT NOT NULL,
  port_from INTEGER NOT NULL,
  port_to INTEGER NOT NULL,
  PRIMARY KEY (unit, endpoint, protocol, port_from, port_to)
);
CREATE TABLE IF NOT EXISTS status_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  message TEXT NOT NULL,
  data TEXT,
  since TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_history_entity ON status_history (entity, kind);
CREATE TABLE IF NOT EXISTS logs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  entity TEXT NOT NULL,
  level TEXT NOT NULL,
  module TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hook_runs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  unit TEXT NOT NULL,
  hook TEXT NOT NULL,
  relation_id INTEGER,
  remote_unit TEXT,
  remote_app TEXT,
  departing_unit TEXT,
  outcome TEXT NOT NULL,
  code INTEGER,
  started TEXT NOT NULL,
  ms REAL NOT NULL,
  tool_calls TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS operations (
  id INTEGER PRIMARY KEY,
  summary TEXT NOT NULL,
  fail TEXT NOT NULL DEFAULT '',
  enqueued TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actions (
  id INTEGER PRIMARY KEY,
  operation INTEGER NOT NULL,
  unit TEXT NOT NULL,
  name TEXT NOT NULL,
  params TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
  message TEXT NOT NULL DEFAULT '',
  results TEXT,
  log TEXT NOT NULL DEFAULT '[]',
  enqueued TEXT NOT NULL,
  started TEXT,
  completed TEXT
);
CREATE TABLE IF NOT EXISTS resources (
  application TEXT NOT NULL,
  name TEXT NOT NULL,
  filename TEXT NOT NULL,
  revision INTEGER NOT NULL,
  PRIMARY KEY (application, name)
);
CREATE TABLE IF NOT EXISTS secrets (
  id TEXT PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('application', 'unit', 'model')),
  owner_name TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  rotate_policy TEXT NOT NULL DEFAULT '',
  next_rotate_time TEXT,
  latest_revision INTEGER NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS secret_revisions (
  secret_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  content TEXT NOT NULL,
  expire_time TEXT,
  expired INTEGER NOT NULL DEFAULT 0,
  obsolete INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL,
  PRIMARY KEY (secret_id, revision)
);
CREATE TABLE IF NOT EXISTS secret_consumers (
  secret_id TEXT NOT NULL,
  consumer TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  current_revision INTEGER NOT NULL,
  latest_revision INTEGER NOT NULL,
  PRIMARY KEY (secret_id, consumer)
);
CREATE TABLE IF NOT EXISTS offers (
  name TEXT PRIMARY KEY,
  application TEXT NOT NULL,
  endpoints TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS remote_applications (
  name TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  source_model TEXT NOT NULL,
  source_model_uuid TEXT NOT NULL,
  endpoints TEXT NOT NULL,
  consumer_proxy INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS remote_relations (
  relation_id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  remote_application TEXT NOT NULL,
  source_model TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS secret_grants (
  secret_id TEXT NOT NULL,
  target TEXT NOT NULL,
  scope TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (secret_id, target)
);
`;

/**
 * The model's timeline, from which `show --at` and `diff` rebuild the model as it was after any
 * hook run: every change to what they print, whoever makes it (a hook's commit, scope entry and
 * departure, integrate and remove-relation, cross-model publication, leadership, leader-set,
 * status-set), as one row per change holding the thing's whole new value (null: it is gone). A
 * hook run's row in hook_runs holds the timeline's position at its end (timeline_seq). Triggers
 * write it in the transaction of the change itself, so no path that changes the model can be
 * left out of it, and a hook that changes nothing costs nothing here.
 *
 * kind (relation_id, name) → value:
 *   relation (id, '') → {key, interface}          endpoint (id, application) → {endpoint, role}
 *   scope (id, unit) → 'in'                        settings (id, holder) → the databag
 *   application (null, name) → {leader, status}    leader-settings (null, application) → the settings
 *   unit (null, name) → its workload status
 */
const timelineTable = `
CREATE TABLE timeline (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  relation_id INTEGER,
  name TEXT NOT NULL,
  value TEXT
);
`;

/** For each kind: its table, a row's (relation_id, name, value) from NEW or OLD, the columns whose update is a change. */
const tracked: Array<{ kind: string; table: string; row: (r: string) => [string, string, string]; updated?: string }> = [
  { kind: 'relation', table: 'relations', row: (r) => [`${r}.id`, "''", `json_object('key', ${r}.key, 'interface', ${r}.interface)`] },
  { kind: 'endpoint', table: 'relation_endpoints', row: (r) => [`${r}.relation_id`, `${r}.application`, `json_object('endpoint', ${r}.endpoint, 'role', ${r}.role)`] },
  { kind: 'scope', table: 'relation_scopes', row: (r) => [`${r}.relation_id`, `${r}.unit`, "'in'"] },
  { kind: 'settings', table: 'settings', row: (r) => [`${r}.relation_id`, `${r}.holder`, `${r}.data`], updated: 'data' },
  {
    kind: 'application',
    table: 'applications',
    row: (r) => ['NULL', `${r}.name`, `json_object('leader', ${r}.leader, 'status', json(${r}.status))`],
    updated: 'leader, status',
  },
  { kind: 'leader-settings', table: 'leader_settings', row: (r) => ['NULL', `${r}.application`, `${r}.data`], updated: 'data' },
  { kind: 'unit', table: 'units', row: (r) => ['NULL', `${r}.name`, `${r}.workload_status`], updated: 'workload_status' },
];

const timelineTriggers = tracked
  .map(({ kind, table, row, updated }) => {
    const insert = ([relationId, name, value]: [string, string, string]): string =>
      `INSERT INTO timeline (kind, relation_id, name, value) VALUES ('${kind}', ${relationId}, ${name}, ${value});`;
    const [relationId, name] = row('OLD');
    return [
      `CREATE TRIGGER IF NOT EXISTS timeline_${table}_insert AFTER INSERT ON ${table} BEGIN ${insert(row('NEW'))} END;`,
      `CREATE TRIGGER IF NOT EXISTS timeline_${table}_delete AFTER DELETE ON ${table} BEGIN ${insert([relationId, name, 'NULL'])} END;`,
      updated ? `CREATE TRIGGER IF NOT EXISTS timeline_${table}_update AFTER UPDATE OF ${updated} ON ${table} BEGIN ${insert(row('NEW'))} END;` : '',
    ].join('\n');
  })
  .join('\n');

/** A timeline begun on a model that already had a past starts from the model as it is. */
const timelineStart = tracked
  .map(({ kind, table, row }) => `INSERT INTO timeline (kind, relation_id, name, value) SELECT '${kind}', ${row(table).join(', ')} FROM ${table};`)
  .join('\n');

/**
 * Columns added after their table was first released, so that a database an older juju-sim
 * made gets them too; a new database gets them the same way.
 */
const addedColumns = [
  /** Set by `pause`: no hook starts on its own until `resume`. */
  { table: 'model', column: 'paused', definition: 'INTEGER NOT NULL DEFAULT 0' },
  /** The charm path the user deployed from, which `export-bundle` writes back. */
  { table: 'applications', column: 'charm_path', definition: 'TEXT' },
  /** Set by `refresh --force-units` until the next refresh. */
  { table: 'applications', column: 'force_units', definition: 'INTEGER NOT NULL DEFAULT 0' },
  /** Set by `trust` and `deploy --trust`. */
  { table: 'applications', column: 'trust', definition: 'INTEGER NOT NULL DEFAULT 0' },
  /** `set-model-constraints`: the model's constraints, as JSON. */
  { table: 'model', column: 'constraints', definition: "TEXT NOT NULL DEFAULT '{}'" },
  /** A hook's diff (HookDiff, JSON), committed or discarded; null when it changed nothing. */
  { table: 'hook_runs', column: 'changes', definition: 'TEXT' },
  /** The timeline's position at the run's end; null for a run from before the timeline was kept. */
  { table: 'hook_runs', column: 'timeline_seq', definition: 'INTEGER' },
];

/** Creates the tables that are missing and adds the columns that are. */
export function migrate(db: Database.Database): void {
  db.exec(controllerSchema);
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'timeline'").get() === undefined) {
    db.transaction(() => db.exec(timelineTable + timelineStart))();
  }
  db.exec(timelineTriggers);
  for (const { table, column, definition } of addedColumns) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}
