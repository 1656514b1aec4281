// One hook's context: a snapshot of what the unit may see plus a write buffer. It lives exactly
// as long as the hook process; the tool server hands it to every hook tool the process calls.
// Buffered writes (relation settings) leave it only through `changes()`, committed by the unit
// agent when the hook exits 0. status-set, juju-log, application-version-set and action-log act
// at once. An action's context also holds the action's state (params, results, failure).
import {
  type ConfigOption,
  type ConfigValue,
  type ContextRelation,
  type GoalState,
  type HookContext,
  type NetworkInfo,
  type PortRange,
  type SecretAccess,
  type SecretMetadata,
  type SecretUpsert,
  type Settings,
  type StatusInfo,
  type StorageAttachment,
} from '../../core/hook-context.js';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApplicationRecord, HookChanges, StatusChange, StatusSummary, StatusValue, UnitRecord } from '../controller/records.js';
import type { HookContextAPI } from '../controller/uniter-api.js';
import type { HookKind } from '../uniter/hook.js';
import type { ActionState } from './action.js';
import type { RelationCache } from './relation-cache.js';
import { AppliedChangesLog } from './applied.js';
import { PortBuffer } from './ports.js';
import { BufferedSettings } from './settings.js';
import { SecretBuffer } from './secrets.js';
import { JujuSimError, NotFoundError } from '../../core/errors.js';

/** A relation as this context sees it. */
export interface RelationView {
  id: number;
  key: string;
  endpoint: string;
  remoteApp: string;
  isPeer: boolean;
  /** Remote units that are members in this context, string-sorted. */
  members: string[];
}

export interface HookContextOptions {
  id: string;
  unit: UnitRecord;
  controller: HookContextAPI;
  cache: RelationCache;
  relations: RelationView[];
  /** The hook being run; undefined for `exec`. */
  hookKind?: HookKind;
  /** The relation, remote unit and remote application of a relation hook (or `exec -r`). */
  relationId?: number;
  remoteUnit?: string;
  remoteApp?: string;
  /** The action being run; undefined outside actions. */
  action?: ActionState;
  /** A secret-rotate or secret-expired hook's secret, whose end the commit records. */
  secretHook?: HookChanges['secretHook'];
  /** The unit's own copies of its resources (Juju: `<unit agent dir>/resources`). */
  resourcesDir: string;
}

/**
 * What credential-get answers a trusted application: a local LXD cloud's spec, as a Juju
 * controller bootstrapped on `localhost` gives it. juju-sim has no LXD behind it, so the
 * certificate credential carries no attributes.
 */
const localCloudSpec = {
  type: 'lxd',
  name: 'localhost',
  region: 'localhost',
  credential: { 'auth-type': 'certificate' },
  'is-controller-cloud': true,
};

/** Whether a file holds exactly these bytes (Juju compares fingerprints); false when it is missing. */
function holds(path: string, content: Buffer): boolean {
  try {
    return readFileSync(path).equals(content);
  } catch {
    return false;
  }
}

const summary = (s: StatusValue): StatusSummary => ({ status: s.current, message: s.message });

const toStatusInfo = (s: StatusValue): StatusInfo => ({ status: s.current, info: s.message, data: s.data ?? {} });

/** Juju's log entity for a unit: `unit-<app>-<n>`. */
export const unitEntity = (unit: string): string => `unit-${unit.replace('/', '-')}`;

class RelationContext implements ContextRelation {
  private ownSettings?: BufferedSettings;
  private ownAppSettings?: BufferedSettings;
  /** Non-member units and applications: read once per context. */
  private readonly fresh = new Map<string, Record<string, string>>();

  constructor(
    private readonly view: RelationView,
    private readonly hook: UnitHookContext,
  ) {}

  id(): number {
    return this.view.id;
  }

  name(): string {
    return this.view.endpoint;
  }

  fakeId(): string {
    return `${this.view.endpoint}:${this.view.id}`;
  }

  unitNames(): string[] {
    return this.view.members;
  }

  remoteApplicationName(): string {
    return this.view.remoteApp;
  }

  isPeer(): boolean {
    return this.view.isPeer;
  }

  settings(): Settings {
    this.ownSettings ??= new BufferedSettings(this.hook.controller.unitDatabag(this.view.id, this.hook.unitName()).data);
    return this.ownSettings;
  }

  applicationSettings(): Settings {
    if (!this.hook.isLeader()) throw new JujuSimError('permission denied');
    this.ownAppSettings ??= new BufferedSettings(
      this.hook.controller.applicationDatabag(this.view.id, this.hook.application.name).data,
    );
    return this.ownAppSettings;
  }

