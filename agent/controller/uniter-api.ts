// The controller as a unit agent reaches it, named after Juju's uniter facade: exactly what a
// unit agent and its hook contexts call, and nothing of deploy, integrate, config or other
// units' life. Everything passes plain records, so the controller could live in another process.
import type { Controller } from './controller.js';
import { hookDiff } from './hook-diff.js';
import { networkInfo } from './network-info.js';
import type {
  ActionOutcome,
  ActionRecord,
  ActionStatus,
  ApplicationRecord,
  Databag,
  HookChanges,
  HookRun,
  KeyChange,
  ModelRecord,
  NetworkInfo,
  PortChange,
  RelationRecord,
  SettingsVersion,
  StatusValue,
  UnitRecord,
} from './records.js';
import { secretURI, type SecretRecord } from './secrets.js';

/**
 * A hook context's slice: it reads, and writes only what Juju applies at once (status-set,
 * leader-set, application-version-set, juju-log, action-log), which survives a failing hook.
 * Relation settings, charm state and ports reach the controller only through the unit agent's
 * commit when the hook exits 0.
 */
export interface HookContextAPI {
  model(): ModelRecord;
  application(name: string): ApplicationRecord;
  unit(name: string): UnitRecord;
  units(application: string): UnitRecord[];
  relationsOf(application: string): RelationRecord[];
  unitDatabag(relationId: number, unit: string): Databag;
  applicationDatabag(relationId: number, application: string): Databag;
  leaderSettings(application: string): Databag;
  /** The UUID of the model the relation's other application lives in. */
  remoteModelUUID(relationId: number): string;
  charmState(unit: string): Record<string, string>;
  openedPorts(unit: string): PortChange[];
  /** Network config of the unit's bindings; a name that is not one of them gets no entry. */
  networkInfo(unit: string, bindings: string[]): Record<string, NetworkInfo>;
  /** The secrets the unit owns, and its application's when it leads. */
  ownedSecrets(unit: string, leader: boolean): SecretRecord[];
  /** A revision's content, for an owner comparing new content with its latest. */
  secretContent(id: string, revision: number): Record<string, string>;
  /** secret-get: immediate, as Juju's facade records at once what the consumer has read. */
  readSecret(unit: string, leader: boolean, uri: string | undefined, label: string, refresh: boolean, peek: boolean): Record<string, string>;

  setUnitWorkloadStatus(unit: string, value: Omit<StatusValue, 'since'>): void;
  setApplicationStatus(application: string, value: Omit<StatusValue, 'since'>): void;
  /** Returns the keys it really changed. */
  writeLeaderSettings(application: string, changes: Record<string, string>): KeyChange[];
  setWorkloadVersion(unit: string, version: string): void;
  appendLog(entity: string, level: string, module: string, message: string): void;
  logActionMessage(id: number, message: string): void;
  /** An application's uploaded resource file; not found for a placeholder or an undeclared name. */
  openResource(application: string, name: string): { path: string; filename: string; revision: number };
}

/** The unit agent's own calls besides its contexts': scope, the commit, its agent status, actions, its end. */
export interface UniterAPI extends HookContextAPI {
  scope(relationId: number): string[];
  enterScope(relationId: number, unit: string): void;
  leaveScope(relationId: number, unit: string): void;
  /** One hook's changes, all or nothing; the relation databag versions it bumped. */
  commitHookChanges(changes: HookChanges, run?: HookRun): SettingsVersion[];
  /** A run whose changes were not committed: what it had buffered is recorded as discarded. */
  recordHookRun(run: HookRun, discarded?: HookChanges): void;
  /** The unit's last recorded run ends now, after what its operation changed since its commit. */
  hookRunEnded(unit: string): void;
  setUnitAgentStatus(unit: string, current: string, message?: string): void;
  action(id: number): ActionRecord;
  actions(unit: string, status: ActionStatus): ActionRecord[];
  startAction(id: number): void;
  finishAction(id: number, outcome: ActionOutcome): void;
  /** The unit has run its last hook (Juju's EnsureDead, then removal). */
  removeUnit(unit: string): void;
  /** The model's update-status-hook-interval, in milliseconds. */
  updateStatusHookInterval(): number;
  /** What the unit's secret hooks are about: see SecretsView. */
  secretsView(unit: string, leader: boolean): SecretsView;
}

/**
 * A unit's secrets as its remote-state watcher sees them (Juju's consumed-secrets, obsolete,
 * rotation and expiry watchers): the latest revision of each secret it consumes, once there is
 * more than one; the obsolete revisions of the secrets it owns; those due to rotate now; the
 * revisions whose expiry has come.
 */
