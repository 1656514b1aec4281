// The unit agent of one unit (Juju's uniter): at each step its resolver compares what the unit
// has seen (its own state) with what the controller says (a remote-state snapshot) and what the
// user asked, and chooses the next operation; its executor runs it. User requests (`fire`)
// queue here, actions (juju-exec tasks too) in the controller; both run between hooks, one at a time.
import type { Logger } from 'pino';
import { unitEntity } from '../context/hook-context.js';
import { jujuExecAction } from '../controller/actions.js';
import type { UnitRecord } from '../controller/records.js';
import type { UniterAPI } from '../controller/uniter-api.js';
import type { ForkServers } from '../runner/fork-servers.js';
import { JujuSimError } from '../../core/errors.js';
import { ContextFactory } from './context-factory.js';
import { DebugSession } from './debug-session.js';
import { Executor, type ContextRegistry } from './executor.js';
import { hookName, type HookInfo } from './hook.js';
import {
  needsMachineLock,
  requestOf,
  type ExecRequest,
  type HookOutcome,
  type Operation,
  type OperationOutcome,
  type RelationTarget,
  type UserRequest,
} from './operation.js';
import { remoteState } from './remote-state.js';
import { nextOperation } from './resolver.js';
import { noLeaderSettingsSeen, UnitState, type HookError } from './state.js';
import { UpdateStatusTimer } from './update-status-timer.js';

export interface UniterEnvironment {
  controller: UniterAPI;
  contexts: ContextRegistry;
  logger: Logger;
  toolSocket: string;
  toolsDir: string;
  agentPath: string;
  passThrough: Record<string, string>;
  charmDir: string;
  /** Fork servers for the unit's Python hooks; without them every hook is a fresh process. */
  forks?: ForkServers;
  stateDb: string;
  /** Puts the application's current charm into this unit's charm directory (Juju's deployer). */
  deployCharm: () => void;
  /** Called once a dying unit has run its last hook and left the model. */
  onTerminated: (unit: string) => void;
  /** Whether the unit's update-status timer may tick now (Model.updateStatusTimersMayFire). */
  updateStatusTimerMayFire: () => boolean;
  /** The agent has work the controller did not announce (a tick of its timer): look for it. */
  wake: () => void;
  /** Kills the processes the agent runs: its model is going away (destroy-model --force). */
  signal?: AbortSignal;
}

/** A queued request and whoever waits for its outcome. */
interface Queued {
  request: UserRequest;
  resolve: (outcome: OperationOutcome) => void;
  reject: (err: Error) => void;
}

export class Uniter {
  readonly unitName: string;
  private readonly state: UnitState;
  private readonly executor: Executor;
  private readonly factory: ContextFactory;
  private readonly queue: Queued[] = [];
  private lastRequest = 0;
  private readonly updateStatusTimer: UpdateStatusTimer;
  /** The update-status ticks the unit's hooks have caught up with (the resolver's LocalState). */
  private updateStatusVersion = 0;
  /** The operation running now, if any. */
  private runningOperation?: Operation;
  /** The `debug-hook` session waiting for the unit's next matching hook or action. */
  private debugSession?: DebugSession;

  constructor(
    unit: UnitRecord,
    private readonly env: UniterEnvironment,
  ) {
    this.unitName = unit.name;
    const { controller } = env;
    this.state = new UnitState(env.stateDb);
    const factory = new ContextFactory({ ...env, unitName: unit.name, relations: () => this.state.relations() });
    this.factory = factory;
    const logger = env.logger.child({ unit: unit.name });
    this.executor = new Executor({ ...env, unitName: unit.name, factory, state: this.state, logger });
    this.reportInterruptedHook();
    // An action it was running then left the agent "executing"; it fails below, and the agent is idle.
    if (controller.unit(unit.name).agentStatus.current === 'executing') controller.setUnitAgentStatus(unit.name, 'idle');
    // An action it was running then is failed, as Juju fails an interrupted one: it may not be
    // safe to run it again.
    for (const action of controller.actions(unit.name, 'running')) {
      controller.finishAction(action.id, { status: 'failed', message: 'action terminated', results: null });
    }
    // Units installed before the agent tracked its charm revision run the one they were given.
    const op = this.state.operation();
    if (op.installed && op.charmRev === null) this.state.setOperation({ charmRev: controller.application(unit.application).charmRev });
    // Juju keeps the leader-settings version a unit has caught up with in its resolver's memory
    // (resolver.LocalState), not in its state file: a restarted agent has caught up with none,
    // and a non-leader runs leader-settings-changed again (uniter_test.go "leader-settings-changed
    // triggers when bounced").
    if (op.leaderSettingsVersion !== noLeaderSettingsSeen) this.state.setOperation({ leaderSettingsVersion: noLeaderSettingsSeen });
    this.updateStatusTimer = new UpdateStatusTimer({
      interval: () => controller.updateStatusHookInterval(),
      mayFire: env.updateStatusTimerMayFire,
      onTick: env.wake,
    });
  }

