// The controller as a unit agent reaches it, named after Juju's uniter facade: exactly what a
// unit agent and its hook contexts call, and nothing of deploy, integrate, config or other
// units' life. Everything passes plain records, so the controller could live in another process.
import type { Controller } from './controller.js';
import { networkInfo } from './network-info.js';
import type {
  ActionOutcome,
  ActionRecord,
  ActionStatus,
  ApplicationRecord,
  Databag,
  HookChanges,
  HookRun,
  ModelRecord,
  NetworkInfo,
  PortChange,
  RelationRecord,
  SettingsVersion,
  StatusValue,
  UnitRecord,
} from './records.js';

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
  charmState(unit: string): Record<string, string>;
  openedPorts(unit: string): PortChange[];
  /** Network config of the unit's bindings; a name that is not one of them gets no entry. */
  networkInfo(unit: string, bindings: string[]): Record<string, NetworkInfo>;

  setUnitWorkloadStatus(unit: string, value: Omit<StatusValue, 'since'>): void;
  setApplicationStatus(application: string, value: Omit<StatusValue, 'since'>): void;
  writeLeaderSettings(application: string, changes: Record<string, string>): void;
  setWorkloadVersion(unit: string, version: string): void;
  appendLog(entity: string, level: string, module: string, message: string): void;
  logActionMessage(id: number, message: string): void;
}

/** The unit agent's own calls besides its contexts': scope, the commit, its agent status, actions, its end. */
export interface UniterAPI extends HookContextAPI {
  scope(relationId: number): string[];
  enterScope(relationId: number, unit: string): void;
  leaveScope(relationId: number, unit: string): void;
  /** One hook's changes, all or nothing; the relation databag versions it bumped. */
  commitHookChanges(changes: HookChanges, run?: HookRun): SettingsVersion[];
  recordHookRun(run: HookRun): void;
  setUnitAgentStatus(unit: string, current: string, message?: string): void;
  action(id: number): ActionRecord;
  actions(unit: string, status: ActionStatus): ActionRecord[];
  startAction(id: number): void;
  finishAction(id: number, outcome: ActionOutcome): void;
  /** The unit has run its last hook (Juju's EnsureDead, then removal). */
  removeUnit(unit: string): void;
  /** The model's update-status-hook-interval, in milliseconds. */
  updateStatusHookInterval(): number;
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
    charmState: (unit) => units.charmState(unit),
    openedPorts: (unit) => units.openedPorts(unit),
    networkInfo: (unit, bindings) => {
      const record = units.get(unit);
      return networkInfo(record, applications.get(record.application).meta, bindings);
    },
    setUnitWorkloadStatus: (unit, value) => units.setWorkloadStatus(unit, value),
    setApplicationStatus: (application, value) => applications.setStatus(application, value),
    writeLeaderSettings: (application, changes) => settings.writeLeaderSettings(application, changes),
    setWorkloadVersion: (unit, version) => units.setWorkloadVersion(unit, version),
    appendLog: (entity, level, module, message) => history.appendLog(entity, level, module, message),
    logActionMessage: (id, message) => actions.log(id, message),

    scope: (relationId) => relations.scope(relationId),
    // As in Juju, the facade looks up the unit's addresses for its databag, not the relation.
    enterScope: (relationId, unit) => relations.enterScope(relationId, units.get(unit)),
    leaveScope: (relationId, unit) => life.leaveScope(relationId, unit),
    commitHookChanges: (changes, run) => controller.commitHookChanges(changes, run),
    recordHookRun: (run) => history.recordHookRun(run),
    setUnitAgentStatus: (unit, current, message) => units.setAgentStatus(unit, current, message),
    action: (id) => actions.get(id),
    actions: (unit, status) => actions.of(unit, status),
    startAction: (id) => actions.start(id),
    finishAction: (id, outcome) => actions.finish(id, outcome),
    removeUnit: (unit) => life.removeUnit(unit),
    updateStatusHookInterval: () => controller.modelConfig.updateStatusHookInterval(),
  };
}
