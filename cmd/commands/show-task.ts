// `show-task <id>`: Juju 3.6's (cmd/juju/action/showtask.go). One task of `run` or `exec` as it
// is now, or, with --wait or --watch, once it has finished, following its action-log messages
// meanwhile. Plain output is the task keyed by its id, as `run` prints one; json and yaml the
// task itself.
import { Command, Option } from 'commander';
import { JujuSimError } from '../../core/errors.js';
import { goQuote } from '../../core/gnuflag.js';
import { plainOutput, progressLine, structuredOutput, taskInfo } from '../action-output.js';
import { duration } from '../options.js';
import { waitForTask } from '../operation-results.js';
import type { CommandIO } from '../io.js';

type ShowTaskFormat = 'plain' | 'json' | 'yaml';

interface ShowTaskOptions {
  format: ShowTaskFormat;
  wait?: number;
  watch?: boolean;
  utc?: boolean;
}

export default (io: CommandIO): Command =>
  new Command('show-task')
    .description('Show the results of a task of run or exec by its id (like juju show-task)')
    .usage('[options] <task ID>')
    .argument('[args...]', 'the task id')
    .addOption(new Option('--format <format>', 'output format').choices(['plain', 'json', 'yaml']).default('plain'))
    .option('--wait <duration>', 'the longest wait for the task to finish (default: none)', duration)
    .option('--watch', 'wait for the task to finish, however long')
    .option('--utc', 'show times in UTC (juju-sim always does)')
    .action(async function (this: Command, args: string[], opts: ShowTaskOptions) {
      if (opts.watch && opts.wait !== undefined) this.error('specify either --watch or --wait but not both', { exitCode: 2 });
      if (args.length === 0) this.error('no task ID specified', { exitCode: 2 });
      if (args.length > 1) this.error(`unrecognized args: [${args.slice(1).map(goQuote).join(' ')}]`, { exitCode: 2 });
      const [id] = args;
      if (!/^[0-9]+$/.test(id)) this.error(`task ID ${goQuote(id)} not valid`, { exitCode: 2 });
      const now = await io.call('action-wait', { id: Number(id), logs: 0, timeoutMs: 0 });
      let task = now;
      const unfinished = now.status === 'pending' || now.status === 'running';
      if (unfinished && (opts.watch || opts.wait !== undefined)) {
        let logged = false;
        // --watch: as long as it takes (a deadline decades away).
        const deadline = Date.now() + (opts.watch ? 1e12 : (opts.wait ?? 0));
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
      io.stdout.write(opts.format === 'plain' ? plainOutput({ [id]: info }) : structuredOutput[opts.format](info));
    });
