// Runs the operation the resolver chose (Juju's operation executor, worker/uniter/operation:
// prepare, execute, commit). Hooks, actions and commands take one path: the context factory
// builds the hook context, the tool server serves it while the process runs, and when the
// process exits 0 the context's buffered changes commit in one controller transaction with the
// run's history record; otherwise they are discarded and the record alone is kept. The kinds
// differ only in small pieces: their preparation, their process, their history record, and
// what their end means for the unit.
import type { Logger } from 'pino';
import type { HookContext } from '../../core/hook-context.js';
import type { ToolCall } from '../toolserver/server.js';
import { ActionState } from '../context/action.js';
import { unitEntity, type UnitHookContext } from '../context/hook-context.js';
import { jujuExecAction } from '../controller/actions.js';
import type { ActionOutcome, HookRun } from '../controller/records.js';
import type { UniterAPI } from '../controller/uniter-api.js';
import type { ForkServers } from '../runner/fork-servers.js';
import { ended, findHandler, runCommands, runHook, type HookProcessResult } from '../runner/runner.js';
import type { ContextFactory, PreparedContext } from './context-factory.js';
import type { DebugSession, HeldHook } from './debug-session.js';
import { hookName, type HookInfo } from './hook.js';
import { execRequestOf, type HookOutcome, type Operation, type OperationOutcome, type PendingAction } from './operation.js';
import { afterHook } from './resolver.js';
import { noLeaderSettingsSeen, type HookError, type OperationState, type UnitState } from './state.js';

/** Where hook contexts are published for the hook tools (the tool server). */
export interface ContextRegistry {
  register(contextId: string, ctx: HookContext, onCall?: (call: ToolCall) => void): void;
  unregister(contextId: string): void;
}

export interface ExecutorConfig {
  unitName: string;
  controller: UniterAPI;
  contexts: ContextRegistry;
  factory: ContextFactory;
  state: UnitState;
  charmDir: string;
  /** Fork servers for Python hooks and actions (agent/runner/fork-servers.ts), when enabled. */
  forks?: ForkServers;
  /** Puts the application's current charm into this unit's charm directory (Juju's deployer). */
  deployCharm: () => void;
  /** Called once a dying unit has run its last hook and left the model. */
  onTerminated: (unit: string) => void;
  logger: Logger;
  /** Kills the processes it runs: the model is going away (destroy-model --force). */
  signal?: AbortSignal;
}

/** How a run appears in the history: a hook (with its relation, if any) or an action. */
interface RunRecord {
  name: string;
  hook: Partial<HookInfo>;
}

/** A process that has run in a hook context, and whether its changes failed to commit. */
interface ContextRun {
  context: UnitHookContext;
  result: HookProcessResult;
  started: Date;
  commitError?: Error;
}

/** Where a hook and an action differ (Juju's runHook and runAction operations). */
interface ContextOperation<Outcome> {
  /** What comes before the process, ending with its hook context. */
  prepare(): PreparedContext;
  /** The process: the charm's handler, or the commands. */
  execute(environment: Record<string, string>): Promise<HookProcessResult>;
  /** The run's history record, with its status from how the process ended; juju-exec tasks have none. */
  record?: RunRecord & { status(result: HookProcessResult): string };
  /** The unit's state and status after the run, and what the requester is told. */
  finish(run: ContextRun): Outcome;
}

const operationLog = 'juju.worker.uniter.operation';

export class Executor {
  private readonly unitName: string;
  private readonly controller: UniterAPI;
  private readonly state: UnitState;

  constructor(private readonly config: ExecutorConfig) {
    this.unitName = config.unitName;
    this.controller = config.controller;
    this.state = config.state;
  }

  /** Runs the operation; a hook or an action that `session` holds runs the user's shell instead of its handler. */
  async run(op: Operation, session?: DebugSession): Promise<OperationOutcome> {
    switch (op.kind) {
      case 'deploy':
        this.deploy(op.charmRev, op.hook);
        return undefined;
      case 'run-hook':
        return this.runInContext(this.hook(op.hook, op.fired, session));
      case 'run-action':
        return this.runInContext(this.action(op.action, session));
      case 'resign-leadership':
        this.state.setOperation({ leader: false });
        return undefined;
      case 'terminate':
        this.controller.removeUnit(this.unitName);
        this.config.onTerminated(this.unitName);
        return undefined;
    }
  }

  /**
   * A hook or an action as it would run, from a context prepared and dropped: nothing runs,
   * nothing is registered for the hook tools (`debug-hook --print-env`).
   */
  preview(op: Extract<Operation, { kind: 'run-hook' | 'run-action' }>): HeldHook {
    const { factory } = this.config;
    if (op.kind === 'run-hook') return this.heldHook('hooks', hookName(op.hook), factory.hookContext(op.hook).environment);
    const action = this.controller.action(op.action.id);
    return this.heldHook('actions', action.name, factory.actionContext(new ActionState(action.id, action.name, action.params)).environment);
  }

