// What the controller hands out: plain records of the model's entities, read from its database.
// Nothing here touches the database; the entity modules build these from rows.
import type { CharmMeta, Role } from '../charm/metadata.js';
import type { ConfigValue, NetworkInfo, PortRange } from '../../core/hook-context.js';
import type { SecretFields } from './secrets.js';

/** What the uniter facade's NetworkInfo answers for one binding: the shape network-get prints. */
export type { NetworkInfo };

export interface ModelRecord {
  name: string;
  uuid: string;
  /** No hook starts on its own: only `settle` and `step` run them. */
  paused: boolean;
}

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
  /**
   * What the user deployed the charm from (a source tree, a .charm or a built directory), as an
   * absolute path; null for applications deployed before juju-sim kept it.
   */
  charmPath: string | null;
  /** `refresh --force-units`: units in a hook error upgrade to this charm too (Juju's ForceUnits). */
  forceUnits: boolean;
  /** A Python environment each unit finds at `../.venv` from its charm directory (built reactive charms). */
  unitVenv: string | null;
  meta: CharmMeta;
  /** Values the user set with `config`; defaults live in meta.options. */
  config: Record<string, ConfigValue>;
  leader: string | null;
  /** The status the leader set for the application, if it ever did. */
  status: StatusValue | null;
  life: string;
  /** `juju trust`: the application may read the model's cloud credential (credential-get). */
  trust: boolean;
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

/** A relation databag whose version a commit bumped: the holder is a unit or an application. */
export interface SettingsVersion {
  relationId: number;
  holder: string;
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
  /** The hook's secret changes, in the order Juju's commit applies them. */
  secrets?: SecretChanges;
  /** A secret-rotate hook's or secret-expired hook's end, which the controller records (SecretsRotated). */
  secretHook?: { kind: 'secret-rotate' | 'secret-expired'; id: string; revision: number };
  /** Not to commit: what the hook already changed at once, for its history. */
  applied?: AppliedChanges;
}

/** What secret-add, secret-set, secret-remove, secret-grant and secret-revoke buffered. */
export interface SecretChanges {
  creates: Array<{ id: string; owner: 'application' | 'unit'; fields: SecretFields & { value: Record<string, string> } }>;
  updates: Array<{ id: string; fields: SecretFields }>;
  grants: SecretAccessChange[];
  revokes: SecretAccessChange[];
  /** Without a revision: the whole secret. */
  removes: Array<{ id: string; revision?: number }>;
}

/** A grant or revoke on a relation, to its application or one of its units. */
export interface SecretAccessChange {
  id: string;
  relationId?: number;
  application?: string;
  unit?: string;
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
export type HookRun = Omit<HookRunRecord, 'seq' | 'changes'>;

/** One key's change: without old it was added, without new it was deleted. */
export interface KeyChange {
  key: string;
  old?: string;
  new?: string;
}

/** One databag's changed keys: a unit's or an application's, in one relation. */
export interface DatabagChange {
  relationId: number;
  holder: string;
  kind: 'unit' | 'application';
  keys: KeyChange[];
}

/** A status as the journal compares it: what `status-set` sets, without its time. */
export interface StatusSummary {
  status: string;
  message: string;
}

/** A unit's workload status or an application's status moving on; without old it was not set before. */
export interface StatusChange {
  entity: string;
  kind: 'workload' | 'application';
  old?: StatusSummary;
  new?: StatusSummary;
}

/**
 * What a hook changed at once, outside its commit (leader-set, status-set): a failing hook
 * discards none of it, as in Juju.
 */
export interface AppliedChanges {
  /** The unit's application's leader settings. */
  leaderSettings?: KeyChange[];
  statuses?: StatusChange[];
}

/** What a hook's commit changed (committed), or would have changed had it not failed (discarded). */
export interface HookDiff {
  fate: 'committed' | 'discarded';
  databags?: DatabagChange[];
  charmState?: KeyChange[];
  openedPorts?: string[];
  closedPorts?: string[];
  secrets?: string[];
  /** What the hook changed at once, whatever its fate. */
  applied?: AppliedChanges;
}

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
  toolCalls: Array<{ tool: string; args: string[]; code: number; stdout?: string; stderr?: string }>;
  /** What the hook committed or discarded; null when it changed nothing. */
  changes: HookDiff | null;
}

export type ActionStatus = 'pending' | 'running' | 'completed' | 'failed';

/**
 * One `run` or `exec` (Juju's operation): what it was asked, why some of its tasks could not be
 * queued, and its tasks; its status and times follow from theirs.
 */
export interface OperationRecord {
  id: number;
  /** `<action> run on <receiver>,<receiver>...`, as Juju's EnqueueOperation writes it. */
  summary: string;
  /** Why requests queued no task, in Juju's words; empty when all were queued. */
  fail: string;
  status: ActionStatus | 'error';
  enqueued: string;
  started: string | null;
  completed: string | null;
  tasks: ActionRecord[];
}

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