  /**
   * A hook the daemon's end interrupted never committed. Juju's agent, restarted, finds its
   * RunHook operation still pending and reports it as a failed hook (uniter.go reportHookError:
   * agent status error, `hook failed: "<hook>"`) until it runs again, which its hook retry timer
   * soon does. juju-sim retries it as soon as the unit may run: at once, or when a paused model
   * runs again.
   */
  private reportInterruptedHook(): void {
    const { running } = this.state.operation();
    if (running === null) return;
    const message = `hook failed: "${hookName(running.hook)}"`;
    this.state.setOperation({ running: null, error: { ...running, message, retry: true } });
    this.env.controller.setUnitAgentStatus(this.unitName, 'error', message);
  }

  close(): void {
    this.updateStatusTimer.stop();
    this.state.close();
  }

  error(): HookError | null {
    return this.state.operation().error;
  }

  private nextOperation(): Operation | undefined {
    const local = {
      unit: this.unitName,
      operation: this.state.operation(),
      relations: this.state.relations(),
      updateStatusVersion: this.updateStatusVersion,
    };
    const remote = remoteState(this.env.controller, this.unitName, this.updateStatusTimer.version);
    return nextOperation(local, remote, this.queue.map((q) => q.request));
  }

  /** The operation running now, if any (settle's progress line). */
  get running(): Operation | undefined {
    return this.runningOperation;
  }

  /** Whether the unit has something to run now. */
  hasWork(): boolean {
    return this.nextOperation() !== undefined;
  }

  /**
   * Runs the unit's next operation, with the operations needing no machine lock that come
   * before it; resolves once it has finished and committed, with the last operation it ran
   * (undefined when there was nothing to run).
   */
  async runNext(): Promise<Operation | undefined> {
    let ran: Operation | undefined;
    try {
      for (let op = this.nextOperation(); op; op = this.nextOperation()) {
        this.runningOperation = op;
        if (!(await this.run(op))) break;
        ran = op;
        if (needsMachineLock(op)) break;
      }
    } finally {
      this.runningOperation = undefined;
    }
    return ran;
  }

  /**
   * Runs one operation; a queued request's requester gets its outcome, or why it could not run.
   * A hook or action the debug session matches runs in it; one it wants only the environment of
   * is not run at all, and stays next (false: the turn ends there).
   */
  private async run(op: Operation): Promise<boolean> {
    const id = requestOf(op);
    const session = this.debugged(op);
    if (session?.printEnv && (op.kind === 'run-hook' || op.kind === 'run-action')) {
      session.hold(this.executor.preview(op));
      session.finished(undefined);
      // A hook fired for the session only is dropped with it.
      if (id !== undefined && session.request === id) this.dropRequest(id);
      return false;
    }
    // A request's requester is told its outcome, or why it failed; any other failure is the turn's.
    const queued = id === undefined ? undefined : this.queue.splice(this.queue.findIndex((q) => q.request.id === id), 1)[0];
    const ticks = this.updateStatusTimer.version;
    let outcome: OperationOutcome;
    try {
      outcome = await this.executor.run(op, session);
    } catch (err) {
      session?.finished(err as Error);
      if (!queued) throw err;
      queued.reject(err as Error);
      return true;
    }
    session?.finished(outcome);
    if (queued) queued.resolve(outcome);
    else if (op.kind === 'run-hook' && !op.fired && this.error() === null) this.caughtUpWithUpdateStatus(ticks);
    return true;
  }

  /** The debug session that takes the operation, if any. */
  private debugged(op: Operation): DebugSession | undefined {
    const session = this.debugSession;
    if (op.kind === 'run-hook') return session?.matches(hookName(op.hook), op.request) ? session : undefined;
    // A juju-exec task runs commands, no handler of the charm: Juju's debug-hooks never holds one.
    if (op.kind === 'run-action') return op.action.name !== jujuExecAction && session?.matches(op.action.name) ? session : undefined;
    return undefined;
  }

