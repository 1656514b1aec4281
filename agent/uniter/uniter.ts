// The unit agent of one unit: it compares its local state with the controller's, chooses the
// next hook as Juju's resolvers do, runs it in a fresh hook context, and commits the hook's
// buffered changes (controller first, then its own state) only when the hook exits 0.
// User requests (`fire`, `exec`) queue here and run between hooks, one at a time. Actions queue
// in the controller and run between hooks too, even while the unit is in error.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { HookContext } from '../../hooktools/context.js';
import type { ToolCall } from '../toolserver/server.js';
import { ActionState } from '../context/action.js';
import { unitEntity, type UnitHookContext } from '../context/hook-context.js';
import type { ActionOutcome, ActionRecord, Controller, HookRun, RelationRecord, UnitRecord } from '../controller/controller.js';
import { relationSides } from '../controller/endpoints.js';
import { JujuSimError } from '../../core/errors.js';
import { runCommands, runHook, type HookProcessResult } from '../runner/runner.js';
import { ContextFactory, type RelationTarget } from './context-factory.js';
import { hookName, type HookInfo, type HookKind } from './hook.js';
import { afterHook, nextHook, type LocalState, type RemoteRelation, type RemoteState } from './resolver.js';
import { UnitState, type HookError } from './state.js';

/** Where hook contexts are published for the hook tools (the tool server). */
export interface ContextRegistry {
  register(contextId: string, ctx: HookContext, onCall?: (call: ToolCall) => void): void;
  unregister(contextId: string): void;
}

export interface UniterEnvironment {
  controller: Controller;
  contexts: ContextRegistry;
  logger: Logger;
  toolSocket: string;
  toolsDir: string;
  agentPath: string;
  passThrough: Record<string, string>;
  charmDir: string;
  stateDb: string;
  /** Puts the application's current charm into this unit's charm directory (Juju's deployer). */
  deployCharm: () => void;
  /** Called once a dying unit has run its last hook and left the model. */
  onTerminated: (unit: string) => void;
}

export interface HookOutcome {
  unit: string;
  hook: string;
  outcome: 'ok' | 'failed' | 'missing';
  code: number | null;
  message?: string;
  stdout?: string;
  stderr?: string;
}

export interface ExecRequest extends RelationTarget {
  command: string;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Operation =
  | { type: 'terminate' }
  | { type: 'hook'; hook: HookInfo; fired: boolean; done?: (outcome: HookOutcome) => void }
  | { type: 'action'; action: ActionRecord }
  | { type: 'exec'; request: ExecRequest; done: (result: ExecResult) => void; fail: (err: Error) => void };

/**
 * Hooks that run before a queued action: Juju's resolvers put relation-created and leadership
 * hooks first, and its actions resolver waits while a hook is queued (install at first, start
 * after the first config-changed or a reboot).
 */
const hooksBeforeActions = new Set<HookKind>(['install', 'relation-created', 'leader-elected', 'leader-settings-changed', 'start']);

export class Uniter {
  readonly unitName: string;
  private readonly state: UnitState;
  private readonly factory: ContextFactory;
  private readonly requests: Operation[] = [];
  private readonly log: Logger;

  constructor(
    unit: UnitRecord,
    private readonly env: UniterEnvironment,
  ) {
    this.unitName = unit.name;
    this.state = new UnitState(env.stateDb);
    this.factory = new ContextFactory({ ...env, unitName: unit.name, relations: () => this.state.relations() });
    this.log = env.logger.child({ unit: unit.name });
    // A daemon killed mid-hook left the agent "executing": that hook never committed and will
    // run again, so the agent is idle until it does.
    if (unit.agentStatus.current === 'executing') env.controller.setUnitAgentStatus(unit.name, 'idle');
    // An action it was running then is failed, as Juju fails an interrupted one: it may not be
    // safe to run it again.
    for (const action of env.controller.actions(unit.name, 'running')) {
      env.controller.finishAction(action.id, { status: 'failed', message: 'action terminated', results: null });
    }
    // Units installed before the agent tracked its charm revision run the one they were given.
    const op = this.state.operation();
    if (op.installed && op.charmRev === null) this.state.setOperation({ charmRev: env.controller.application(unit.application).charmRev });
  }

