// Builds the hook context of a hook or an action (a juju-exec task's too), with the environment its
// process gets (Juju's context factory, worker/uniter/runner/context/contextfactory.go). Each
// context is a fresh snapshot: the relations the unit has joined, with their members as of this
// hook; the remote units' settings it has read are cached across contexts, as Juju's are.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { ActionState } from '../context/action.js';
import { UnitHookContext, type RelationView } from '../context/hook-context.js';
import { RelationCache } from '../context/relation-cache.js';
import type { HookChanges, UnitRecord } from '../controller/records.js';
import { secretIdOf, type SecretRecord } from '../controller/secrets.js';
import type { UniterAPI } from '../controller/uniter-api.js';
import { relationSides } from '../controller/endpoints.js';
import { hookEnvironment } from '../runner/environment.js';
import { goQuote } from '../../core/gnuflag.js';
import { unitApplication } from '../../core/names.js';
import { JujuSimError } from '../../core/errors.js';
import { hookName, type HookInfo } from './hook.js';
import type { ExecRequest, RelationTarget } from './operation.js';
import type { RelationState } from './state.js';

export interface ContextFactoryConfig {
  unitName: string;
  controller: UniterAPI;
  /** The relations the unit has joined, as its own state records them. */
  relations: () => Map<number, RelationState>;
  charmDir: string;
  toolSocket: string;
  toolsDir: string;
  agentPath: string;
  passThrough: Record<string, string>;
}

/** A hook context and the environment of the process it serves. */
export interface PreparedContext {
  context: UnitHookContext;
  environment: Record<string, string>;
}

/** What one context is for: a hook, an action, or commands about a relation. */
interface ContextFor {
  hook?: HookInfo;
  relation?: RelationTarget;
  action?: ActionState;
  /** Commands run in it (a juju-exec task's), not a handler of the charm. */
  commands?: boolean;
}

const sortedUnique = (names: string[]): string[] => [...new Set(names)].sort();

/** Go's %+v of a string slice: `[a/0 a/1]`. */
const goList = (names: string[]): string => `[${names.join(' ')}]`;

/**
 * The relation and remote unit of an `exec` context, as Juju's uniter settles them (its
 * CommandArgs.Validate, then contextfactory.go inferRemoteUnit): the remote unit must be a
 * unit name and the relation one the unit is in; then, unless forced, the remote unit must be a
 * member of the relation, and without one the relation's only member is taken. `members` are
 * the members of each relation the unit is in. A remote unit comes with a relation: juju-exec
 * refuses it otherwise, before it asks the unit agent.
 */
export function inferRemoteUnit(members: Map<number, string[]>, request: Pick<ExecRequest, 'relationId' | 'remoteUnit' | 'forceRemoteUnit'>): RelationTarget {
  const { relationId, remoteUnit } = request;
  if (remoteUnit !== undefined && unitApplication(remoteUnit) === undefined) {
    throw new JujuSimError(`invalid remote unit name ${goQuote(remoteUnit)}`);
  }
  if (relationId === undefined) return {};
  const possibles = members.get(relationId);
  if (possibles === undefined) throw new JujuSimError(`unknown relation id: ${relationId}`);
  if (request.forceRemoteUnit) return { relationId, remoteUnit };
  if (remoteUnit === undefined) {
    if (possibles.length === 1) return { relationId, remoteUnit: possibles[0] };
    if (possibles.length === 0) throw new JujuSimError(`cannot infer remote unit in empty relation ${relationId}`);
    throw new JujuSimError(`ambiguous remote unit; possibilities are ${goList(possibles)}`);
  }
  if (possibles.includes(remoteUnit)) return { relationId, remoteUnit };
  throw new JujuSimError(`unknown remote unit ${remoteUnit}; possibilities are ${goList(possibles)}`);
}

export class ContextFactory {
  private readonly cache = new RelationCache();

  constructor(private readonly config: ContextFactoryConfig) {}

  hookContext(hook: HookInfo): PreparedContext {
    // A hook about a remote unit reads that unit's settings afresh; a broken relation's are gone.
    if (hook.remoteUnit && hook.relationId !== undefined) this.cache.invalidate(hook.relationId, hook.remoteUnit);
    if (hook.kind === 'relation-broken') this.cache.forgetRelation(hook.relationId!);
    return this.prepare(hookName(hook), { hook, relation: hook });
  }

  /** An action's context; a juju-exec task's commands get the relation context they ask for. */
  actionContext(action: ActionState, exec?: ExecRequest): PreparedContext {
    return this.prepare(action.name, { action, relation: exec && this.relationTarget(exec), commands: exec !== undefined });
  }

  /**
   * The relation context commands ask for (`exec -r`): its remote unit inferred as Juju infers
   * it, or why it cannot be. juju-sim also sets the remote application, from the remote unit or
   * the relation; Juju 3.6 leaves it empty (its context factory has a TODO for it).
   */
  relationTarget(exec: ExecRequest): RelationTarget {
    const views = this.relationViews(this.config.controller.unit(this.config.unitName).application);
    const { relationId, remoteUnit } = inferRemoteUnit(new Map(views.map((v) => [v.id, v.members])), exec);
    const remoteApp =
      exec.remoteApp ?? (remoteUnit === undefined ? undefined : unitApplication(remoteUnit)) ?? views.find((v) => v.id === relationId)?.remoteApp;
    return { relationId, remoteUnit, remoteApp };
  }

