// What a unit agent does next, as data (Juju's operation kinds, worker/uniter/operation): the
// resolver chooses one from the unit's state, the executor runs it. Also what the user asks
// of a unit (fire, and the commands of a juju-exec task) and what it gets back.
import type { HookInfo } from './hook.js';

/** The relation a context is about: a relation hook's, or the one `exec -r` names (Juju's CommandInfo). */
export interface RelationTarget {
  relationId?: number;
  remoteUnit?: string;
  remoteApp?: string;
}

/** The commands of a juju-exec task, and the relation context juju-sim's `exec -r` gives them. */
export interface ExecRequest extends RelationTarget {
  command: string;
  /** `--force-remote-unit`: the remote unit as given, neither inferred nor checked against the relation's members. */
  forceRemoteUnit?: boolean;
  /** Killed after this long (Juju's `timeout` param, which `juju exec` sets to its --wait). */
  timeoutMs?: number;
}

/**
 * The params of a juju-exec task: Juju's (apiserver createRunActionsParams: `command`,
 * `timeout` in nanoseconds, `workload-context`), then juju-sim's relation context, only when given.
 */
export function jujuExecParams(exec: ExecRequest): Record<string, unknown> {
  const params: Record<string, unknown> = { command: exec.command, timeout: (exec.timeoutMs ?? 0) * 1e6, 'workload-context': false };
  if (exec.relationId !== undefined) params['relation-id'] = exec.relationId;
  if (exec.remoteUnit !== undefined) params['remote-unit'] = exec.remoteUnit;
  if (exec.remoteApp !== undefined) params['remote-app'] = exec.remoteApp;
  if (exec.forceRemoteUnit) params['force-remote-unit'] = true;
  return params;
}

/** The commands a juju-exec task's params ask for; a `timeout` of 0 is none. */
export function execRequestOf(params: Record<string, unknown>): ExecRequest {
  const optional = <T>(key: string, type: string): T | undefined => (typeof params[key] === type ? (params[key] as T) : undefined);
  const timeout = optional<number>('timeout', 'number');
  return {
    command: String(params.command ?? ''),
    relationId: optional('relation-id', 'number'),
    remoteUnit: optional('remote-unit', 'string'),
    remoteApp: optional('remote-app', 'string'),
    forceRemoteUnit: optional('force-remote-unit', 'boolean'),
    timeoutMs: timeout ? timeout / 1e6 : undefined,
  };
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

/** What the requester of an operation is told: a fired hook's outcome. */
export type OperationOutcome = HookOutcome | undefined;

/** An action queued for the unit, as the resolver sees it (Juju's pending action ids). */
export interface PendingAction {
  id: number;
  name: string;
}

/** A user's request, queued in the unit agent until it runs: a hook to fire (`exec` is an action, juju-exec). */
export type UserRequest = { id: number; kind: 'fire'; hook: HookInfo };

export type Operation =
  /**
   * Puts a charm revision into the charm directory; the install or upgrade-charm `hook` runs
   * next, or, on a unit in a hook error (`refresh --force-units`), the failed hook on resolve.
   */
  | { kind: 'deploy'; charmRev: number; hook: HookInfo }
  /** fired: the user's hook, which advances no state; request: the queued request it answers. */
  | { kind: 'run-hook'; hook: HookInfo; fired: boolean; request?: number }
  | { kind: 'run-action'; action: PendingAction }
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
export const requestOf = (op: Operation): number | undefined => (op.kind === 'run-hook' ? op.request : undefined);