  close(): void {
    this.state.close();
  }

  private get controller(): Controller {
    return this.env.controller;
  }

  private unit(): UnitRecord {
    return this.controller.unit(this.unitName);
  }

  error(): HookError | null {
    return this.state.operation().error;
  }

  // --- remote state ------------------------------------------------------------------------

  private remoteRelation(relation: RelationRecord, application: string): RemoteRelation {
    const { local, remote } = relationSides(relation, application);
    const isPeer = local.role === 'peer';
    const remoteApp = remote.application;
    const members: Record<string, number> = {};
    for (const unit of this.controller.scope(relation.id)) {
      if (unit !== this.unitName && unit.split('/')[0] === remoteApp) {
        members[unit] = this.controller.unitDatabag(relation.id, unit).version;
      }
    }
    return {
      id: relation.id,
      endpoint: local.endpoint,
      remoteApp,
      isPeer,
      life: relation.life === 'alive' ? 'alive' : 'dying',
      members,
      appMembers: { [remoteApp]: this.controller.applicationDatabag(relation.id, remoteApp).version },
    };
  }

  private remoteState(): RemoteState {
    const unit = this.unit();
    const app = this.controller.application(unit.application);
    const config = JSON.stringify(Object.entries(app.config).sort(([a], [b]) => a.localeCompare(b)));
    return {
      life: unit.life === 'alive' ? 'alive' : 'dying',
      leader: app.leader === unit.name,
      leaderSettingsVersion: this.controller.leaderSettings(app.name).version,
      configHash: createHash('sha256').update(config).digest('hex'),
      charmRev: app.charmRev,
      relations: new Map(this.controller.relationsOf(app.name).map((r) => [r.id, this.remoteRelation(r, app.name)])),
    };
  }

  private localState(): LocalState {
    return { unit: this.unitName, operation: this.state.operation(), relations: this.state.relations() };
  }

  // --- choosing the next operation -----------------------------------------------------------

  private nextAction(): Operation | undefined {
    const [action] = this.controller.actions(this.unitName, 'pending');
    return action && { type: 'action', action };
  }

  private nextOperation(): Operation | undefined {
    if (this.requests.length > 0) return this.requests[0];
    const op = this.state.operation();
    if (op.error) {
      return this.nextAction() ?? (op.error.retry ? { type: 'hook', hook: op.error.hook, fired: op.error.fired } : undefined);
    }
    const remote = this.remoteState();
    if (op.leader && !remote.leader) this.state.setOperation({ leader: false });
    const hook = nextHook(this.localState(), remote);
    const queued = hook?.kind === 'config-changed' && op.configChangedQueued;
    if (hook && (hooksBeforeActions.has(hook.kind) || queued)) return { type: 'hook', hook, fired: false };
    const action = this.nextAction();
    if (action) return action;
    if (hook) return { type: 'hook', hook, fired: false };
    return remote.life === 'dying' ? { type: 'terminate' } : undefined;
  }

  /** Whether the unit has something to run now. */
  hasWork(): boolean {
    return this.nextOperation() !== undefined;
  }

  /** Runs the next operation, if any; resolves once it has finished and committed. */
  async runNext(): Promise<boolean> {
    const op = this.nextOperation();
    if (!op) return false;
    if (this.requests[0] === op) this.requests.shift();
    if (op.type === 'terminate') {
      this.controller.removeUnit(this.unitName);
      this.env.onTerminated(this.unitName);
    } else if (op.type === 'hook') {
      const outcome = await this.runHook(op.hook, op.fired);
      op.done?.(outcome);
    } else if (op.type === 'action') {
      await this.runAction(op.action);
    } else {
      await this.runExec(op.request).then(op.done, op.fail);
    }
    return true;
  }

  /**
   * An operation failed in the agent itself rather than in the charm's code: Juju's agent then
   * reports itself `failed` with the reason in the unit's log, and is started again a little later.
   */
  reportAgentError(err: Error): void {
    const message = 'resolver loop error';
    this.controller.setUnitAgentStatus(this.unitName, 'failed', message);
    this.controller.appendLog(unitEntity(this.unitName), 'ERROR', 'juju.worker.uniter', `${message}: ${err.message}`);
  }