  /** What a debug session is told of the hook or action it holds. */
  private heldHook(location: 'hooks' | 'actions', name: string, environment: Record<string, string>): HeldHook {
    const { charmDir } = this.config;
    const found = findHandler(charmDir, location, name);
    const handler = 'outcome' in found ? undefined : found.handler;
    return { unit: this.unitName, hook: name, kind: location === 'hooks' ? 'hook' : 'action', environment, charmDir, handler };
  }

  /**
   * `resolve --no-retry`: the failed hook is committed without running again (Juju's executor
   * Skip, which runs only the operation's commit step); its changes were discarded when it failed.
   */
  skip(error: HookError): void {
    this.commitHook(error.hook, error.fired);
    this.controller.setUnitAgentStatus(this.unitName, 'idle');
    this.controller.recordHookRun(this.hookRun({ name: hookName(error.hook), hook: error.hook }, 'skipped', null, new Date(), []));
  }

  /** Prepares the context, runs the process in it, then commits or discards its changes and records the run. */
  private async runInContext<Outcome>(op: ContextOperation<Outcome>): Promise<Outcome> {
    const { context, environment } = op.prepare();
    const toolCalls: ToolCall[] = [];
    this.config.contexts.register(context.id, context, (call) => toolCalls.push(call));
    const started = new Date();
    let result: HookProcessResult;
    try {
      result = await op.execute(environment);
    } finally {
      this.config.contexts.unregister(context.id);
    }
    const record = (status?: string): HookRun | undefined =>
      op.record && this.hookRun(op.record, status ?? op.record.status(result), result.code, started, toolCalls);
    let committed = false;
    let commitError: Error | undefined;
    if (result.outcome === 'ok') {
      try {
        this.commit(context, record());
        committed = true;
      } catch (err) {
        commitError = err as Error;
      }
    }
    // Without a commit the record goes in alone, with what the hook buffered as discarded;
    // changes that could not commit fail the run.
    const run = committed ? undefined : record(commitError ? 'failed' : undefined);
    if (run) this.controller.recordHookRun(run, context.changes());
    return op.finish({ context, result, started, commitError });
  }

  /**
   * Commits the context's buffered changes, with the run's history record when given. A leader
   * that writes its peer application databag gets relation-changed for it like every peer: in
   * Juju a peer relation's counterpart application is the application itself.
   */
  private commit(ctx: UnitHookContext, run?: HookRun): void {
    this.controller.commitHookChanges(ctx.changes(), run);
  }

  /**
   * Juju's deploy operation: the charm revision goes into the charm directory and is recorded,
   * so the hook it is for runs next and a retried hook does not deploy it again. An upgrade that
   * cannot be deployed puts the unit in error, as Juju's conflicted upgrade, until `resolve`
   * deploys it again; a charm that cannot be installed at all is a failure of the agent,
   * retried as one.
   *
   * An upgrade forced onto a unit in a hook error (`refresh --force-units`) leaves the error as
   * it was, its hook now against the new charm, and the unit on the new revision without
   * upgrade-charm: Juju's deploy commit restores the interrupted hook instead of queueing
   * upgrade-charm (operation/deploy.go). If it cannot be deployed, the agent fails and tries again.
   */
  private deploy(charmRev: number, hook: HookInfo): void {
    const { installed, error } = this.state.operation();
    const forced = error !== null && !error.conflicted;
    try {
      this.config.deployCharm();
    } catch (err) {
      const why = (err as Error).message;
      if (!installed) throw new Error(`cannot install charm: ${why}`, { cause: err });
      if (forced) throw new Error(`cannot upgrade charm: ${why}`, { cause: err });
      const conflict = { hook, fired: false, message: 'upgrade failed', retry: false, conflicted: true };
      return this.setError(conflict, 'juju.worker.uniter.charm', `cannot upgrade charm: ${why}`);
    }
    // A forced upgrade never runs upgrade-charm, whose commit forgets the leader-settings version
    // (resolver.ts afterHook): Juju's resolver loop restarts after this deploy all the same.
    this.state.setOperation(
      forced ? { deployedCharmRev: charmRev, charmRev, error: { ...error, hook }, leaderSettingsVersion: noLeaderSettingsSeen } : { deployedCharmRev: charmRev },
    );
  }

  /** The charm's handler, or, for a debugged hook or action, the user's shell (no fork server). */
  private handle(location: 'hooks' | 'actions', name: string, environment: Record<string, string>, session?: DebugSession): Promise<HookProcessResult> {
    const { charmDir, signal, forks } = this.config;
    if (!session) return runHook(charmDir, location, name, environment, this.unitLog(name), { signal, forks });
    return this.debug(session, location, name, environment);
  }

