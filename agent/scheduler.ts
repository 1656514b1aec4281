// Runs the units' operations, several at once, as Juju's units run on machines of their own:
// never two of one unit (Juju's machine lock), at most `maxParallel` in the whole model, units
// taken in turn (round robin) so that none starves another. At 1 the model runs one operation at
// a time, every run in the same order. A unit agent whose operation throws has failed, not its
// charm: as Juju restarts a failing agent later and later, it waits longer before each new
// attempt, and the other units, the control requests and the signals go on meanwhile.
//
// The scheduler can be held (a paused model, a bundle being created): then no operation starts
// on its own (those running finish), so that the units see a burst of changes together, as
// Juju's units do while their machines provision. Whoever waits for idle (settle) or asks for one
// turn (step) still gets it.
import type { Logger } from 'pino';
import type { Operation } from './uniter/operation.js';
import type { Uniter } from './uniter/uniter.js';

/** What the scheduler needs of a unit agent. */
export type ScheduledAgent = Pick<Uniter, 'unitName' | 'hasWork' | 'runNext' | 'reportAgentError'>;

/** The wait before a failing agent's next attempt: `firstMs`, doubling with each failure up to `maxMs`. */
interface Backoff {
  firstMs: number;
  maxMs: number;
}

export interface SchedulerOptions {
  /** How many operations may run at once, each of another unit; a positive integer. */
  maxParallel: number;
  backoff?: Backoff;
}

interface Failure {
  attempts: number;
  retryAt: number;
  message: string;
}

/** A step asked for and not started yet: of `agent`, or of the next unit in turn. */
interface StepRequest {
  agent?: ScheduledAgent;
  resolve: (turn: Turn | undefined) => void;
}

/** An agent whose state cannot be read has work: running it is what reports why. */
const hasWork = (agent: ScheduledAgent): boolean => {
  try {
    return agent.hasWork();
  } catch {
    return true;
  }
};

/** One turn of a unit agent: the operation that took it, or why the agent failed. */
export interface Turn {
  unit: string;
  operation?: Operation;
  error?: Error;
}

export class Scheduler {
  private stopped = false;
  private last = -1;
  private holds = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly failures = new Map<ScheduledAgent, Failure>();
  private retryTimer?: NodeJS.Timeout;
  /** The agents whose operation is running. */
  private readonly running = new Set<ScheduledAgent>();
  /** Steps waiting for a free slot, or for their unit's running operation to end; served first. */
  private steps: StepRequest[] = [];
  private pumpQueued = false;
  /** Turns that ran an operation since the daemon started (activity). */
  private ran = 0;
  private readonly maxParallel: number;
  private readonly backoff: Backoff;

  constructor(
    private readonly agents: () => ScheduledAgent[],
    private readonly log: Logger,
    options: SchedulerOptions,
  ) {
    this.maxParallel = options.maxParallel;
    this.backoff = options.backoff ?? { firstMs: 1000, maxMs: 120_000 };
  }