  private readOnce(holder: string, load: () => Record<string, string>): Record<string, string> {
    let data = this.fresh.get(holder);
    if (data === undefined) {
      data = load();
      this.fresh.set(holder, data);
    }
    return { ...data };
  }

  readSettings(unitName: string): Record<string, string> {
    const { controller, cache } = this.hook;
    if (this.view.members.includes(unitName)) {
      return { ...cache.memberSettings(this.view.id, unitName, () => controller.unitDatabag(this.view.id, unitName).data) };
    }
    // Juju's API only asks that the unit's application take part in the relation: a unit of
    // the local application is readable on a regular relation too.
    const app = unitName.split('/')[0];
    if (app !== this.view.remoteApp && app !== this.hook.application.name) throw new JujuSimError('permission denied');
    const bag = controller.unitDatabag(this.view.id, unitName);
    if (bag.version === 0) {
      throw new JujuSimError(
        `cannot read settings for unit "${unitName}" in relation "${this.view.key}": unit "${unitName}": settings not found`,
      );
    }
    return this.readOnce(unitName, () => bag.data);
  }

  remoteModelUUID(): string {
    return this.hook.controller.remoteModelUUID(this.view.id);
  }

  readApplicationSettings(appName: string): Record<string, string> {
    const allowed = this.view.isPeer ? appName === this.hook.application.name : appName === this.view.remoteApp;
    if (!allowed) throw new JujuSimError('permission denied');
    return this.readOnce(appName, () => this.hook.controller.applicationDatabag(this.view.id, appName).data);
  }

  /** This relation's buffered writes, if any. */
  pending(): HookChanges['relations'][number] | undefined {
    const unitSettings = this.ownSettings?.pending();
    const applicationSettings = this.ownAppSettings?.pending();
    if (!unitSettings && !applicationSettings) return undefined;
    return { relationId: this.view.id, unitSettings, applicationSettings };
  }
}

export class UnitHookContext implements HookContext {
  readonly controller: HookContextAPI;
  readonly cache: RelationCache;
  readonly application: ApplicationRecord;
  private readonly relations: Map<number, RelationContext>;
  private config?: Record<string, ConfigValue>;
  private status?: StatusInfo;
  private charmState?: { data: Record<string, string>; dirty: boolean };
  private ports?: PortBuffer;
  /** juju-reboot without --now: the unit agent reboots the "machine" after a successful hook. */
  rebootRequested = false;
  /** Juju: once a context has been told "not leader", the answer sticks. */
  private deposed = false;

  private readonly secrets: SecretBuffer = new SecretBuffer(this);
  private readonly applied = new AppliedChangesLog();

  constructor(private readonly options: HookContextOptions) {
    this.controller = options.controller;
    this.cache = options.cache;
    this.application = options.controller.application(options.unit.application);
    this.relations = new Map(options.relations.map((view) => [view.id, new RelationContext(view, this)]));
  }

  get id(): string {
    return this.options.id;
  }

  get action(): ActionState | undefined {
    return this.options.action;
  }

  unitName(): string {
    return this.options.unit.name;
  }

  configOptions(): Record<string, ConfigOption> {
    return this.application.meta.options;
  }

  configSettings(): Record<string, ConfigValue> {
    if (!this.config) {
      const values: Record<string, ConfigValue> = {};
      for (const [name, option] of Object.entries(this.configOptions())) {
        const value = name in this.application.config ? this.application.config[name] : option.default;
        if (value !== undefined && value !== null) values[name] = value;
      }
      this.config = values;
    }
    return { ...this.config };
  }

  /**
   * Juju's HookContext.UnitStatus: the first read is kept for the rest of the hook, and
   * status-set does not update it, so status-get after status-set shows what the first
   * status-get saw (a hook that never read it before reads the new status).
   */
  unitStatus(): StatusInfo {
    this.status ??= toStatusInfo(this.controller.unit(this.unitName()).workloadStatus);
    return { ...this.status, data: { ...this.status.data } };
  }

  applicationStatus(): { application: StatusInfo; units: Array<StatusInfo & { unit: string }> } {
    this.requireLeader();
    const app = this.controller.application(this.application.name);
    return {
      application: app.status ? toStatusInfo(app.status) : { status: 'unknown', info: '', data: {} },
      units: this.controller.units(app.name).map((u) => ({ unit: u.name, ...toStatusInfo(u.workloadStatus) })),
    };
  }

