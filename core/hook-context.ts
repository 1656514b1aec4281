// The hook context as the hook tools see it, split into the narrow slices Juju's jujuc
// package declares (internal/worker/uniter/runner/jujuc/context.go). A tool depends on the
// slices it needs and nothing else; a test fakes only those.
//
// Everything here is synchronous: the daemon answers from SQLite (better-sqlite3) and from the
// context's in-memory write buffer, so no tool ever waits on I/O it could not finish at once.
// Methods throw JujuSimError (or a subclass) with Juju's message; the tool runner prints it as
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
  /** Throws JujuSimError('this unit is not the leader') on a non-leader. */
  applicationStatus(): { application: StatusInfo; units: Array<StatusInfo & { unit: string }> };
  /** Immediate: survives a failing hook. */
  setUnitStatus(status: StatusInfo): void;
  /** Immediate, leader only. */
  setApplicationStatus(status: StatusInfo): void;
}

export interface ContextLeadership {
  /** Throws JujuSimError when it cannot tell (is-leader prefixes `leadership status unknown: `). */
  isLeader(): boolean;
  leaderSettings(): Record<string, string>;
  /** Immediate; throws JujuSimError(`cannot write settings: not the leader`) when not leader. */
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

export interface ContextNetworking {
  /** The unit's private address (unit-get private-address). */
  privateAddress(): string;
  /** The unit's public address; throws JujuSimError('public address not found') when none. */
  publicAddress(): string;
  /** Network info for each binding (an endpoint name, or '' for the default binding). */
  networkInfo(bindings: string[], relationId: number | undefined): Record<string, NetworkInfo>;
  /** Buffered: applied at commit. `endpoint` '' means all endpoints. */
  openPortRange(endpoint: string, range: PortRange): void;
  closePortRange(endpoint: string, range: PortRange): void;
  /** Opened port ranges by endpoint ('' = all endpoints), this hook's pending changes merged in. */
  openedPortRanges(): Record<string, PortRange[]>;
}

export interface PortRange {
  /** -1 for icmp. */
  from: number;
  to: number;
  protocol: 'tcp' | 'udp' | 'icmp';
}

export interface NetworkInfo {
  bindAddresses: Array<{
    macAddress: string;
    interfaceName: string;
    addresses: Array<{ hostname: string; value: string; cidr: string }>;
  }>;
  egressSubnets: string[];
  ingressAddresses: string[];
}

/** Controller-side charm state (state-get/state-set/state-delete): buffered until commit. */
export interface ContextUnitCharmState {
  getCharmState(): Record<string, string>;
  setCharmStateValue(key: string, value: string): void;
  deleteCharmStateValue(key: string): void;
}

export interface GoalStateStatus {
  status: string;
  since: string;
}

export interface GoalState {
  units: Record<string, GoalStateStatus>;
  /** endpoint → (remote application or unit name) → status. */
  relations: Record<string, Record<string, GoalStateStatus>>;
}

export interface ContextInstance {
  availabilityZone(): string;
  /** juju-reboot: `now` kills the hook and re-queues it; otherwise reboot after a successful hook. */
  requestReboot(now: boolean): void;
  goalState(): GoalState;
  /** credential-get: throws JujuSimError when the application is not trusted. */
  cloudSpec(): Record<string, unknown>;
}

/** Only present in action contexts: every method throws JujuSimError('not running an action') elsewhere. */
export interface ContextAction {
  actionParams(): Record<string, unknown>;
  /** Sets results at a dotted path (`a.b.c`), last write wins at each path. */
  updateActionResults(keys: string[], value: string): void;
  setActionMessage(message: string): void;
  setActionFailed(): void;
  /** Immediate. */
  logActionMessage(message: string): void;
}

export interface StorageAttachment {
  kind: 'block' | 'filesystem';
  location: string;
}

export interface ContextStorage {
  /** Storage ids attached to the unit, e.g. `data/0`. */
  storageIds(): string[];
  /** Throws NotFoundError when the id is not attached. */
  storage(id: string): StorageAttachment;
  /** The hook's storage (JUJU_STORAGE_ID), or '' outside storage hooks. */
  hookStorage(): string;
  /** Buffered: storage-add. */
  addUnitStorage(constraints: Record<string, number>): void;
}

export interface ContextResources {
  /** The local path of a resource's file; throws JujuSimError when it cannot be had. */
  downloadResource(name: string): string;
}

/** What secret-add and secret-set may change; absent fields stay as they are. */
export interface SecretUpsert {
  /** key → base64-encoded value (Juju keeps secret content encoded). */
  value?: Record<string, string>;
  rotatePolicy?: string;
  /** RFC 3339. */
  expireTime?: string;
  description?: string;
  label?: string;
  owner?: 'application' | 'unit';
}

/** Who secret-grant / secret-revoke is about. */
export interface SecretAccess {
  relationId?: number;
  applicationName?: string;
  unitName?: string;
}

/** What secret-info-get and secret-ids know of a secret this unit (or its application) owns. */
export interface SecretMetadata {
  /** The secret's id (the 20-character xid). */
  id: string;
  owner: 'application' | 'unit';
  label: string;
  description: string;
  rotatePolicy: string;
  latestRevision: number;
  /** RFC 3339, when set. */
  latestExpireTime?: string;
  nextRotateTime?: string;
  access: Array<{ target: string; scope: string; role: string }>;
}

/**
 * Juju's secrets as a hook sees them. Reads are answered at once (and a read records the
 * reader as the secret's consumer at once, as Juju's facade does); writes are buffered until
 * the hook commits, but createSecret allocates and returns the URI at once.
 */
export interface ContextSecrets {
  /** The content (base64-encoded values) by URI or by label; refresh/peek as secret-get's flags. */
  getSecret(uri: string | undefined, label: string, refresh: boolean, peek: boolean): Record<string, string>;
  /** Returns the new secret's URI (`secret:<xid>`). */
  createSecret(args: SecretUpsert): string;
  updateSecret(uri: string, args: SecretUpsert): void;
  /** Without a revision: every revision. */
  removeSecret(uri: string, revision?: number): void;
  grantSecret(uri: string, access: SecretAccess): void;
  revokeSecret(uri: string, access: SecretAccess): void;
  /** The secrets this unit and (when leader) its application own, by id. */
  secretMetadata(): Record<string, SecretMetadata>;
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
  /** The UUID of the model the remote application is in (this model, without cross-model relations). */
  remoteModelUUID(): string;
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
    ContextNetworking,
    ContextUnitCharmState,
    ContextInstance,
    ContextAction,
    ContextStorage,
    ContextResources,
    ContextRelations,
    ContextRelationHook,
    ContextSecrets {}
