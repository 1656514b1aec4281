// `activity`: what a model's units are doing now, for the progress line of long commands
// (settle, deploy): what runs, how many units have something to run after it, how many
// operations have run.
import type { Model } from '../model.js';
import { describeOperation } from './step.js';

export interface Activity {
  /** Operations run since the daemon started: a caller counts from its own start. */
  ran: number;
  /** Units with something to run that are not running it yet. */
  waiting: number;
  /** The operations running now, as `step` names them, by unit. */
  running: Array<{ unit: string; operation: string }>;
}

/** An agent whose state cannot be read counts as having none: the progress line is no place to fail. */
function hasWork(uniter: ReturnType<Model['unitAgents']>[number]): boolean {
  try {
    return uniter.hasWork();
  } catch {
    return false;
  }
}

export function modelActivity(model: Model): Activity {
  const { running, ran } = model.scheduler.activity();
  const busy = new Set(running.map((agent) => agent.unitName));
  const shown = running.flatMap((agent) => {
    const op = model.uniter(agent.unitName).running;
    const described = op && describeOperation(op);
    return described?.operation ? [{ unit: agent.unitName, operation: described.operation }] : [];
  });
  const waiting = model.unitAgents().filter((uniter) => !busy.has(uniter.unitName) && hasWork(uniter)).length;
  return { ran, waiting, running: shown.sort((a, b) => a.unit.localeCompare(b.unit)) };
}