  /**
   * The debug session holds the hook while the user's shell runs in its environment and context;
   * the shell's end is the handler's. The model closing ends it, as it kills a running handler.
   */
  private async debug(session: DebugSession, location: 'hooks' | 'actions', name: string, environment: Record<string, string>): Promise<HookProcessResult> {
    const held = this.heldHook(location, name, environment);
    session.hold(held);
    const end = await session.whenEnded(this.config.signal);
    return ended({ ...end, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }, held.handler);
  }

  private hook(hook: HookInfo, fired: boolean, session?: DebugSession): ContextOperation<HookOutcome> {
    const name = hookName(hook);
    // To spare the controller, Juju's agent does not report running update-status; only its failure shows.
    const announced = hook.kind !== 'update-status';
    return {
      prepare: () => {
        this.beforeHook(hook);
        const prepared = this.config.factory.hookContext(hook);
        this.state.setOperation({ running: { hook, fired } });
        if (announced) this.controller.setUnitAgentStatus(this.unitName, 'executing', `running ${name} hook`);
        return prepared;
      },
      execute: (environment) => this.handle('hooks', name, environment, session),
      record: { name, hook, status: (result) => result.outcome },
      finish: ({ context, result, started, commitError }) => {
        this.state.setOperation({ running: null });
        const ended = commitError ? { ...result, outcome: 'failed' as const, message: commitError.message } : result;
        const via = ended.handler === 'dispatch' ? 'hook dispatching script: dispatch' : 'explicit, bespoke hook script';
        if (ended.outcome === 'failed') {
          const error = { hook, fired, message: `hook failed: "${name}"`, retry: false };
          this.setError(error, operationLog, `hook "${name}" (via ${via}) failed: ${ended.message}`);
        } else {
          // After a reboot Juju runs `start` again.
          this.commitHook(hook, fired, context.rebootRequested ? { started: false } : {});
          this.afterHook(hook);
          // An update-status retried after its failure ends the error all the same.
          if (announced || this.controller.unit(this.unitName).agentStatus.current !== 'idle') {
            this.controller.setUnitAgentStatus(this.unitName, 'idle');
          }
          const how = ended.outcome === 'missing' ? `skipped "${name}" hook (missing)` : `ran "${name}" hook (via ${via})`;
          this.controller.appendLog(unitEntity(this.unitName), 'INFO', operationLog, how);
          this.config.logger.debug({ hook: name, outcome: ended.outcome, ms: Date.now() - started.getTime() }, 'hook done');
        }
        const { outcome, code, message, stdout, stderr } = ended;
        return { unit: this.unitName, hook: name, outcome, code, message, stdout: stdout?.toString('utf8'), stderr: stderr?.toString('utf8') };
      },
    };
  }

  /**
   * An action runs in its own context, its results sent back whatever happens. Its buffered
   * changes commit when it exits 0 (even after action-fail) and are discarded otherwise; a
   * failing action never puts the unit in error. A juju-exec task runs its commands instead of
   * a handler of the charm (Juju's runJujuExecAction): their changes commit whatever their exit
   * code, unless they were killed at the task's timeout, and leave no history.
   */
  private action(pending: PendingAction, session?: DebugSession): ContextOperation<undefined> {
    const action = this.controller.action(pending.id);
    const state = new ActionState(action.id, action.name, action.params);
    const exec = action.name === jujuExecAction ? execRequestOf(action.params) : undefined;
    const { charmDir, signal } = this.config;
    return {
      prepare: () => {
        const prepared = this.config.factory.actionContext(state, exec);
        this.controller.startAction(action.id);
        this.controller.setUnitAgentStatus(this.unitName, 'executing', `running action ${action.name}`);
        return prepared;
      },
      execute: async (environment) => {
        if (!exec) return this.handle('actions', action.name, environment, session);
        const result = await runCommands(charmDir, exec.command, environment, { signal, timeoutMs: exec.timeoutMs || undefined });
        // Any exit code is the commands' answer, not a failure of the task; killed (at the timeout), they have none.
        return result.code === null ? result : { ...result, outcome: 'ok' };
      },
      record: exec ? undefined : {
        name: `action ${action.name}`,
        hook: {},
        status: (result) => (result.outcome === 'ok' && !state.failed ? 'completed' : 'failed'),
      },
      finish: ({ result, commitError }) => {
        this.controller.finishAction(action.id, actionOutcome(this.unitName, state, result, commitError, exec !== undefined));
        // A unit in error is back in error once the action is done.
        const error = this.state.operation().error;
        this.controller.setUnitAgentStatus(this.unitName, error ? 'error' : 'idle', error?.message);
        return undefined;
      },
    };
  }

