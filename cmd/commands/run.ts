// `run <unit> [<unit> ...] <action> [key=value ...]`: Juju 3.6's `juju run`. It queues the action
// on each unit (`<application>/leader` for the leader), says so on stderr, waits for each task,
// follows a single task's action-log messages, prints the results, and exits 1 when a task's
// handler exited non-zero or the wait timed out. Nothing queued (unknown action, params that
// fail the schema) is not an error in 3.6: it says why on stderr and exits 0 with no output.
import { Command, Option } from 'commander';
import type { ActionRecord } from '../../agent/control/protocol.js';
import { JujuSimError, UsageError } from '../../core/errors.js';
import { formatJson, formatYaml } from '../../core/format.js';
import { absPath } from '../../core/go-file.js';
import { actionParams, parseRunArgs } from '../action-params.js';
import { failedTasksMessage, plainOutput, progressLine, taskInfo, type TaskInfo } from '../action-output.js';
import { duration } from '../options.js';
import type { CommandIO } from '../io.js';

type RunFormat = 'plain' | 'json' | 'yaml';

interface RunOptions {
  params?: string;
  stringArgs?: boolean;
  format: RunFormat;
  wait?: number;
}

const defaultWaitMs = 60_000;


const finished = (task: ActionRecord): boolean => task.status === 'completed' || task.status === 'failed';

const render: Record<RunFormat, (tasks: Record<string, TaskInfo>) => string> = {
  plain: plainOutput,
  json: (tasks) => `${formatJson(tasks).toString()}\n`,
  yaml: (tasks) => `${formatYaml(tasks).toString()}\n`,
};

/** Waits for one task until the deadline, telling each new log message; undefined if it has not finished. */
async function waitForTask(
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

/** juju/cmd's FileVar: `-` is stdin, any other path a file relative to the working directory. */
const paramsFile = (io: CommandIO, path: string): Promise<Buffer> => (path === '-' ? io.stdin() : io.readFile(absPath(io.cwd, path)));

async function run(io: CommandIO, args: string[], opts: RunOptions): Promise<void> {
  /** Juju's progress and info lines: to stderr, a newline added unless there is one. */
  const info = (text: string): void => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const parsed = parseRunArgs(args);
  const file = opts.params === undefined ? undefined : await paramsFile(io, opts.params);
  const params = actionParams(file, parsed.params, opts.stringArgs === true);
  const reply = await io.call('run', { receivers: parsed.receivers, action: parsed.action, params });

  const { operation, tasks, errors } = reply;
  if (tasks.length > 0) info(`Running operation ${operation} with ${tasks.length} task${tasks.length > 1 ? 's' : ''}`);
  for (const task of tasks) info(`  - task ${task.id} on ${task.receiver}`);
  info('');
  if (tasks.length === 0) {
    info(`Operation ${operation} failed to schedule any tasks:\n${errors.join('\n')}`);
    return;
  }
  if (errors.length > 0) {
    info(`Some actions could not be scheduled:\n${errors.join('\n')}\n`);
    info('');
  }

  const deadline = Date.now() + (opts.wait || defaultWaitMs);
  const shown: Record<string, TaskInfo> = {};
  const failed: Array<{ id: number; code: number }> = [];
  let logged = false;
  const onLog = (entry: ActionRecord['log'][number]): void => {
    // Juju follows the progress messages only when there is a single task.
    if (tasks.length > 1) return;
    logged = true;
    info(progressLine(entry));
  };
  for (const [i, task] of tasks.entries()) {
    info(`Waiting for task ${task.id}...\n`);
    const result = await waitForTask(io, task.id, deadline, onLog);
    // A blank line sets the progress messages apart.
    if (i === 0 && logged) info('\n');
    if (!result) {
      const units = tasks.slice(i).map((t) => `unit ${t.unit}`).sort();
      throw new JujuSimError(`timed out waiting for results from: ${units.join(', ')}`);
    }
    const { info: shownTask, code } = taskInfo(result);
    shown[task.unit] = shownTask;
    if (code >= 1) failed.push({ id: task.id, code });
  }
  io.stdout.write(render[opts.format](shown));
  if (failed.length > 0) throw new JujuSimError(failedTasksMessage(failed));
}

export default (io: CommandIO): Command =>
  new Command('run')
    .description("Run an action on units (like juju run): queue it, wait for it, print its results")
    .usage('[options] <unit> [<unit> ...] <action-name> [<key>=<value> [<key>[.<key> ...]=<value>]]')
    .argument('[args...]', 'units (or <application>/leader), the action, then its params as key=value')
    .option('--params <file>', 'a YAML file with the params, - for stdin (key=value arguments override it)')
    .option('--string-args', 'take key=value values as strings instead of YAML')
    .addOption(new Option('--format <format>', 'output format').choices(['plain', 'json', 'yaml']).default('plain'))
    .option('--wait <duration>', 'the longest wait for the results (default 60s)', duration)
    .action(async function (this: Command, args: string[], opts: RunOptions) {
      try {
        await run(io, args, opts);
      } catch (err) {
        // Juju's Init errors are usage errors: exit 2.
        if (err instanceof UsageError) this.error(err.message, { exitCode: 2 });
        throw err;
      }
    });
