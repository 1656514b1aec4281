// What a unit agent does next, as data (Juju's operation kinds, worker/uniter/operation): the
// resolver chooses one from the unit's state, the executor runs it. Also what the user asks
// of a unit (fire, exec) and what it gets back.
import type { RelationTarget } from './context-factory.js';
import type { HookInfo } from './hook.js';

export interface ExecRequest extends RelationTarget {
  command: string;
  /** `--force-remote-unit`: the remote unit as given, neither inferred nor checked against the relation's members. */
  forceRemoteUnit?: boolean;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
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

/** An action queued for the unit, as the resolver sees it (Juju's pending action ids). */
export interface PendingAction {
  id: number;
  name: string;
}

/** A user's request, queued in the unit agent until it runs: a hook to fire, or commands (`exec`). */
export type UserRequest = { id: number; kind: 'fire'; hook: HookInfo } | { id: number; kind: 'exec'; exec: ExecRequest };

export type Operation =
  /**
   * Puts a charm revision into the charm directory; the install or upgrade-charm `hook` runs
   * next, or, on a unit in a hook error (`refresh --force-units`), the failed hook on resolve.
   */
  | { kind: 'deploy'; charmRev: number; hook: HookInfo }
  /** fired: the user's hook, which advances no state; request: the queued request it answers. */
  | { kind: 'run-hook'; hook: HookInfo; fired: boolean; request?: number }
  | { kind: 'run-action'; action: PendingAction }
  | { kind: 'run-commands'; exec: ExecRequest; request: number }
  /** Leadership was lost: only the unit's own record changes (Juju runs no leader-deposed). */
  | { kind: 'resign-leadership' }
  /** A dying unit has run its last hook: it leaves the model. */
  | { kind: 'terminate' };

/**
 * Juju's deploy and leadership operations need no machine lock. A unit's turn in the scheduler
 * is juju-sim's machine lock (each unit its own machine), so they take no turn of their own: the
 * operation after them runs in the same turn. Terminate is the agent's last operation and ends
 * its turn.
 */
export const needsMachineLock = (op: Operation): boolean => op.kind !== 'deploy' && op.kind !== 'resign-leadership';

/** The queued request an operation answers, if any. */
export const requestOf = (op: Operation): number | undefined =>
  op.kind === 'run-hook' || op.kind === 'run-commands' ? op.request : undefined;
