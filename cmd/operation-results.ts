// What `juju run` and `juju exec` share once their operation is queued (Juju's
// cmd/juju/action/common.go: processOperationResults and waitForTasks): the tasks it has on
// stderr, the reasons the others could not be scheduled, the wait for each task until one
// deadline, following a single task's action-log messages, and the error for a wait that timed
// out. `exec` logs its progress lines instead of printing them (Juju's hideProgress).
import type { Command } from 'commander';
import type { ActionRecord, RunReply } from '../agent/control/protocol.js';
import { JujuSimError } from '../core/errors.js';
import { goQuote } from '../core/gnuflag.js';
import { failedTasksMessage, progressLine, taskInfo, type TaskInfo } from './action-output.js';
import type { CommandIO } from './io.js';
import { duration } from './options.js';

export interface WaitOptions {
  /** The longest wait for all the tasks, in milliseconds. */
  waitMs: number;
  /** Juju's hideProgress: the operation's and each wait's progress lines are left out. */
  hideProgress: boolean;
}

/** The tasks as shown, keyed by unit, and those that ended with a return code of 1 or more. */
export interface TaskResults {
  tasks: Record<string, TaskInfo>;
  failed: Array<{ id: number; code: number }>;
}

const finished = (task: ActionRecord): boolean => task.status === 'completed' || task.status === 'failed';

/** Waits for one task until the deadline, telling each new log message; undefined if it has not finished. */
export async function waitForTask(
  io: CommandIO,
  id: number,
  deadline: number,
  onLog: (entry: ActionRecord['log'][number]) => void,
): Promise<ActionRecord | undefined> {
  let seen = 0;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return undefined;
    // The caller is gone (Ctrl-C of the front end): nobody to tell.
    if (io.signal.aborted) throw io.signal.reason;
    const task = await io.call('action-wait', { id, logs: seen, timeoutMs: remaining });
    task.log.slice(seen).forEach(onLog);
    seen = task.log.length;
    if (finished(task)) return task;
  }
}

/**
 * Tells what the operation queued and waits for its tasks: their results, or undefined when
 * none could be scheduled (not an error in Juju 3.6: the reasons go to stderr, exit 0).
 */
export async function waitForOperation(io: CommandIO, reply: RunReply, options: WaitOptions): Promise<TaskResults | undefined> {
  /** Juju's info lines: to stderr, a newline added unless there is one. */
  const info = (text: string): void => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const progress = (text: string): void => {
    if (!options.hideProgress) info(text);
  };
  const { operation, tasks, errors } = reply;
  if (tasks.length > 0) progress(`Running operation ${operation} with ${tasks.length} task${tasks.length > 1 ? 's' : ''}`);
  for (const task of tasks) progress(`  - task ${task.id} on ${task.receiver}`);
  progress('');
  if (tasks.length === 0) {
    info(`Operation ${operation} failed to schedule any tasks:\n${errors.join('\n')}`);
    return undefined;
  }
  if (errors.length > 0) {
    info(`Some actions could not be scheduled:\n${errors.join('\n')}\n`);
    info('');
  }

  const deadline = Date.now() + options.waitMs;
  const results: TaskResults = { tasks: {}, failed: [] };
  let logged = false;
  const onLog = (entry: ActionRecord['log'][number]): void => {
    // Juju follows the progress messages only when there is a single task.
    if (tasks.length > 1) return;
    logged = true;
    info(progressLine(entry));
  };
  for (const [i, task] of tasks.entries()) {
    progress(`Waiting for task ${task.id}...\n`);
    const result = await waitForTask(io, task.id, deadline, onLog);
    // A blank line sets the progress messages apart.
    if (i === 0 && logged) progress('\n');
    if (!result) {
      const units = tasks.slice(i).map((t) => `unit ${t.unit}`).sort();
      throw new JujuSimError(`timed out waiting for results from: ${units.join(', ')}`);
    }
    const { info: shown, code } = taskInfo(result);
    results.tasks[task.unit] = shown;
    if (code >= 1) results.failed.push({ id: task.id, code });
  }
  return results;
}

/** Juju's end of a run or exec: the tasks in the chosen format, then the error naming those that failed. */
export function showTaskResults(io: CommandIO, output: string, { failed }: TaskResults): void {
  io.stdout.write(output);
  if (failed.length > 0) throw new JujuSimError(failedTasksMessage(failed));
}

/** show-task's and show-operation's options for waiting until it has finished. */
export const withWaitOptions = (command: Command, what: 'task' | 'operation'): Command =>
  command
    .option('--wait <duration>', `the longest wait for the ${what} to finish (default: none)`, duration)
    .option('--watch', `wait for the ${what} to finish, however long`)
    .option('--utc', 'show times in UTC (juju-sim always does)');

/**
 * Juju's Init of show-task and show-operation: the one id its arguments give, and how long to
 * wait for it to finish (milliseconds; undefined: not at all, --watch: decades).
 */
export function idToShow(command: Command, args: string[], opts: { wait?: number; watch?: boolean }, what: 'task' | 'operation'): { id: number; waitMs?: number } {
  if (opts.watch && opts.wait !== undefined) command.error('specify either --watch or --wait but not both', { exitCode: 2 });
  if (args.length === 0) command.error(`no ${what} ID specified`, { exitCode: 2 });
  if (args.length > 1) command.error(`unrecognized args: [${args.slice(1).map(goQuote).join(' ')}]`, { exitCode: 2 });
  const [id] = args;
  if (!/^[0-9]+$/.test(id)) command.error(`${what} ID ${goQuote(id)} not valid`, { exitCode: 2 });
  return { id: Number(id), waitMs: opts.watch ? 1e12 : opts.wait };
}
