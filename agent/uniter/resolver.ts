// Chooses a unit's next operation from what it has seen (local state), what the controller says
// (remote state) and what the user asked (queued requests), in the priority order of Juju's
// uniter resolvers (juju-hooktools.md §6.1, §6.4). Pure: the same inputs always give the same
// operation, which makes it table-testable.
import type { SecretsView } from '../controller/uniter-api.js';
import type { HookInfo, HookKind } from './hook.js';
import type { Operation, PendingAction, UserRequest } from './operation.js';
import { noLeaderSettingsSeen, type OperationState, type RelationState } from './state.js';

export interface RemoteRelation {
  id: number;
  /** This unit's endpoint in the relation. */
  endpoint: string;
  remoteApp: string;
  isPeer: boolean;
  life: 'alive' | 'dying';
  /** Units on the other side in scope (other peers for a peer relation) → settings version. */
  members: Record<string, number>;
  /** The other side's application → app settings version (0: never written). */
  appMembers: Record<string, number>;
}

export interface RemoteState {
  /** `dying` once the unit (or its application) is being removed. */
  life: 'alive' | 'dying';
  leader: boolean;
  leaderSettingsVersion: number;
  configHash: string;
  /** The revision of the application's charm. */
  charmRev: number;
  /** `refresh --force-units`: a unit in a hook error upgrades too. */
  forceCharmUpgrade: boolean;
  relations: Map<number, RemoteRelation>;
  /** Actions queued for the unit, oldest first. */
  actions: PendingAction[];
  /** The ticks of the unit's update-status timer so far. */
  updateStatusVersion: number;
  /** The unit's secrets' news; none when absent. */
  secrets?: SecretsView;
}