  /** Before a hook, as Juju prepares it: scope entry for relation-created, the workload status some hooks announce. */
  private beforeHook(hook: HookInfo): void {
    const unit = this.controller.unit(this.unitName);
    if (hook.kind === 'relation-created') this.controller.enterScope(hook.relationId!, unit.name);
    if (hook.kind === 'install' && unit.workloadStatus.current === 'waiting') {
      this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: 'installing charm software' });
    }
    if (hook.kind === 'stop') this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: 'stopping charm software' });
    if (hook.kind === 'remove') {
      this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: 'cleaning up prior to charm deletion' });
    }
  }

  /**
   * After a committed hook: Juju's own status updates and scope changes. They are part of the
   * hook's operation, so its run, recorded at its commit, ends only now (show --at).
   */
  private afterHook(hook: HookInfo): void {
    const unit = this.controller.unit(this.unitName);
    const started = hook.kind === 'start' && unit.workloadStatus.message === 'installing charm software';
    if (started) this.controller.setUnitWorkloadStatus(unit.name, { current: 'unknown', message: '' });
    if (hook.kind === 'relation-broken') this.controller.leaveScope(hook.relationId!, unit.name);
    if (hook.kind === 'stop') this.controller.setUnitWorkloadStatus(unit.name, { current: 'maintenance', message: '' });
    if (hook.kind === 'remove') this.controller.setUnitWorkloadStatus(unit.name, { current: 'terminated', message: '' });
    if (started || ['relation-broken', 'stop', 'remove'].includes(hook.kind)) this.controller.hookRunEnded(unit.name);
  }

  /**
   * The unit's own state after a hook has run or been skipped (Juju's runHook Commit): its
   * operation and relation state advance, unless the user fired it, and the error is cleared.
   */
  private commitHook(hook: HookInfo, fired: boolean, patch: Partial<OperationState> = {}): void {
    this.state.transaction(() => {
      if (!fired) {
        const local = { unit: this.unitName, operation: this.state.operation(), relations: this.state.relations() };
        const next = afterHook(local, hook);
        this.state.setOperation(next.operation);
        for (const id of local.relations.keys()) if (!next.relations.has(id)) this.state.deleteRelation(id);
        for (const relation of next.relations.values()) this.state.putRelation(relation);
      }
      this.state.setOperation({ error: null, ...patch });
    });
  }

  /** Puts the unit in error: its queue waits for `resolve`, and its log says why. */
  private setError(error: HookError, module: string, why: string): void {
    this.state.setOperation({ error });
    this.controller.setUnitAgentStatus(this.unitName, 'error', error.message);
    this.controller.appendLog(unitEntity(this.unitName), 'ERROR', module, why);
    this.config.logger.info({ hook: hookName(error.hook), why }, error.message);
  }

  /** The unit log's sink for a process's output, under Juju's module name for the hook or action. */
  private unitLog(name: string): (stream: 'stdout' | 'stderr', line: string) => void {
    const entity = unitEntity(this.unitName);
    const module = `unit.${this.unitName}.${name}`;
    return (stream, line) => this.controller.appendLog(entity, stream === 'stdout' ? 'DEBUG' : 'WARNING', module, line);
  }

  private hookRun(record: RunRecord, outcome: string, code: number | null, started: Date, toolCalls: ToolCall[]): HookRun {
    const { hook } = record;
    return {
      unit: this.unitName,
      hook: record.name,
      relationId: hook.relationId ?? null,
      remoteUnit: hook.remoteUnit ?? null,
      remoteApp: hook.remoteApp ?? null,
      departingUnit: hook.departingUnit ?? null,
      outcome,
      code,
      started: started.toISOString(),
      ms: Date.now() - started.getTime(),
      toolCalls,
    };
  }
}

/**
 * Juju's finalizeAction: the action's status, message and results from how its process ended
 * and whether its changes committed. Whenever the process ran, however it ended, its return
 * code and output join the results; a commit that failed fails the action.
 */
function actionOutcome(unit: string, state: ActionState, result: HookProcessResult, commitError: Error | undefined, commands: boolean): ActionOutcome {
  const failed = (message: string): ActionOutcome => ({ status: 'failed', message, results: state.results() });
  if (result.outcome === 'missing') return failed(`action not implemented on unit "${unit}"`);
  if (result.stdout && result.stderr) state.setProcessOutput(result.code ?? -1, result.stdout, result.stderr, commands ? 'raw' : 'lines');
  if (result.outcome === 'failed') return failed(result.message ?? '');
  if (commitError) {
    const { stderr, 'return-code': code } = state.results() ?? {};
    state.setResult(['stderr'], typeof stderr === 'string' ? `${stderr}\n${commitError.message}` : commitError.message);
    if (code === undefined || code === 0) state.setResult(['return-code'], 1);
    return failed(state.message || 'committing requested changes failed');
  }
  return { status: state.failed ? 'failed' : 'completed', message: state.message, results: state.results() };
}