  setUnitStatus(status: StatusInfo): void {
    const old = this.controller.unit(this.unitName()).workloadStatus;
    this.controller.setUnitWorkloadStatus(this.unitName(), { current: status.status, message: status.info, data: status.data });
    this.applied.statusSet({ entity: this.unitName(), kind: 'workload', old: summary(old), new: { status: status.status, message: status.info } });
  }

  setApplicationStatus(status: StatusInfo): void {
    this.requireLeader();
    const old = this.controller.application(this.application.name).status;
    this.controller.setApplicationStatus(this.application.name, { current: status.status, message: status.info, data: status.data });
    const change: StatusChange = { entity: this.application.name, kind: 'application', new: { status: status.status, message: status.info } };
    this.applied.statusSet(old ? { ...change, old: summary(old) } : change);
  }

  /** Juju's context checks leadership for application status itself. */
  private requireLeader(): void {
    if (!this.isLeader()) throw new JujuSimError('this unit is not the leader');
  }

  isLeader(): boolean {
    if (this.deposed) return false;
    const leader = this.controller.application(this.application.name).leader === this.unitName();
    if (!leader) this.deposed = true;
    return leader;
  }

  leaderSettings(): Record<string, string> {
    return this.controller.leaderSettings(this.application.name).data;
  }

  writeLeaderSettings(settings: Record<string, string>): void {
    if (!this.isLeader()) throw new JujuSimError('cannot write settings: not the leader');
    this.applied.leaderSet(this.controller.writeLeaderSettings(this.application.name, settings));
  }

  // --- networking ----------------------------------------------------------------------------

  privateAddress(): string {
    return this.options.unit.address;
  }

  publicAddress(): string {
    return this.options.unit.address;
  }

  /**
   * The relation (-r) changes Juju's answer only for a cross-model relation, where ingress is the
   * unit's public address; juju-sim's relations are all in one model.
   */
  networkInfo(bindings: string[]): Record<string, NetworkInfo> {
    return this.controller.networkInfo(this.unitName(), bindings);
  }

  private portBuffer(): PortBuffer {
    this.ports ??= new PortBuffer(this.controller.openedPorts(this.unitName()));
    return this.ports;
  }

  openPortRange(endpoint: string, range: PortRange): void {
    this.portBuffer().open(endpoint, range);
  }

  closePortRange(endpoint: string, range: PortRange): void {
    this.portBuffer().close(endpoint, range);
  }

  openedPortRanges(): Record<string, PortRange[]> {
    return this.portBuffer().opened();
  }

  // --- charm state -----------------------------------------------------------------------------

  /** Charm state is not a databag: an empty value is stored as such; only state-delete removes. */
  private state(): { data: Record<string, string>; dirty: boolean } {
    this.charmState ??= { data: this.controller.charmState(this.unitName()), dirty: false };
    return this.charmState;
  }

  getCharmState(): Record<string, string> {
    return { ...this.state().data };
  }

  setCharmStateValue(key: string, value: string): void {
    const state = this.state();
    if (state.data[key] === value) return;
    state.data[key] = value;
    state.dirty = true;
  }

  deleteCharmStateValue(key: string): void {
    const state = this.state();
    if (!(key in state.data)) return;
    delete state.data[key];
    state.dirty = true;
  }

  // --- instance, goal state, cloud -------------------------------------------------------------

  availabilityZone(): string {
    return '';
  }

  requestReboot(now: boolean): void {
    if (this.action) throw new JujuSimError('juju-reboot is not supported when running an action.');
    if (now) throw new JujuSimError('juju-reboot --now is not implemented in juju-sim');
    this.rebootRequested = true;
  }

  goalState(): GoalState {
    const since = (s: { since: string }): string => s.since.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    // Juju's state.Unit.Status: the workload status, or the agent's when that is an error;
    // goalStateUnits then says "dying" for a dying unit but keeps the status's time.
    const unitGoal = (name: string): { status: string; since: string } => {
      const unit = this.controller.unit(name);
      const status = unit.agentStatus.current === 'error' ? unit.agentStatus : unit.workloadStatus;
      return { status: unit.life === 'alive' ? status.current : 'dying', since: since(status) };
    };
    const units = Object.fromEntries(this.controller.units(this.application.name).map((u) => [u.name, unitGoal(u.name)]));
    const relations: GoalState['relations'] = {};
    for (const relation of this.controller.relationsOf(this.application.name)) {
      // goalStateRelations leaves peer relations (one endpoint) out.
      if (relation.endpoints.length === 1) continue;
      const local = relation.endpoints.find((e) => e.application === this.application.name)!;
      const entries = (relations[local.endpoint] ??= {});
      for (const other of relation.endpoints.filter((e) => e.application !== this.application.name)) {
        entries[other.application] = { status: relation.life === 'alive' ? 'joined' : 'dying', since: since({ since: new Date().toISOString() }) };
        for (const unit of this.controller.units(other.application)) {
          if (unit.name !== this.unitName()) entries[unit.name] = unitGoal(unit.name);
        }
      }
    }
    return { units, relations };
  }

