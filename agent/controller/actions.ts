// Actions as Juju queues them: an operation per `run`, a task per unit, one id sequence for
// both. The unit agent starts and finishes them; action-log messages are stored at once, and
// whoever waits on a task hears of each update.
import { validateParams, withDefaults } from '../charm/actions.js';
import { JujuSimError, entityNotFound } from '../../core/errors.js';
import { charmURL, type Applications } from './applications.js';
import type { ActionOutcome, ActionRecord, ActionRequest, ActionStatus, EnqueuedAction, OperationRecord, UnitRecord } from './records.js';
import { nowToTheSecond, parseJson, type Store } from './store.js';
import type { Units } from './units.js';

/** The action `juju exec` queues on each unit (Juju's actions.JujuExecActionName). */
export const jujuExecAction = 'juju-exec';

/** Juju's operation summary: the action (or `multiple actions`) and its receivers as given, leaders by name, units by tag. */
function operationSummary(requests: ActionRequest[]): string {
  const names = new Set(requests.map((r) => r.name));
  const name = names.size === 1 ? requests[0].name : 'multiple actions';
  const receivers = requests.map((r) => (r.receiver.endsWith('leader') ? r.receiver : `unit-${r.receiver.replace('/', '-')}`));
  return `${name} run on ${receivers.join(',')}`;
}

/** Which task status an unfinished operation shows first, and which a finished one (Juju's statusOrder, statusCompletedOrder). */
const activeOrder: ActionStatus[] = ['running', 'pending', 'failed', 'completed'];
const completedOrder: ActionStatus[] = ['failed', 'completed'];

/**
 * Juju's operation status: `error` when no task could be queued; while a task has not finished,
 * the first of its tasks' statuses in Juju's order; once all have, failed if any failed, and
 * `error` rather than completed when some requests queued nothing.
 */
export function operationStatus(fail: string, statuses: ActionStatus[]): ActionStatus | 'error' {
  if (statuses.length === 0) return fail === '' ? 'pending' : 'error';
  const active = statuses.some((s) => s === 'pending' || s === 'running');
  const status = (active ? activeOrder : completedOrder).find((s) => statuses.includes(s))!;
  return !active && status === 'completed' && fail !== '' ? 'error' : status;
}

function toAction(row: Record<string, unknown>): ActionRecord {
  return {
    id: row.id as number,
    operation: row.operation as number,
    unit: row.unit as string,
    name: row.name as string,
    params: JSON.parse(row.params as string) as Record<string, unknown>,
    status: row.status as ActionStatus,
    message: row.message as string,
    results: parseJson<Record<string, unknown>>(row.results as string | null),
    log: JSON.parse(row.log as string) as ActionRecord['log'],
    enqueued: row.enqueued as string,
    started: row.started as string | null,
    completed: row.completed as string | null,
  };
}

export class Actions {
  private readonly listeners = new Set<(id: number) => void>();

  constructor(
    private readonly store: Store,
    private readonly applications: Applications,
    private readonly units: Units,
  ) {}