  // --- user requests -----------------------------------------------------------------------

  fire(hook: HookInfo): Promise<HookOutcome> {
    if (this.error()) {
      throw new JujuSimError(`unit "${this.unitName}" is in error (${this.error()!.message}); resolve it first`);
    }
    return new Promise((done) => this.requests.push({ type: 'hook', hook, fired: true, done }));
  }

  exec(request: ExecRequest): Promise<ExecResult> {
    return new Promise((done, fail) => this.requests.push({ type: 'exec', request, done, fail }));
  }

  /**
   * `resolve`: retry the failed hook, or (noRetry) mark it as run without its changes. An upgrade
   * that could not be deployed is deployed again either way, as Juju does: its hook has not run.
   */
  resolve(noRetry: boolean): void {
    const error = this.error();
    if (!error) throw new JujuSimError(`unit "${this.unitName}" is not in an error state`);
    if (noRetry && !error.conflicted) {
      this.state.transaction(() => {
        if (!error.fired) this.advance(error.hook);
        this.state.setOperation({ error: null });
      });
      this.controller.setUnitAgentStatus(this.unitName, 'idle');
      this.controller.recordHookRun(this.hookRun(hookName(error.hook), error.hook, { outcome: 'skipped', code: null }, new Date()));
    } else {
      this.state.setOperation({ error: { ...error, retry: true } });
    }
  }

  // --- running -------------------------------------------------------------------------------

  /**
   * Commits the context's buffered changes, with the run's history record when given. A leader
   * that wrote its peer application databag has seen its own write: it must not get
   * relation-changed for it.
   */
  private commit(ctx: UnitHookContext, run?: HookRun): void {
    const changes = ctx.changes();
    this.controller.commitHookChanges(changes, run);
    const tracked = this.state.relations();
    for (const change of changes.relations) {
      const local = tracked.get(change.relationId);
      if (!change.applicationSettings || !local || !ctx.relation(change.relationId).isPeer()) continue;
      const app = ctx.application.name;
      const version = this.controller.applicationDatabag(change.relationId, app).version;
      this.state.putRelation({ ...local, appMembers: { ...local.appMembers, [app]: version } });
    }
  }

  private advance(hook: HookInfo): void {
    const next = afterHook(this.localState(), hook);
    this.state.setOperation(next.operation);
    for (const id of this.state.relations().keys()) if (!next.relations.has(id)) this.state.deleteRelation(id);
    for (const relation of next.relations.values()) this.state.putRelation(relation);
  }

  /**
   * Juju's deploy operation, before the hook it is for: the hook's charm revision goes into the
   * charm directory and is recorded, so a retried upgrade-charm runs the charm already deployed.
   * False when an upgrade could not be deployed: the unit is then in error, as Juju's conflicted
   * upgrade, until `resolve` deploys it again.
   */
  private deploy(hook: HookInfo, fired: boolean): boolean {
    const op = this.state.operation();
    if (hook.charmRev === undefined || hook.charmRev === op.charmRev) return true;
    try {
      this.env.deployCharm();
    } catch (err) {
      // Juju waits for the user only after a failed upgrade; a charm it cannot install at all
      // is a failure of the agent, retried as one.
      if (!op.installed) throw new Error(`cannot install charm: ${(err as Error).message}`, { cause: err });
      const error = { hook, fired, message: 'upgrade failed', retry: false, conflicted: true };
      this.setError(error, 'juju.worker.uniter.charm', `cannot upgrade charm: ${(err as Error).message}`);
      return false;
    }
    this.state.setOperation({ charmRev: hook.charmRev });
    return true;
  }

