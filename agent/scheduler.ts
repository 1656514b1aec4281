// Runs the units' operations one at a time, taking units in turn (round robin) so that no unit
// starves another. One hook at a time in the whole model is Juju's machine lock with every
// unit on one machine: it keeps runs reproducible, and hooks are what we are here to watch.
// A unit agent whose operation throws has failed, not its charm: as Juju restarts a failing
// agent later and later, it waits longer before each new attempt, and the other units, the
// control requests and the signals go on meanwhile.
//
// The scheduler can be held (a paused model, a bundle being created): then no operation starts
// on its own, so that the units see a burst of changes together, as Juju's units do while their
// machines provision. Whoever waits for idle (settle) or asks for one turn (step) still gets it.
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

interface Failure {
  attempts: number;
  retryAt: number;
  message: string;
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
  private looping = false;
  private stopped = false;
  private last = -1;
  private holds = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly failures = new Map<ScheduledAgent, Failure>();
  private retryTimer?: NodeJS.Timeout;
  /** The end of the last turn asked for: turns never overlap, whoever asks for them. */
  private turns: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly agents: () => ScheduledAgent[],
    private readonly log: Logger,
    private readonly backoff: Backoff = { firstMs: 1000, maxMs: 120_000 },
  ) {}

  /** Something may have changed: look for work. */
  wake(): void {
    if (!this.looping && this.mayRun()) void this.loop();
  }

  /**
   * Holds the scheduler until the returned function is called: an operation already running
   * finishes, and none starts on its own until every hold is released.
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
   * Runs operations, held or not, until no unit has anything it can run now (failing agents
   * wait for their next attempt); rejects with the signal's reason if it is aborted first.
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
   * Runs one turn, held or not: of `agent`, or of the next unit in turn with something to run.
   * Undefined when there was nothing to run.
   */
  step(agent?: ScheduledAgent): Promise<Turn | undefined> {
    return this.exclusive(async () => {
      if (this.stopped) return undefined;
      const next = agent ?? this.pick();
      if (!next || !hasWork(next)) return undefined;
      const turn = await this.turn(next);
      return turn.operation || turn.error ? turn : undefined;
    });
  }

  /** No operation starts after this: the model is closing. Resolves when the running one has ended. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    return this.turns.then(() => undefined);
  }

  /** The units whose agent is failing, with why, until an attempt succeeds. */
  failing(): Map<string, string> {
    return new Map([...this.failures].map(([agent, failure]) => [agent.unitName, failure.message]));
  }

  /** Whether operations start on their own: not while held, unless someone waits for idle. */
  private mayRun(): boolean {
    return !this.stopped && (this.holds === 0 || this.idleWaiters.length > 0);
  }

  /** Runs fn once every turn asked for before it has ended. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turns.then(fn);
    this.turns = run.catch(() => undefined);
    return run;
  }

  private pick(): ScheduledAgent | undefined {
    if (this.stopped) return undefined;
    const agents = this.agents();
    const now = Date.now();
    for (let i = 1; i <= agents.length; i++) {
      const index = (this.last + i) % agents.length;
      const agent = agents[index];
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
      this.failures.delete(agent);
      return { unit: agent.unitName, operation };
    } catch (err) {
      this.failed(agent, err as Error);
      return { unit: agent.unitName, error: err as Error };
    }
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      const next = (): Promise<boolean> =>
        this.exclusive(async () => {
          const agent = this.mayRun() ? this.pick() : undefined;
          if (agent) await this.turn(agent);
          return agent !== undefined;
        });
      while (await next()) {
        // An operation can end without waiting for anything (a missing hook, a failure): let
        // control requests, hook-tool calls and signals in before the next one.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.looping = false;
    }
    this.retryFailingLater();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
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

  /** Looks for work again when the first failing agent may try again. */
  private retryFailingLater(): void {
    clearTimeout(this.retryTimer);
    const current = new Set(this.agents());
    for (const agent of this.failures.keys()) if (!current.has(agent)) this.failures.delete(agent);
    if (this.failures.size === 0 || this.stopped) return;
    const retryAt = Math.min(...[...this.failures.values()].map((f) => f.retryAt));
    this.retryTimer = setTimeout(() => this.wake(), Math.max(0, retryAt - Date.now()));
  }
}