  /** Calls fn with the id of every action that starts, logs a message or finishes. */
  onUpdate(fn: (id: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private updated(id: number): void {
    for (const fn of this.listeners) fn(id);
  }

  private nextTaskId(): number {
    return this.store.next('task') + 1;
  }

  /**
   * Juju's EnqueueOperation: one operation id, then a task for each request the unit's charm
   * accepts (the action exists, the params fit its schema); the others fail with Juju's reason.
   */
  enqueueOperation(requests: ActionRequest[]): { operation: number; actions: EnqueuedAction[] } {
    const enqueued = this.store.db.transaction(() => {
      const operation = this.nextTaskId();
      const actions = requests.map((request): EnqueuedAction => {
        try {
          return { action: this.add(operation, request) };
        } catch (err) {
          if (err instanceof JujuSimError) return { error: err.message };
          throw err;
        }
      });
      const errors = actions.flatMap((a) => ('error' in a ? [a.error] : []));
      this.store.db
        .prepare('INSERT INTO operations (id, summary, fail, enqueued) VALUES (?, ?, ?, ?)')
        .run(operation, operationSummary(requests), errors.length > 0 ? `error(s) enqueueing action(s): ${errors.join(', ')}` : '', nowToTheSecond());
      return { operation, actions };
    })();
    if (enqueued.actions.some((a) => 'action' in a)) this.store.changed();
    return enqueued;
  }

  /** The unit a task is for: a unit's name, or `<application>/leader` for its leader. */
  receiverUnit(receiver: string): UnitRecord {
    if (receiver.endsWith('/leader')) {
      const application = receiver.slice(0, -'/leader'.length);
      const leader = this.applications.has(application) ? this.applications.get(application).leader : null;
      if (leader === null) throw new JujuSimError(`could not determine leader for "${application}"`);
      return this.units.get(leader);
    }
    return this.units.get(receiver);
  }

  /**
   * Juju's PrepareActionPayload and AddAction. `juju-exec` is Juju's predefined action, which
   * every unit has whatever its charm (its params are the command and how to run it).
   */
  private add(operation: number, request: ActionRequest): ActionRecord {
    const unit = this.receiverUnit(request.receiver);
    const params = request.name === jujuExecAction ? request.params : this.charmActionParams(unit, request);
    const id = this.nextTaskId();
    this.store.db
      .prepare('INSERT INTO actions (id, operation, unit, name, params, status, enqueued) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, operation, unit.name, request.name, JSON.stringify(params), 'pending', nowToTheSecond());
    return this.get(id);
  }

  /** The params of an action the unit's charm defines, checked against its schema and completed with its defaults. */
  private charmActionParams(unit: UnitRecord, request: ActionRequest): Record<string, unknown> {
    const app = this.applications.get(unit.application);
    const specs = app.meta.actions;
    if (Object.keys(specs).length === 0) throw new JujuSimError(`no actions defined on charm "${charmURL(app)}"`);
    if (!Object.hasOwn(specs, request.name)) throw new JujuSimError(`action "${request.name}" not defined on unit "${unit.name}"`);
    const spec = specs[request.name];
    const invalid = validateParams(spec, request.params);
    if (invalid !== undefined) throw new JujuSimError(invalid);
    return withDefaults(spec, request.params);
  }

  /** Juju's Operation: the operation with its tasks, its status and times from theirs. */
  operation(id: number): OperationRecord {
    const row = this.store.db.prepare('SELECT * FROM operations WHERE id = ?').get(id) as
      | { id: number; summary: string; fail: string; enqueued: string }
      | undefined;
    if (!row) throw entityNotFound('operation', String(id));
    const rows = this.store.db.prepare('SELECT * FROM actions WHERE operation = ? ORDER BY id').all(id) as Record<string, unknown>[];
    const tasks = rows.map(toAction);
    const done = tasks.every((task) => task.completed !== null);
    const times = (key: 'started' | 'completed'): string[] => tasks.flatMap((task) => (task[key] === null ? [] : [task[key]])).sort();
    return {
      ...row,
      status: operationStatus(row.fail, tasks.map((task) => task.status)),
      started: times('started')[0] ?? null,
      completed: done && tasks.length > 0 ? (times('completed').at(-1) ?? null) : null,
      tasks,
    };
  }

  /**
   * Juju's ListOperations: the operations with a task on one of these units (every unit when
   * neither units nor actions are given) running one of these actions, in one of these
   * statuses, by id; `limit` from `offset` on, and whether more matched.
   */
  operations(filter: { units?: string[]; actions?: string[]; status?: string[]; offset: number; limit: number }): {
    operations: OperationRecord[];
    truncated: boolean;
  } {
    const rows = this.store.db.prepare('SELECT DISTINCT operation, unit, name FROM actions ORDER BY operation').all() as Array<{
      operation: number;
      unit: string;
      name: string;
    }>;
    const ids = [
      ...new Set(
        rows
          .filter((r) => (filter.units === undefined || filter.units.includes(r.unit)) && (filter.actions === undefined || filter.actions.includes(r.name)))
          .map((r) => r.operation),
      ),
    ];
    const matching = ids.map((id) => this.operation(id)).filter((op) => filter.status === undefined || filter.status.includes(op.status));
    const page = matching.slice(filter.offset, filter.offset + filter.limit);
    return { operations: page, truncated: filter.offset + page.length < matching.length };
  }

  get(id: number): ActionRecord {
    const row = this.store.db.prepare('SELECT * FROM actions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    // Juju's state still calls a task an action.
    if (!row) throw entityNotFound('action', String(id));
    return toAction(row);
  }

  /** The unit's actions with that status, oldest first. */
  of(unit: string, status: ActionStatus): ActionRecord[] {
    const rows = this.store.db.prepare('SELECT * FROM actions WHERE unit = ? AND status = ? ORDER BY id').all(unit, status);
    return (rows as Record<string, unknown>[]).map(toAction);
  }

  start(id: number): void {
    this.store.db.prepare("UPDATE actions SET status = 'running', started = ? WHERE id = ?").run(nowToTheSecond(), id);
    this.updated(id);
  }

  /** action-log: stored at once, whatever becomes of the action. */
  log(id: number, message: string): void {
    const log = [...this.get(id).log, { time: nowToTheSecond(), message }];
    this.store.db.prepare('UPDATE actions SET log = ? WHERE id = ?').run(JSON.stringify(log), id);
    this.updated(id);
  }

  finish(id: number, outcome: ActionOutcome): void {
    this.store.db
      .prepare('UPDATE actions SET status = ?, message = ?, results = ?, completed = ? WHERE id = ?')
      .run(outcome.status, outcome.message, outcome.results && JSON.stringify(outcome.results), nowToTheSecond(), id);
    this.updated(id);
  }
}