export interface LocalState {
  /** The unit's own name. */
  unit: string;
  operation: OperationState;
  relations: Map<number, RelationState>;
  /**
   * The update-status ticks the unit's hooks have caught up with: each hook that commits records
   * the count it was chosen under. Kept in memory only, as Juju keeps it: 0 at the agent's start,
   * like the count.
   */
  updateStatusVersion?: number;
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

/**
 * The next hook of one relation the unit has joined (§6.4), or undefined. A dying unit departs
 * every member with itself as the departing unit; a dying relation departs each member as such.
 */
export function nextRelationHook(local: RelationState, remote: RemoteRelation | undefined, dyingUnit?: string): HookInfo | undefined {
  const unitDying = dyingUnit !== undefined;
  const base = { relationId: local.id, endpoint: local.endpoint };
  const remoteApp = remote?.remoteApp ?? '';
  const members = remote?.life === 'alive' && !unitDying ? remote.members : {};
  if (local.changedPending !== null) {
    const unit = local.changedPending;
    return { kind: 'relation-changed', ...base, remoteUnit: unit, remoteApp, version: members[unit] ?? local.members[unit] };
  }
  for (const unit of sorted(Object.keys(local.members))) {
    if (!(unit in members)) {
      const departingUnit = dyingUnit ?? unit;
      return { kind: 'relation-departed', ...base, remoteUnit: unit, remoteApp: unit.split('/')[0], departingUnit };
    }
  }
  if (remote === undefined || remote.life !== 'alive' || unitDying) {
    // Peers never get relation-broken: the unit just leaves the relation.
    return remote?.isPeer ? undefined : { kind: 'relation-broken', ...base, remoteApp };
  }
  for (const app of sorted(Object.keys(remote.appMembers))) {
    const version = remote.appMembers[app];
    if (version !== (local.appMembers[app] ?? 0)) {
      return { kind: 'relation-changed', ...base, remoteApp: app, version };
    }
  }
  for (const unit of sorted(Object.keys(members))) {
    if (!(unit in local.members)) return { kind: 'relation-joined', ...base, remoteUnit: unit, remoteApp, version: members[unit] };
  }
  for (const unit of sorted(Object.keys(members))) {
    if (members[unit] !== local.members[unit]) {
      return { kind: 'relation-changed', ...base, remoteUnit: unit, remoteApp, version: members[unit] };
    }
  }
  return undefined;
}

/**
 * The next hook of the relations the unit has joined, peer relations last: Juju 3.6 defers them
 * so that a unit on its way out departs and breaks its other relations while its peers' data is
 * still there (relation/resolver.go, "process peer relations last").
 */
function nextRelationsHook(local: LocalState, remote: RemoteState, dyingUnit?: string): HookInfo | undefined {
  const isPeer = (relation: RelationState): boolean => remote.relations.get(relation.id)?.isPeer === true;
  const joined = [...local.relations.values()];
  for (const relation of [...joined.filter((r) => !isPeer(r)), ...joined.filter(isPeer)]) {
    const hook = nextRelationHook(relation, remote.relations.get(relation.id), dyingUnit);
    if (hook) return hook;
  }
  return undefined;
}

/** What a dying unit does next: depart and break its relations, then stop, then remove. */
function nextDyingHook(local: LocalState, remote: RemoteState): HookInfo | undefined {
  const hook = nextRelationsHook(local, remote, local.unit);
  if (hook) return hook;
  if (local.operation.started) return { kind: 'stop' };
  if (local.operation.installed) return { kind: 'remove' };
  return undefined;
}

/**
 * The next secret hook (worker/uniter/secrets/resolver.go): an expired revision, then a due
 * rotation, then a consumed secret with a revision its secret-changed has not caught up with,
 * then an obsolete revision not yet handed to secret-remove. Juju's secrets resolver comes after
 * relation-created and leadership, before actions and the other hooks, and only for an
 * installed unit that is alive with no hook queued, as here (nextHook returns those first).
 */
export function nextSecretHook(op: OperationState, secrets: SecretsView | undefined): HookInfo | undefined {
  if (!secrets) return undefined;
  const [expired] = secrets.expiries;
  if (expired) return { kind: 'secret-expired', secretURI: expired.uri, secretRevision: expired.revision };
  const [rotation] = secrets.rotations;
  if (rotation) return { kind: 'secret-rotate', secretURI: rotation };
  for (const uri of sorted(Object.keys(secrets.consumed))) {
    const { revision, label } = secrets.consumed[uri];
    if (op.consumedSecrets[uri] !== revision) return { kind: 'secret-changed', secretURI: uri, secretLabel: label, secretRevision: revision };
  }
  for (const uri of sorted(Object.keys(secrets.obsolete))) {
    const done = op.removedSecretRevisions[uri] ?? [];
    const revision = secrets.obsolete[uri].find((r) => !done.includes(r));
    if (revision !== undefined) return { kind: 'secret-remove', secretURI: uri, secretRevision: revision };
  }
  return undefined;
}

/** The unit's next hook, or undefined when it is idle. A unit in error gets none. */
export function nextHook(local: LocalState, remote: RemoteState): HookInfo | undefined {
  const op = local.operation;
  if (op.error) return undefined;
  // A queued hook runs first, even for a dying unit (resolver.go: a RunHook operation in its
  // Queued step); relation-created, leadership, config and relation hooks wait for it.
  if (op.queuedHook === 'config-changed') return { kind: 'config-changed', configHash: remote.configHash };
  if (op.queuedHook === 'start') return { kind: 'start' };
  if (remote.life === 'dying') return nextDyingHook(local, remote);
  if (!op.installed) return { kind: 'install', charmRev: remote.charmRev };
  for (const relation of [...remote.relations.values()].sort((a, b) => a.id - b.id)) {
    if (relation.life === 'alive' && !local.relations.has(relation.id)) {
      return { kind: 'relation-created', relationId: relation.id, endpoint: relation.endpoint, remoteApp: relation.remoteApp };
    }
  }
  if (remote.leader && !op.leader) return { kind: 'leader-elected' };
  // Only leader-settings-changed records the version it caught up with: a unit deposed after
  // leading since its start, or after a leader-set of its own, runs it next (leadership/resolver.go).
  if (!remote.leader && remote.leaderSettingsVersion !== op.leaderSettingsVersion) {
    return { kind: 'leader-settings-changed', version: remote.leaderSettingsVersion };
  }
  const secretHook = nextSecretHook(op, remote.secrets);
  if (secretHook) return secretHook;
  if (remote.charmRev !== op.charmRev) return { kind: 'upgrade-charm', charmRev: remote.charmRev };
  if (remote.configHash !== op.configHash) return { kind: 'config-changed', configHash: remote.configHash };
  const hook = nextRelationsHook(local, remote);
  if (hook) return hook;
  // update-status runs when nothing else needs to, for a tick no hook has caught up with (resolver.go nextOp).
  if ((local.updateStatusVersion ?? 0) !== remote.updateStatusVersion) return { kind: 'update-status' };
  return undefined;
}

/**
 * Hooks that run before a queued action: Juju's resolvers put relation-created, leadership and
 * secret hooks first, and its actions resolver waits while a hook is queued (install at first;
 * actions/resolver.go runs actions only when no operation is in progress, or while a hook is in
 * error).
 */
const hooksBeforeActions = new Set<HookKind>([
  'install',
  'relation-created',
  'leader-elected',
  'leader-settings-changed',
  'secret-expired',
  'secret-rotate',
  'secret-changed',
  'secret-remove',
]);

/**
 * Whether a hook is one Juju would have queued in its operation state, and so runs before
 * actions: the config-changed after upgrade-charm and the start after the first config-changed
 * (operation/runhook.go Commit), or the install or upgrade-charm of a charm already deployed
 * (operation/deploy.go Commit).
 */
function queued(op: OperationState, hook: HookInfo): boolean {
  if (hook.kind === op.queuedHook) return true;
  return hook.charmRev !== undefined && hook.charmRev === op.deployedCharmRev;
}

/** A hook to run, after deploying the charm revision it is for when that is not deployed yet. */
function hookOperation(op: OperationState, hook: HookInfo, fired = false): Operation {
  if (hook.charmRev !== undefined && hook.charmRev !== op.deployedCharmRev) return { kind: 'deploy', charmRev: hook.charmRev, hook };
  return { kind: 'run-hook', hook, fired };
}

/** The operation that answers a user's request. */
function requestOperation(request: UserRequest): Operation {
  return { kind: 'run-hook', hook: request.hook, fired: true, request: request.id };
}

/**
 * The unit's next operation, or undefined when it has nothing to do now (Juju's uniter resolver,
 * worker/uniter/resolver.go NextOp):
 * - user requests first, in the order they came (juju-sim's `fire`);
 * - in a hook error, queued actions still run (actions/resolver.go); an upgrade forced with
 *   `refresh --force-units` is deployed; otherwise the unit waits until `resolve` asks for a
 *   retry (nextOpHookError);
 * - lost leadership is resigned, and a dying unit resigns it (leadership/resolver.go);
 * - hooks Juju runs before actions, then actions, then any other hook (nextOp);
 * - a dying unit with nothing left to run terminates (nextOp: ErrUnitDead).
 */
export function nextOperation(local: LocalState, remote: RemoteState, requests: readonly UserRequest[]): Operation | undefined {
  if (requests.length > 0) return requestOperation(requests[0]);
  const op = local.operation;
  const [action] = remote.actions;
  if (op.error) {
    if (action) return { kind: 'run-action', action };
    if (remote.forceCharmUpgrade && !op.error.conflicted && remote.charmRev !== op.deployedCharmRev) {
      // The failed hook stays the one to retry, on the new charm: upgrade-charm never runs.
      const hook = op.error.hook.charmRev === undefined ? op.error.hook : { ...op.error.hook, charmRev: remote.charmRev };
      return { kind: 'deploy', charmRev: remote.charmRev, hook };
    }
    return op.error.retry ? hookOperation(op, op.error.hook, op.error.fired) : undefined;
  }
  if (op.leader && (!remote.leader || remote.life === 'dying')) return { kind: 'resign-leadership' };
  const hook = nextHook(local, remote);
  if (hook && (hooksBeforeActions.has(hook.kind) || queued(op, hook))) return hookOperation(op, hook);
  if (action) return { kind: 'run-action', action };
  if (hook) return hookOperation(op, hook);
  return remote.life === 'dying' ? { kind: 'terminate' } : undefined;
}

/**
 * The local state after `hook` committed (or was skipped by `resolve --no-retry`). Its commit
 * ends the queued hook, and queues the next one: config-changed after upgrade-charm, start after
 * a config-changed while not started (operation/runhook.go Commit).
 */
export function afterHook(local: LocalState, hook: HookInfo): LocalState {
  const operation: OperationState = { ...local.operation, queuedHook: null };
  const relations = new Map(local.relations);
  const relation = hook.relationId === undefined ? undefined : relations.get(hook.relationId);
  const update = (patch: Partial<RelationState>): void => {
    if (relation) relations.set(relation.id, { ...relation, ...patch });
  };
  switch (hook.kind) {
    case 'install':
      operation.installed = true;
      operation.charmRev = hook.charmRev ?? operation.charmRev;
      break;
    case 'upgrade-charm':
      operation.charmRev = hook.charmRev ?? operation.charmRev;
      operation.queuedHook = 'config-changed';
      // Juju restarts its resolver loop after deploying an upgrade (resolver.go: ErrRestart), with
      // a new remote-state watcher and a fresh local state: the leader-settings version it caught
      // up with is forgotten, so a non-leader runs leader-settings-changed once the queued hooks
      // are done. (The reset belongs to the deploy; here it is after upgrade-charm, which Juju
      // queues at the deploy, before any leadership hook.)
      operation.leaderSettingsVersion = noLeaderSettingsSeen;
      break;
    case 'leader-elected':
      operation.leader = true;
      break;
    case 'leader-settings-changed':
      operation.leaderSettingsVersion = hook.version ?? operation.leaderSettingsVersion;
      break;
    case 'config-changed':
      operation.configHash = hook.configHash ?? operation.configHash;
      if (!operation.started) operation.queuedHook = 'start';
      break;
    case 'start':
      operation.started = true;
      break;
    case 'stop':
      operation.started = false;
      break;
    case 'remove':
      operation.installed = false;
      break;
    case 'relation-created':
      relations.set(hook.relationId!, {
        id: hook.relationId!,
        endpoint: hook.endpoint!,
        members: {},
        appMembers: {},
        changedPending: null,
      });
      break;
    case 'relation-joined':
      if (relation) update({ members: { ...relation.members, [hook.remoteUnit!]: hook.version ?? 0 }, changedPending: hook.remoteUnit! });
      break;
    case 'relation-changed':
      if (relation && hook.remoteUnit) {
        update({
          members: { ...relation.members, [hook.remoteUnit]: hook.version ?? relation.members[hook.remoteUnit] ?? 0 },
          changedPending: relation.changedPending === hook.remoteUnit ? null : relation.changedPending,
        });
      } else if (relation && hook.remoteApp) {
        update({ appMembers: { ...relation.appMembers, [hook.remoteApp]: hook.version ?? 0 } });
      }
      break;
    case 'relation-departed':
      if (relation) {
        const members = { ...relation.members };
        delete members[hook.remoteUnit!];
        update({ members });
      }
      break;
    case 'relation-broken':
      relations.delete(hook.relationId!);
      break;
    case 'secret-changed':
      operation.consumedSecrets = { ...operation.consumedSecrets, [hook.secretURI!]: hook.secretRevision! };
      break;
    case 'secret-remove': {
      const done = operation.removedSecretRevisions[hook.secretURI!] ?? [];
      const revisions = [...new Set([...done, hook.secretRevision!])].sort((a, b) => a - b);
      operation.removedSecretRevisions = { ...operation.removedSecretRevisions, [hook.secretURI!]: revisions };
      break;
    }
    default:
      break;
  }
  return { unit: local.unit, operation, relations };
}