  /** Juju's uniter facade gives the cloud spec only to a trusted application (ErrPerm otherwise). */
  cloudSpec(): Record<string, unknown> {
    if (!this.controller.application(this.application.name).trust) throw new JujuSimError('permission denied');
    return localCloudSpec;
  }

  // --- actions, storage, resources ---------------------------------------------------------------

  private running(): ActionState {
    if (!this.action) throw new JujuSimError('not running an action');
    return this.action;
  }

  actionParams(): Record<string, unknown> {
    return this.running().params();
  }

  updateActionResults(keys: string[], value: string): void {
    this.running().setResult(keys, value);
  }

  setActionMessage(message: string): void {
    this.running().message = message;
  }

  setActionFailed(): void {
    this.running().failed = true;
  }

  logActionMessage(message: string): void {
    this.controller.logActionMessage(this.running().id, message);
  }

  storageIds(): string[] {
    return [];
  }

  storage(id: string): StorageAttachment {
    throw new NotFoundError(`storage "${id}"`);
  }

  hookStorage(): string {
    return '';
  }

  addUnitStorage(): void {
    throw new JujuSimError('storage-add is not implemented in juju-sim');
  }

  /**
   * Juju's ResourcesHookContext.DownloadResource: the unit's copy at `<resources dir>/<name>/<filename>`,
   * fetched again when it differs from the application's current upload.
   */
  downloadResource(name: string): string {
    const remote = this.controller.openResource(this.application.name, name);
    const target = join(this.options.resourcesDir, name, remote.filename);
    const content = readFileSync(remote.path);
    if (!holds(target, content)) {
      mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
      copyFileSync(remote.path, target);
    }
    return target;
  }

  log(level: string, message: string): void {
    this.controller.appendLog(unitEntity(this.unitName()), level, `unit.${this.unitName()}.juju-log`, message);
  }

  setUnitWorkloadVersion(version: string): void {
    this.controller.setWorkloadVersion(this.unitName(), version);
  }

  // --- secrets -----------------------------------------------------------------------------------

  getSecret(uri: string | undefined, label: string, refresh: boolean, peek: boolean): Record<string, string> {
    return this.secrets.getSecret(uri, label, refresh, peek);
  }

  createSecret(args: SecretUpsert): string {
    return this.secrets.createSecret(args);
  }

  updateSecret(uri: string, args: SecretUpsert): void {
    this.secrets.updateSecret(uri, args);
  }

  removeSecret(uri: string, revision?: number): void {
    this.secrets.removeSecret(uri, revision);
  }

  grantSecret(uri: string, access: SecretAccess): void {
    this.secrets.grantSecret(uri, access);
  }

  revokeSecret(uri: string, access: SecretAccess): void {
    this.secrets.revokeSecret(uri, access);
  }

  secretMetadata(): Record<string, SecretMetadata> {
    return this.secrets.secretMetadata();
  }

  relation(id: number): ContextRelation {
    const relation = this.relations.get(id);
    if (!relation) throw new NotFoundError('relation');
    return relation;
  }

  relationIds(): number[] {
    // Juju 3.4+: a relation is no longer listed from inside its own relation-broken hook.
    const broken = this.options.hookKind === 'relation-broken' ? this.options.relationId : undefined;
    return [...this.relations.keys()].filter((id) => id !== broken).sort((a, b) => a - b);
  }

  hookRelation(): ContextRelation | undefined {
    return this.options.relationId === undefined ? undefined : this.relations.get(this.options.relationId);
  }

  remoteUnitName(): string {
    return this.options.remoteUnit ?? '';
  }

  remoteApplicationName(): string {
    return this.options.remoteApp ?? '';
  }

  /** Everything the hook buffered, for one atomic commit. */
  changes(): HookChanges {
    const relations = [...this.relations.values()].map((r) => r.pending()).filter((r) => r !== undefined);
    const changes: HookChanges = { unit: this.unitName(), relations, ...this.ports?.pending() };
    if (this.charmState?.dirty) changes.charmState = { ...this.charmState.data };
    const secrets = this.secrets.pending();
    if (secrets) changes.secrets = secrets;
    if (this.options.secretHook) changes.secretHook = this.options.secretHook;
    const applied = this.applied.changes();
    if (applied) changes.applied = applied;
    return changes;
  }
}
