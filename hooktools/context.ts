// The hook context as the hook tools see it, split into the narrow slices Juju's jujuc
// package declares (internal/worker/uniter/runner/jujuc/context.go). A tool depends on the
// slices it needs and nothing else; a test fakes only those.
//
// Everything here is synchronous: the daemon answers from SQLite (better-sqlite3) and from the
// context's in-memory write buffer, so no tool ever waits on I/O it could not finish at once.
// Methods throw ContextError (or a subclass) with Juju's message; the tool runner prints it as
// `ERROR <message>` and exits 1.

/** A relation databag as a hook sees it: a string map, possibly with pending writes. */
export interface Settings {
  /** The current view, pending writes applied, deleted keys hidden. */
  map(): Record<string, string>;
  /** Buffers a write; committed only if the hook exits 0. An empty value deletes the key. */
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** Config option values are typed as in config.yaml; a missing default is null. */
export type ConfigValue = string | number | boolean | null;

export interface ConfigOption {
  type: 'string' | 'int' | 'float' | 'boolean' | 'secret';
  default?: ConfigValue;
  description?: string;
}

export interface StatusInfo {
  status: string;
  info: string;
  data: Record<string, unknown>;
}

export interface ContextUnit {
  unitName(): string;
  /** Effective config: values that are set or have a non-null default (cached per context). */
  configSettings(): Record<string, ConfigValue>;
  /** The charm's config.yaml options, for `config-get --all` (options with no value print null). */
  configOptions(): Record<string, ConfigOption>;
}

export interface ContextStatus {
  unitStatus(): StatusInfo;
  applicationStatus(): { application: StatusInfo; units: Array<StatusInfo & { unit: string }> };
  /** Immediate: survives a failing hook. */
  setUnitStatus(status: StatusInfo): void;
  /** Immediate, leader only. */
  setApplicationStatus(status: StatusInfo): void;
}

export interface ContextLeadership {
  /** Throws ContextError(`leadership status unknown: …`) when it cannot tell. */
  isLeader(): boolean;
  leaderSettings(): Record<string, string>;
  /** Immediate; throws when not leader. */
  writeLeaderSettings(settings: Record<string, string>): void;
}

export interface ContextLogger {
  /** Immediate. `level` is one of TRACE DEBUG INFO WARNING ERROR CRITICAL. */
  log(level: string, message: string): void;
}

export interface ContextVersion {
  /** Immediate. */
  setUnitWorkloadVersion(version: string): void;
}

/** One relation as the hook context knows it. */
export interface ContextRelation {
  id(): number;
  /** The local endpoint name. */
  name(): string;
  /** `<endpoint>:<id>`, as in JUJU_RELATION_ID. */
  fakeId(): string;
  /** Members in this context (remote units; for peers the other peers), string-sorted. */
  unitNames(): string[];
  /** The application on the other side (for a peer relation, this unit's own application). */
  remoteApplicationName(): string;
  isPeer(): boolean;
  /** This unit's databag, with this hook's pending writes. */
  settings(): Settings;
  /** This application's databag, with pending writes. Only the leader may call it. */
  applicationSettings(): Settings;
  /** A unit's databag as the controller (through the relation cache) answers it. */
  readSettings(unitName: string): Record<string, string>;
  /** An application's databag as the controller answers it (permission rules apply). */
  readApplicationSettings(appName: string): Record<string, string>;
}

export interface ContextRelations {
  /** Throws NotFoundError("relation") when the id is not a relation of this context. */
  relation(id: number): ContextRelation;
  /** Ids of the relations this unit tracks (not dead), ascending. */
  relationIds(): number[];
}

export interface ContextRelationHook {
  /** The relation of the current relation hook (or `exec -r`), if any. */
  hookRelation(): ContextRelation | undefined;
  /** JUJU_REMOTE_UNIT, or '' when there is none. */
  remoteUnitName(): string;
  /** JUJU_REMOTE_APP, or '' when there is none. */
  remoteApplicationName(): string;
}

/** Everything a hook context offers; each tool takes only the slices it uses. */
export interface HookContext
  extends ContextUnit,
    ContextStatus,
    ContextLeadership,
    ContextLogger,
    ContextVersion,
    ContextRelations,
    ContextRelationHook {}

/** A runtime error a tool reports as `ERROR <message>`, exit 1. */
export class ContextError extends Error {}

/** Juju's errors.NotFoundf: the message reads `<what> not found`. */
export class NotFoundError extends ContextError {
  constructor(what: string) {
    super(`${what} not found`);
  }
}
