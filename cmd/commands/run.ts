// `run <unit> [<unit> ...] <action> [key=value ...]`: Juju 3.6's `juju run`. It queues the action
// on each unit (`<application>/leader` for the leader), says so on stderr, waits for each task,
// follows a single task's action-log messages, prints the results, and exits 1 when a task's
// handler exited non-zero or the wait timed out. Nothing queued (unknown action, params that
// fail the schema) is not an error in 3.6: it says why on stderr and exits 0 with no output.
import { Command, Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import { absPath } from '../../core/go-file.js';
import { actionParams, parseRunArgs } from '../action-params.js';
import { plainOutput, structuredOutput, type TaskInfo } from '../action-output.js';
import { showTaskResults, waitForOperation } from '../operation-results.js';
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

const render: Record<RunFormat, (tasks: Record<string, TaskInfo>) => string> = { plain: plainOutput, ...structuredOutput };

/** juju/cmd's FileVar: `-` is stdin, any other path a file relative to the working directory. */
const paramsFile = (io: CommandIO, path: string): Promise<Buffer> => (path === '-' ? io.stdin() : io.readFile(absPath(io.cwd, path)));

async function run(io: CommandIO, args: string[], opts: RunOptions): Promise<void> {
  const parsed = parseRunArgs(args);
  const file = opts.params === undefined ? undefined : await paramsFile(io, opts.params);
  const params = actionParams(file, parsed.params, opts.stringArgs === true);
  const reply = await io.call('run', { receivers: parsed.receivers, action: parsed.action, params });
  const results = await waitForOperation(io, reply, { waitMs: opts.wait || defaultWaitMs, hideProgress: false });
  if (results) showTaskResults(io, render[opts.format](results.tasks), results);
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