export interface SecretsView {
  consumed: Record<string, { revision: number; label: string }>;
  obsolete: Record<string, number[]>;
  rotations: string[];
  expiries: Array<{ uri: string; revision: number }>;
}

export function uniterAPI(controller: Controller): UniterAPI {
  const { applications, units, relations, settings, life, actions, history } = controller;
  return {
    model: () => controller.model(),
    application: (name) => applications.get(name),
    unit: (name) => units.get(name),
    units: (application) => units.all(application),
    relationsOf: (application) => relations.of(application),
    unitDatabag: (relationId, unit) => settings.unitDatabag(relationId, unit),
    applicationDatabag: (relationId, application) => settings.applicationDatabag(relationId, application),
    leaderSettings: (application) => settings.leaderSettings(application),
    remoteModelUUID: (relationId) => controller.remoteApplications.remoteModelUuid(relationId) ?? controller.model().uuid,
    charmState: (unit) => units.charmState(unit),
    openedPorts: (unit) => units.openedPorts(unit),
    networkInfo: (unit, bindings) => {
      const record = units.get(unit);
      return networkInfo(record, applications.get(record.application).meta, bindings);
    },
    ownedSecrets: (unit, leader) => controller.secrets.ownedBy(unit, leader),
    secretContent: (id, revision) => controller.secrets.content(id, revision),
    readSecret: (unit, leader, uri, label, refresh, peek) => controller.secrets.read(unit, leader, uri, label, refresh, peek),
    setUnitWorkloadStatus: (unit, value) => units.setWorkloadStatus(unit, value),
    setApplicationStatus: (application, value) => applications.setStatus(application, value),
    writeLeaderSettings: (application, changes) => settings.writeLeaderSettings(application, changes),
    setWorkloadVersion: (unit, version) => units.setWorkloadVersion(unit, version),
    appendLog: (entity, level, module, message) => history.appendLog(entity, level, module, message),
    logActionMessage: (id, message) => actions.log(id, message),
    openResource: (application, name) => controller.resources.open(application, name),

    scope: (relationId) => relations.scope(relationId),
    // As in Juju, the facade looks up the unit's addresses for its databag, not the relation.
    enterScope: (relationId, unit) => relations.enterScope(relationId, units.get(unit)),
    leaveScope: (relationId, unit) => life.leaveScope(relationId, unit),
    commitHookChanges: (changes, run) => controller.commitHookChanges(changes, run),
    recordHookRun: (run, discarded) => history.recordHookRun(run, discarded ? hookDiff(controller, discarded, 'discarded') : null),
    hookRunEnded: (unit) => history.runEnded(unit),
    setUnitAgentStatus: (unit, current, message) => units.setAgentStatus(unit, current, message),
    action: (id) => actions.get(id),
    actions: (unit, status) => actions.of(unit, status),
    startAction: (id) => actions.start(id),
    finishAction: (id, outcome) => actions.finish(id, outcome),
    removeUnit: (unit) => life.removeUnit(unit),
    updateStatusHookInterval: () => controller.modelConfig.updateStatusHookInterval(),
    secretsView: (unit, leader) => secretsView(controller, unit, leader),
  };
}

function secretsView({ secrets }: Controller, unit: string, leader: boolean): SecretsView {
  const at = new Date().toISOString();
  const consumed: SecretsView['consumed'] = {};
  const app = unit.split('/')[0];
  const ownLabels = new Map(secrets.list([['unit', unit], ['application', app]]).map((s) => [s.id, s.label]));
  for (const c of secrets.consumed(unit)) {
    // Juju's consumed-secrets watcher reports a secret once it has a second revision, to a
    // consumer that may still read it; an owner reading its own is a consumer too, under the
    // owner label unless it gave its own (GetConsumerSecretsRevisionInfo).
    if (c.latestRevision < 2 || !secrets.canRead(c.secretId, unit)) continue;
    consumed[secretURI(c.secretId)] = { revision: c.latestRevision, label: c.label || (ownLabels.get(c.secretId) ?? '') };
  }
  const owned = secrets.ownedBy(unit, leader);
  const obsolete: SecretsView['obsolete'] = {};
  for (const s of owned) {
    const revisions = secrets.revisions(s.id).filter((r) => r.obsolete).map((r) => r.revision);
    if (revisions.length > 0) obsolete[secretURI(s.id)] = revisions;
  }
  return {
    consumed,
    obsolete,
    rotations: owned.filter((s) => s.nextRotateTime !== null && s.nextRotateTime <= at).map((s) => secretURI(s.id)),
    expiries: secrets.dueExpiries(owned.map((s) => s.id), at).map(([id, revision]) => ({ uri: secretURI(id), revision })),
  };
}
