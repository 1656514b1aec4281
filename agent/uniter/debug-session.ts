// A `debug-hook` session on one unit (Juju's debug-hooks, worker/uniter/runner/debug): the next
// hook or action of the unit that it matches runs not its handler but an interactive shell in
// the user's terminal, with the hook's exact environment and its context open for tool calls.
// The shell's exit status is the hook's: 0 commits, anything else fails the hook as a handler's
// failure does. A session takes one hook: Juju's tmux session takes every matching hook until it
// is killed; juju-sim's command line debugs one per call.
//
// Its life: armed (waiting for a matching operation) → held (the hook's context is open, the
// user's shell runs) → ended. The command that armed it may go away at any point: armed, the
// session is dropped and nothing happens; held, the hook fails as Juju's does when its debug
// client goes (the hook shell is killed: `signal: SIGKILL`).
import { JujuSimError } from '../../core/errors.js';
import type { ProcessOutcome } from '../runner/output.js';
import type { OperationOutcome } from './operation.js';

/** What the user's shell needs of a held hook. */
export interface HeldHook {
  unit: string;
  /** The hook's name, or the action's. */
  hook: string;
  kind: 'hook' | 'action';
  environment: Record<string, string>;
  charmDir: string;
  /** What would have run: `dispatch`, `hooks/<name>`, `actions/<name>`; absent when there is no handler. */
  handler?: string;
}

/** How the user's shell ended: its exit code, or the signal that killed it. */
export type SessionEnd = Pick<ProcessOutcome, 'code' | 'signal'>;

/** A promise and its settlers. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // Whoever waits handles it; nobody waiting is no unhandled rejection in the daemon.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class DebugSession {
  private readonly heldHook = deferred<HeldHook>();
  private readonly ending = deferred<SessionEnd>();
  private readonly outcome = deferred<OperationOutcome>();
  private state: 'armed' | 'held' | 'ended' = 'armed';
  /** The queued request (a hook fired for this session) that alone it matches. */
  request?: number;

  /**
   * token: the arming command's, which its later calls give. hooks: the names it matches (hooks
   * and actions), every one when empty. printEnv: the hook's environment is all it wants; the hook
   * is not run (Uniter.run).
   */
  constructor(
    readonly token: string,
    readonly hooks: ReadonlySet<string>,
    readonly printEnv: boolean,
    /** Called once it is over: its operation finished (ran), or it was abandoned before it held one. */
    private readonly onOver: (ran: boolean) => void,
  ) {}

  /** Whether the operation (its hook or action name, the request it answers) is this session's. */
  matches(name: string, request?: number): boolean {
    if (this.state !== 'armed') return false;
    if (this.request !== undefined) return request === this.request;
    return this.hooks.size === 0 || this.hooks.has(name);
  }

  /** The unit agent holds the hook for the user; the command is told (whenHeld). */
  hold(hook: HeldHook): void {
    this.state = 'held';
    this.heldHook.resolve(hook);
  }

  /** How the user's shell ends (end), or the session does: the signal (the model closing) rejects. */
  async whenEnded(signal?: AbortSignal): Promise<SessionEnd> {
    if (!signal) return this.ending.promise;
    const aborted = deferred<never>();
    const abort = (): void => aborted.reject(Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError' }));
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      return await Promise.race([this.ending.promise, aborted.promise]);
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }

  /** The operation the session held has finished: its outcome (undefined for an action), or why it could not run. */
  finished(outcome: OperationOutcome | Error): void {
    this.state = 'ended';
    this.onOver(true);
    if (outcome instanceof Error) this.outcome.reject(outcome);
    else this.outcome.resolve(outcome);
  }

  // --- the command's side ----------------------------------------------------------------

  /** The held hook, once the unit holds one. */
  whenHeld(): Promise<HeldHook> {
    return this.heldHook.promise;
  }

  /** The held operation's outcome, once it has committed or failed. */
  whenFinished(): Promise<OperationOutcome> {
    return this.outcome.promise;
  }

  /** The user's shell has ended. */
  end(end: SessionEnd): void {
    if (this.state !== 'held') throw new JujuSimError('the debug session holds no hook');
    this.ending.resolve(end);
  }

  /**
   * The command is gone (interrupted, its connection lost): an armed session is dropped, a held
   * hook fails as if its shell had been killed.
   */
  abandon(why: Error): void {
    if (this.state === 'armed') {
      this.state = 'ended';
      this.onOver(false);
      this.heldHook.reject(why);
      this.outcome.reject(why);
    } else if (this.state === 'held') {
      this.ending.resolve({ code: null, signal: 'SIGKILL' });
    }
  }
}