  /**
   * An operation failed in the agent itself rather than in the charm's code: Juju's agent then
   * reports itself `failed` with the reason in the unit's log, and is started again a little later.
   */
  reportAgentError(err: Error): void {
    const message = 'resolver loop error';
    this.env.controller.setUnitAgentStatus(this.unitName, 'failed', message);
    this.env.controller.appendLog(unitEntity(this.unitName), 'ERROR', 'juju.worker.uniter', `${message}: ${err.message}`);
  }

  /**
   * A hook of the resolver's committed: it caught up with the update-status ticks counted when it
   * was chosen, so a tick that came before it runs no update-status of its own (Juju's op
   * factory records the version when any hook commits, resolver/opfactory.go).
   */
  private caughtUpWithUpdateStatus(ticks: number): void {
    this.updateStatusVersion = ticks;
  }

  /** The model's update-status-hook-interval changed: the timer waits a whole new interval. */
  restartUpdateStatusTimer(): void {
    this.updateStatusTimer.restart();
  }

  // --- user requests -----------------------------------------------------------------------

  /** `update-status`: a tick of the unit's timer now; update-status runs when nothing else needs to. */
  updateStatus(): void {
    this.updateStatusTimer.tick();
  }

  fire(hook: HookInfo): Promise<HookOutcome> {
    const error = this.error();
    if (error) throw new JujuSimError(`unit "${this.unitName}" is in error (${error.message}); resolve it first`);
    return this.enqueue((id) => ({ id, kind: 'fire', hook }));
  }

  /**
   * The relation context commands would run in now, or why there is none: juju-exec asks the
   * unit agent before it runs anything, so `exec -r` is refused before a task is queued.
   */
  execTarget(exec: ExecRequest): RelationTarget {
    return this.factory.relationTarget(exec);
  }

  /**
   * `debug-hook`: a session for the unit's next hook or action that one of `hooks` names (any,
   * when none does); with `fire`, for that hook fired now, refused on a unit in error as `fire`
   * is. One session at a time, as Juju's one tmux session per unit.
   */
  debug(token: string, hooks: string[], printEnv: boolean, fire?: HookInfo): DebugSession {
    if (this.debugSession) throw new JujuSimError(`unit "${this.unitName}" already has a debug session`);
    const session = new DebugSession(token, new Set(hooks), printEnv, (ran) => {
      if (this.debugSession === session) this.debugSession = undefined;
      // A hook fired for a session that went before it ran is not run.
      if (!ran && session.request !== undefined) this.dropRequest(session.request);
    });
    if (fire) {
      // Its outcome is the session's.
      this.fire(fire).catch(() => undefined);
      session.request = this.lastRequest;
    }
    this.debugSession = session;
    return session;
  }

  /** The debug session of this token, armed or holding its hook, if any. */
  debugSessionOf(token: string): DebugSession | undefined {
    return this.debugSession?.token === token ? this.debugSession : undefined;
  }

  /** Takes a queued request out of the queue unrun; its requester gets no outcome. */
  private dropRequest(id: number): void {
    const at = this.queue.findIndex((q) => q.request.id === id);
    if (at >= 0) this.queue.splice(at, 1)[0].resolve(undefined);
  }

  /** Queues a request; its operation's outcome is the one its kind gives (a hook's for fire). */
  private enqueue<Outcome extends OperationOutcome>(request: (id: number) => UserRequest): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: request(++this.lastRequest), resolve: resolve as (outcome: OperationOutcome) => void, reject });
    });
  }

  /**
   * `resolve`: retry the failed hook, or (noRetry) mark it as run without its changes. An upgrade
   * that could not be deployed is deployed again either way, as Juju does: its hook has not run.
   */
  resolve(noRetry: boolean): void {
    const error = this.error();
    if (!error) throw new JujuSimError(`unit "${this.unitName}" is not in an error state`);
    if (noRetry && !error.conflicted) {
      this.executor.skip(error);
      if (!error.fired) this.caughtUpWithUpdateStatus(this.updateStatusTimer.version);
      return;
    }
    this.state.setOperation({ error: { ...error, retry: true } });
  }
}
