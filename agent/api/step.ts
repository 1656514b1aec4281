// `step`: one operation of one unit, paused or not, named as the history names it.
import { jujuExecAction } from '../controller/actions.js';
import type { Model } from '../model.js';
import { hookName } from '../uniter/hook.js';
import type { Operation } from '../uniter/operation.js';

export interface StepResult {
  /** The unit whose operation ran, or the one asked for; null when no unit had anything to run. */
  unit: string | null;
  /** The hook (`db-relation-joined`), `action <name>`, `exec`, `terminate`...; null when nothing ran. */
  operation: string | null;
  /** The remote unit, or application, of a relation hook. */
  remote?: string;
  /** Why the unit cannot go on by itself: its hook failed, or its agent is failing. */
  error?: string;
}

/** An operation as the history names it: the hook (and its remote unit or application), `action <name>`, `exec`… */
export function describeOperation(op: Operation): Pick<StepResult, 'operation' | 'remote'> {
  switch (op.kind) {
    case 'run-hook': {
      const remote = op.hook.remoteUnit ?? op.hook.remoteApp;
      return { operation: hookName(op.hook), ...(remote ? { remote } : {}) };
    }
    case 'run-action':
      return { operation: op.action.name === jujuExecAction ? 'exec' : `action ${op.action.name}` };
    default:
      return { operation: op.kind };
  }
}

/** Hooks put their unit in error when they fail; an action or commands never do. */
const canFailUnit = (op?: Operation): boolean => op?.kind === 'run-hook' || op?.kind === 'deploy';

export async function step(model: Model, unit?: string): Promise<StepResult> {
  const turn = await model.step(unit);
  if (!turn) {
    const problem = unit === undefined ? undefined : model.problem(unit);
    return { unit: unit ?? null, operation: null, ...(problem ? { error: problem.message } : {}) };
  }
  const error = turn.error?.message ?? (canFailUnit(turn.operation) ? model.problem(turn.unit)?.message : undefined);
  return {
    unit: turn.unit,
    ...(turn.operation ? describeOperation(turn.operation) : { operation: null }),
    ...(error ? { error } : {}),
  };
}