  private prepare(name: string, what: ContextFor): PreparedContext {
    const { controller } = this.config;
    const unit = controller.unit(this.config.unitName);
    const context = new UnitHookContext({
      id: `${unit.name}-${name}-${randomBytes(16).toString('hex')}`,
      unit,
      controller,
      cache: this.cache,
      relations: this.relationViews(unit.application, what.hook),
      hookKind: what.hook?.kind,
      relationId: what.relation?.relationId,
      remoteUnit: what.relation?.remoteUnit,
      remoteApp: what.relation?.remoteApp,
      action: what.action,
      secretHook: what.hook && this.secretHook(unit, what.hook),
      resourcesDir: join(dirname(this.config.charmDir), 'resources'),
    });
    return { context, environment: this.environment(unit, context, what) };
  }

  /**
   * What the commit of a secret-rotate or secret-expired hook records: the revision the secret
   * had when the rotation began (SecretsRotated compares it with the latest), or the one expired.
   */
  private secretHook(unit: UnitRecord, hook: HookInfo): HookChanges['secretHook'] {
    if (hook.secretURI === undefined || (hook.kind !== 'secret-rotate' && hook.kind !== 'secret-expired')) return undefined;
    const id = secretIdOf(hook.secretURI);
    if (hook.kind === 'secret-expired') return { kind: hook.kind, id, revision: hook.secretRevision ?? 0 };
    const secret = this.ownedSecret(unit, id);
    return secret && { kind: hook.kind, id, revision: secret.latestRevision };
  }

  /** One of the secrets the unit owns (and, leading, its application does), by id. */
  private ownedSecret(unit: UnitRecord, id: string): SecretRecord | undefined {
    const leader = this.config.controller.application(unit.application).leader === unit.name;
    return this.config.controller.ownedSecrets(unit.name, leader).find((s) => s.id === id);
  }

  /** The relations a context shows, with members as Juju's context factory computes them. */
  private relationViews(application: string, hook?: HookInfo): RelationView[] {
    const tracked = this.config.relations();
    const views: RelationView[] = [];
    for (const relation of this.config.controller.relationsOf(application)) {
      const local = tracked.get(relation.id);
      const creating = hook?.kind === 'relation-created' && hook.relationId === relation.id;
      if (!local && !creating) continue;
      let members = Object.keys(local?.members ?? {});
      if (hook?.relationId === relation.id && hook.remoteUnit) {
        if (hook.kind === 'relation-joined' || hook.kind === 'relation-changed') members.push(hook.remoteUnit);
        if (hook.kind === 'relation-departed') members = members.filter((u) => u !== hook.remoteUnit);
      }
      const sides = relationSides(relation, application);
      views.push({
        id: relation.id,
        key: relation.key,
        endpoint: sides.local.endpoint,
        remoteApp: sides.remote.application,
        isPeer: sides.local.role === 'peer',
        members: sortedUnique(members),
      });
    }
    return views;
  }

  private environment(unit: UnitRecord, context: UnitHookContext, { hook, relation, commands }: ContextFor): Record<string, string> {
    const model = this.config.controller.model();
    const view = relation?.relationId === undefined ? undefined : context.relation(relation.relationId);
    return hookEnvironment({
      unit: unit.name,
      modelName: model.name,
      modelUuid: model.uuid,
      machineId: unit.machine,
      charmDir: this.config.charmDir,
      contextId: context.id,
      socketPath: this.config.toolSocket,
      toolsDir: this.config.toolsDir,
      agentPath: this.config.agentPath,
      passThrough: this.config.passThrough,
      hookName: hook && hookName(hook),
      action: context.action && { name: context.action.name, id: context.action.id },
      commands,
      relation: view && { endpoint: view.name(), id: view.id() },
      remoteUnit: relation?.remoteUnit,
      remoteApp: relation?.remoteApp,
      departingUnit: hook?.departingUnit,
      secret: hook?.secretURI === undefined ? undefined : this.secretEnvironment(unit, hook, hook.secretURI),
    });
  }

  /**
   * A secret hook's JUJU_SECRET_*, as Juju's context factory sets them: the revision for
   * secret-remove and secret-expired only (hook.go SecretHookRequiresRevision; secret-changed
   * has none), and, when the hook brings no label (the owner's hooks, or a consumer that gave
   * none), the label of the secret as the unit's owned-secret metadata has it, if it owns it.
   */
  private secretEnvironment(unit: UnitRecord, hook: HookInfo, uri: string): { uri: string; label: string; revision: number } {
    const revision = hook.kind === 'secret-remove' || hook.kind === 'secret-expired' ? (hook.secretRevision ?? 0) : 0;
    const label = hook.secretLabel || (this.ownedSecret(unit, secretIdOf(uri))?.label ?? '');
    return { uri, label, revision };
  }
}