  /** Juju's preparation before a hook: scope entry, install status. */
  private prepare(hook: HookInfo): void {
    const unit = this.unit();
    if (hook.kind === 'relation-created') this.controller.enterScope(hook.relationId!, unit.name);
    if (hook.kind === 'install' && unit.workloadStatus.current === 'waiting') {
      this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: 'installing charm software' });
    }
    if (hook.kind === 'stop') this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: 'stopping charm software' });
    if (hook.kind === 'remove') {
      this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: 'cleaning up prior to charm deletion' });
    }
  }

  /** Puts the unit in error: its queue waits for `resolve`, and its log says why. */
  private setError(error: HookError, module: string, why: string): void {
    this.state.setOperation({ error });
    this.controller.setUnitAgentStatus(this.unitName, 'error', error.message);
    this.controller.appendLog(unitEntity(this.unitName), 'ERROR', module, why);
    this.log.info({ hook: hookName(error.hook), why }, error.message);
  }

  /** After a committed hook: Juju's own status updates and scope changes. */
  private finish(hook: HookInfo): void {
    const unit = this.unit();
    if (hook.kind === 'start' && unit.workloadStatus.message === 'installing charm software') {
      this.controller.setUnitWorkloadStatus(unit.name, { current: 'unknown', message: '' });
    }
    if (hook.kind === 'relation-broken') this.controller.leaveScope(hook.relationId!, unit.name);
    if (hook.kind === 'stop') this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: '' });
    if (hook.kind === 'remove') this.controller.setUnitWorkloadStatus(unit.name, { current: 'terminated', message: '' });
  }

  private unitLog(module: string): (stream: 'stdout' | 'stderr', line: string) => void {
    const entity = unitEntity(this.unitName);
    return (stream, line) => this.controller.appendLog(entity, stream === 'stdout' ? 'DEBUG' : 'WARNING', module, line);
  }

  /** A run's history record: a hook (with its relation, if any) or an action. */
  private hookRun(
    name: string,
    hook: Partial<HookInfo>,
    result: { outcome: string; code: number | null },
    started: Date,
    toolCalls: ToolCall[] = [],
  ): HookRun {
    return {
      unit: this.unitName,
      hook: name,
      relationId: hook.relationId ?? null,
      remoteUnit: hook.remoteUnit ?? null,
      remoteApp: hook.remoteApp ?? null,
      departingUnit: hook.departingUnit ?? null,
      outcome: result.outcome,
      code: result.code,
      started: started.toISOString(),
      ms: Date.now() - started.getTime(),
      toolCalls,
    };
  }

  private async runHook(hook: HookInfo, fired: boolean): Promise<HookOutcome> {
    const name = hookName(hook);
    if (!this.deploy(hook, fired)) return { unit: this.unitName, hook: name, outcome: 'failed', code: null, message: this.error()!.message };
    this.prepare(hook);
    const { context: ctx, environment: env } = this.factory.hookContext(hook);
    this.controller.setUnitAgentStatus(this.unitName, 'executing', `running ${name} hook`);
    const toolCalls: ToolCall[] = [];
    this.env.contexts.register(ctx.id, ctx, (call) => toolCalls.push(call));
    const started = new Date();
    let result;
    try {
      result = await runHook(this.env.charmDir, 'hooks', name, env, this.unitLog(`unit.${this.unitName}.${name}`));
    } finally {
      this.env.contexts.unregister(ctx.id);
    }
    let committed = false;
    if (result.outcome === 'ok') {
      try {
        this.commit(ctx, this.hookRun(name, hook, result, started, toolCalls));
        committed = true;
      } catch (err) {
        result = { ...result, outcome: 'failed' as const, message: (err as Error).message };
      }
    }
    if (!committed) this.controller.recordHookRun(this.hookRun(name, hook, result, started, toolCalls));
    const operationLog = 'juju.worker.uniter.operation';
    const via = result.handler === 'dispatch' ? 'hook dispatching script: dispatch' : 'explicit, bespoke hook script';
    if (result.outcome === 'failed') {
      const error = { hook, fired, message: `hook failed: "${name}"`, retry: false };
      this.setError(error, operationLog, `hook "${name}" (via ${via}) failed: ${result.message}`);
    } else {
      this.state.transaction(() => {
        if (!fired) this.advance(hook);
        // After a reboot Juju runs `start` again.
        this.state.setOperation({ error: null, ...(ctx.rebootRequested ? { started: false } : {}) });
      });
      this.finish(hook);
      this.controller.setUnitAgentStatus(this.unitName, 'idle');
      const how = result.outcome === 'missing' ? `skipped "${name}" hook (missing)` : `ran "${name}" hook (via ${via})`;
      this.controller.appendLog(unitEntity(this.unitName), 'INFO', operationLog, how);
      this.log.debug({ hook: name, outcome: result.outcome, ms: Date.now() - started.getTime() }, 'hook done');
    }
    const { outcome, code, message, stdout, stderr } = result;
    return { unit: this.unitName, hook: name, outcome, code, message, stdout: stdout?.toString('utf8'), stderr: stderr?.toString('utf8') };
  }

  /**
   * Runs an action as Juju does: in its own context, its results sent back whatever happens.
   * Its buffered changes commit when it exits 0 (even after action-fail) and are discarded
   * otherwise; a failing action never puts the unit in error.
   */
  private async runAction(action: ActionRecord): Promise<void> {
    const state = new ActionState(action.id, action.name, action.params);
    const { context: ctx, environment: env } = this.factory.actionContext(state);
    this.controller.startAction(action.id);
    this.controller.setUnitAgentStatus(this.unitName, 'executing', `running action ${action.name}`);
    const toolCalls: ToolCall[] = [];
    this.env.contexts.register(ctx.id, ctx, (call) => toolCalls.push(call));
    const started = new Date();
    let result: HookProcessResult;
    try {
      result = await runHook(this.env.charmDir, 'actions', action.name, env, this.unitLog(`unit.${this.unitName}.${action.name}`));
    } finally {
      this.env.contexts.unregister(ctx.id);
    }
    const run = (status: string): HookRun => this.hookRun(`action ${action.name}`, {}, { outcome: status, code: result.code }, started, toolCalls);
    const { outcome, committed } = this.actionOutcome(ctx, state, result, run);
    if (!committed) this.controller.recordHookRun(run(outcome.status));
    this.controller.finishAction(action.id, outcome);
    // A unit in error is back in error once the action is done.
    const error = this.error();
    this.controller.setUnitAgentStatus(this.unitName, error ? 'error' : 'idle', error?.message);
  }

  /**
   * Juju's finalizeAction: the action's status, message and results from how its process ended,
   * committing its buffered changes, with its history record, if it exited 0. A commit that
   * fails fails the action.
   */
  private actionOutcome(
    ctx: UnitHookContext,
    state: ActionState,
    result: HookProcessResult,
    run: (status: string) => HookRun,
  ): { outcome: ActionOutcome; committed: boolean } {
    const failed = (message: string) => ({ outcome: { status: 'failed' as const, message, results: state.results() }, committed: false });
    if (result.outcome === 'missing') return failed(`action not implemented on unit "${this.unitName}"`);
    // Whenever the process ran, however it ended, its return code and output join the results.
    if (result.stdout && result.stderr) state.setProcessOutput(result.code ?? -1, result.stdout, result.stderr);
    if (result.outcome === 'failed') return failed(result.message ?? '');
    const status = state.failed ? ('failed' as const) : ('completed' as const);
    try {
      this.commit(ctx, run(status));
    } catch (err) {
      const { stderr, 'return-code': code } = state.results() ?? {};
      const message = (err as Error).message;
      state.setResult(['stderr'], typeof stderr === 'string' ? `${stderr}\n${message}` : message);
      if (code === undefined || code === 0) state.setResult(['return-code'], 1);
      return failed(state.message || 'committing requested changes failed');
    }
    return { outcome: { status, message: state.message, results: state.results() }, committed: true };
  }

  private async runExec(request: ExecRequest): Promise<ExecResult> {
    const { context: ctx, environment: env } = this.factory.commandContext(request);
    this.env.contexts.register(ctx.id, ctx);
    let result;
    try {
      result = await runCommands(this.env.charmDir, request.command, env);
    } finally {
      this.env.contexts.unregister(ctx.id);
    }
    const code = result.code ?? 1;
    const stdout = result.stdout?.toString('utf8') ?? '';
    let stderr = result.stderr?.toString('utf8') ?? '';
    if (code === 0) {
      try {
        this.commit(ctx);
      } catch (err) {
        stderr += `ERROR committing requested changes failed: ${(err as Error).message}\n`;
        return { code: 1, stdout, stderr };
      }
    }
    return { code, stdout, stderr };
  }
}
