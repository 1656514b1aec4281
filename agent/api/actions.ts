// `run` and `exec`: queue an operation of tasks on units as Juju's EnqueueOperation does, and let
// the CLI wait for a task's result and follow its progress messages without polling the controller.
import type { Controller } from '../controller/controller.js';
import type { ActionRecord, ActionRequest } from '../controller/records.js';
import { unitEntity } from '../context/hook-context.js';
import type { Params, Result } from '../control/protocol.js';

export interface RunReply {
  operation: number;
  /** The tasks queued, in the order asked; `receiver` is the unit's tag (`unit-demo-0`). */
  tasks: Array<{ id: number; unit: string; receiver: string }>;
  /** Why the other requests queued nothing, in Juju's words. */
  errors: string[];
}

/** `run`: the action on each receiver. */
export const enqueueActions = (controller: Controller, request: Params<'run'>): RunReply =>
  enqueueOperation(controller, request.receivers.map((receiver) => ({ receiver, name: request.action, params: request.params })));

export function enqueueOperation(controller: Controller, requests: ActionRequest[]): RunReply {
  const { operation, actions } = controller.actions.enqueueOperation(requests);
  const reply: RunReply = { operation, tasks: [], errors: [] };
  for (const enqueued of actions) {
    if ('error' in enqueued) reply.errors.push(enqueued.error);
    else reply.tasks.push({ id: enqueued.action.id, unit: enqueued.action.unit, receiver: unitEntity(enqueued.action.unit) });
  }
  return reply;
}

/** A daemon being stopped waits for open requests: no single wait holds it for long. */
const longestWaitMs = 5_000;

const finished = (action: ActionRecord): boolean => action.status === 'completed' || action.status === 'failed';

/** The task once it has finished or logged a message the caller has not seen, or at the timeout. */
export function waitForAction(controller: Controller, request: Params<'action-wait'>, caller?: AbortSignal): Promise<ActionRecord> {
  const ready = (): ActionRecord | undefined => {
    const action = controller.actions.get(request.id);
    return finished(action) || action.log.length > request.logs ? action : undefined;
  };
  const now = ready() ?? (caller?.aborted ? controller.actions.get(request.id) : undefined);
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (action: ActionRecord): void => {
      clearTimeout(timer);
      stop();
      caller?.removeEventListener('abort', gone);
      resolve(action);
    };
    // A caller that is gone waits no longer: it gets the task as it is.
    const gone = (): void => done(controller.actions.get(request.id));
    caller?.addEventListener('abort', gone, { once: true });
    const timer = setTimeout(() => done(controller.actions.get(request.id)), Math.min(request.timeoutMs, longestWaitMs));
    const stop = controller.actions.onUpdate((id) => {
      const action = id === request.id ? ready() : undefined;
      if (action) done(action);
    });
  });
}

/** Juju's default page of `operations`. */
const defaultOperationsLimit = 50;

/**
 * Juju's ListOperations: units given and every unit of the applications given; with neither nor
 * action names, every unit of the model.
 */
export function listOperations(controller: Controller, request: Params<'operations'>): Result<'operations'> {
  const { applications = [], actions, status } = request;
  const named = [...(request.units ?? []), ...applications.flatMap((app) => controller.units.all(app).map((unit) => unit.name))];
  const byReceiver = request.units !== undefined || applications.length > 0;
  const units = byReceiver ? named : actions === undefined ? controller.units.all().map((unit) => unit.name) : undefined;
  return controller.actions.operations({ units, actions, status, offset: request.offset ?? 0, limit: request.limit || defaultOperationsLimit });
}