  /** Something may have changed: look for work. */
  wake(): void {
    // Looked for after the current event, not inside it: the change may be a commit whose
    // hook has not finished yet, and a burst of changes is one look.
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /**
   * Holds the scheduler until the returned function is called: operations already running
   * finish, and none starts on its own until every hold is released.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.wake();
    };
  }

  /**
   * Runs operations, held or not, until none is running and no unit has anything it can run now
   * (failing agents wait for their next attempt); rejects with the signal's reason if it is
   * aborted first.
   */
  whenIdle(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const abort = (): void => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== waiter);
        reject(signal?.reason);
      };
      const waiter = (): void => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.idleWaiters.push(waiter);
      this.wake();
    });
  }

  /**
   * Runs one turn, held or not, once a slot is free: of `agent` once its running operation (if
   * any) has ended, or of the next unit in turn with something to run, waiting for the running
   * operations while none has. Undefined when there was nothing to run.
   */
  step(agent?: ScheduledAgent): Promise<Turn | undefined> {
    return new Promise((resolve) => {
      this.steps.push({ agent, resolve });
      this.wake();
    });
  }

  /**
   * No operation starts after this: the model is closing. Resolves when none is running any
   * more (destroy-model --force kills them first).
   */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    return this.whenIdle();
  }

  /** What runs now and how much has run: the agents running an operation, and how many turns ran one. */
  activity(): { running: ScheduledAgent[]; ran: number } {
    return { running: [...this.running], ran: this.ran };
  }

  /** The units whose agent is failing, with why, until an attempt succeeds. */
  failing(): Map<string, string> {
    return new Map([...this.failures].map(([agent, failure]) => [agent.unitName, failure.message]));
  }

  /** Whether operations start on their own: not while held, unless someone waits for idle. */
  private mayRun(): boolean {
    return !this.stopped && (this.holds === 0 || this.idleWaiters.length > 0);
  }

  private free(): boolean {
    return this.running.size < this.maxParallel;
  }

  /** Starts what may start now: the steps asked for, then operations of units in turn. */
  private pump(): void {
    for (const request of [...this.steps]) {
      if (!this.stopped && !this.free()) break;
      const started = this.startStep(request);
      if (started) this.steps = this.steps.filter((r) => r !== request);
    }
    while (this.free() && this.mayRun()) {
      const agent = this.pick();
      if (!agent) break;
      void this.start(agent);
    }
    this.retryFailingLater();
    if (this.running.size > 0 || this.steps.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Starts a step, or answers it when there is nothing to run; false while it must wait. */
  private startStep({ agent, resolve }: StepRequest): boolean {
    if (this.stopped) {
      resolve(undefined);
      return true;
    }
    if (agent && this.running.has(agent)) return false;
    const next = agent ?? this.pick();
    if (!next || !hasWork(next)) {
      // The running operations may leave work behind: the step waits for them.
      if (!agent && this.running.size > 0) return false;
      resolve(undefined);
      return true;
    }
    void this.start(next).then((turn) => resolve(turn.operation || turn.error ? turn : undefined));
    return true;
  }

  /** Runs one turn of the agent in a slot of its own; the slot is looked at again once it ends. */
  private async start(agent: ScheduledAgent): Promise<Turn> {
    this.running.add(agent);
    try {
      return await this.turn(agent);
    } finally {
      this.running.delete(agent);
      // An operation can end without waiting for anything (a missing hook, a failure): the
      // next look comes after control requests, hook-tool calls and signals got in.
      this.wake();
    }
  }

  /** The next unit in turn, not running, not waiting out a failure, with something to run. */
  private pick(): ScheduledAgent | undefined {
    if (this.stopped) return undefined;
    const agents = this.agents();
    const now = Date.now();
    for (let i = 1; i <= agents.length; i++) {
      const index = (this.last + i) % agents.length;
      const agent = agents[index];
      if (this.running.has(agent)) continue;
      if ((this.failures.get(agent)?.retryAt ?? 0) > now) continue;
      if (!hasWork(agent)) {
        this.failures.delete(agent);
        continue;
      }
      this.last = index;
      return agent;
    }
    return undefined;
  }

  private async turn(agent: ScheduledAgent): Promise<Turn> {
    try {
      const operation = await agent.runNext();
      if (operation) this.ran++;
      this.failures.delete(agent);
      return { unit: agent.unitName, operation };
    } catch (err) {
      // An operation cut short because the model is closing (its process killed) failed no
      // agent: it runs again when the model opens next.
      if (!this.stopped) this.failed(agent, err as Error);
      return { unit: agent.unitName, error: err as Error };
    }
  }

  /** Logs the failure once, tells the unit, and keeps its agent out of turn for a while. */
  private failed(agent: ScheduledAgent, err: Error): void {
    const attempts = (this.failures.get(agent)?.attempts ?? 0) + 1;
    const delay = Math.min(this.backoff.firstMs * 2 ** (attempts - 1), this.backoff.maxMs);
    this.failures.set(agent, { attempts, retryAt: Date.now() + delay, message: err.message });
    this.log.error({ err, unit: agent.unitName, attempts, retryInMs: delay }, 'unit agent operation failed');
    try {
      agent.reportAgentError(err);
    } catch (reportErr) {
      // The failure may be the controller's own: the daemon log has the reason all the same.
      this.log.error({ err: reportErr, unit: agent.unitName }, 'cannot report the unit agent failure');
    }
  }

  /**
   * Looks for work again when the first failing agent may try again, if a slot is free for it
   * then (a slot that frees up looks for work anyway) and operations start on their own.
   */
  private retryFailingLater(): void {
    clearTimeout(this.retryTimer);
    if (this.failures.size === 0) return;
    const current = new Set(this.agents());
    for (const agent of this.failures.keys()) if (!current.has(agent)) this.failures.delete(agent);
    const now = Date.now();
    const waits = [...this.failures.values()].map((f) => f.retryAt).filter((at) => at > now);
    if (waits.length === 0 || !this.free() || !this.mayRun()) return;
    this.retryTimer = setTimeout(() => this.wake(), Math.min(...waits) - now);
  }
}
