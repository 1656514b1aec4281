// `show-task <id>`: Juju 3.6's (cmd/juju/action/showtask.go). One task of `run` or `exec` as it
// is now, or, with --wait or --watch, once it has finished, following its action-log messages
// meanwhile. Plain output is the task keyed by its id, as `run` prints one; json and yaml the
// task itself.
import { Command, Option } from 'commander';
import { JujuSimError } from '../../core/errors.js';
import { plainOutput, progressLine, structuredOutput, taskInfo } from '../action-output.js';
import { idToShow, waitForTask, withWaitOptions } from '../operation-results.js';
import type { CommandIO } from '../io.js';

type ShowTaskFormat = 'plain' | 'json' | 'yaml';

interface ShowTaskOptions {
  format: ShowTaskFormat;
  wait?: number;
  watch?: boolean;
  utc?: boolean;
}

export default (io: CommandIO): Command =>
  withWaitOptions(new Command('show-task'), 'task')
    .description('Show the results of a task of run or exec by its id (like juju show-task)')
    .usage('[options] <task ID>')
    .argument('[args...]', 'the task id')
    .addOption(new Option('--format <format>', 'output format').choices(['plain', 'json', 'yaml']).default('plain'))
    .action(async function (this: Command, args: string[], opts: ShowTaskOptions) {
      const { id, waitMs } = idToShow(this, args, opts, 'task');
      const now = await io.call('action-wait', { id, logs: 0, timeoutMs: 0 });
      let task = now;
      const unfinished = now.status === 'pending' || now.status === 'running';
      if (unfinished && waitMs !== undefined) {
        let logged = false;
        const deadline = Date.now() + waitMs;
        const done = await waitForTask(io, now.id, deadline, (entry) => {
          logged = true;
          io.stderr.write(`${progressLine(entry)}\n`);
        });
        // A blank line sets the progress messages apart.
        if (logged) io.stderr.write('\n');
        if (!done) throw new JujuSimError('maximum wait time reached');
        task = done;
      }
      const { info } = taskInfo(task);
      io.stdout.write(opts.format === 'plain' ? plainOutput({ [String(id)]: info }) : structuredOutput[opts.format](info));
    });
