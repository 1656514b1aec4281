import { Command, InvalidArgumentError } from 'commander';
import { call, daemonRunning, startDaemon, stopDaemon } from '../../agent/control/client.js';
import { maxParallelHooksVariable, parseMaxParallelHooks } from '../../agent/control/daemon-settings.js';
import { JujuSimError } from '../../core/errors.js';
import type { CommandIO } from '../io.js';

function maxParallelHooks(text: string): number {
  try {
    return parseMaxParallelHooks(text);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

export default (io: CommandIO): Command => {
  const daemon = new Command('daemon').description('Start, stop or query the daemon of $JUJU_SIM_HOME');
  daemon
    .command('start')
    .description('Start the daemon (commands start it when needed)')
    .option(
      '--max-parallel-hooks <n>',
      `how many hooks may run at once, each of another unit (default: $${maxParallelHooksVariable}, else the number of CPUs; 1 runs one hook at a time, in the same order every run)`,
      maxParallelHooks,
    )
    .action(async (opts: { maxParallelHooks?: number }) => {
      if (!(await daemonRunning())) await startDaemon(undefined, { maxParallelHooks: opts.maxParallelHooks });
      const running = await call('ping', {}, false);
      // A running daemon keeps its settings: asking for others must not look as if it took them.
      if (opts.maxParallelHooks !== undefined && opts.maxParallelHooks !== running.maxParallelHooks) {
        throw new JujuSimError(
          `daemon already running (pid ${running.pid}) with --max-parallel-hooks ${running.maxParallelHooks}; stop it first with "juju-sim daemon stop"`,
        );
      }
      io.stdout.write(`daemon running (pid ${running.pid}, max-parallel-hooks ${running.maxParallelHooks})\n`);
    });
  daemon
    .command('stop')
    .description('Stop the daemon; the model stays on disk')
    .action(async () => {
      await stopDaemon();
      io.stdout.write('daemon stopped\n');
    });
  daemon
    .command('status')
    .description('Say whether the daemon is running, and with which settings')
    .action(async () => {
      if (!(await daemonRunning())) {
        io.stdout.write('daemon not running\n');
        io.exitCode = 1;
        return;
      }
      const { pid, home, maxParallelHooks } = await call('ping', {}, false);
      io.stdout.write(`daemon running (pid ${pid}, home ${home}, max-parallel-hooks ${maxParallelHooks})\n`);
    });
  return daemon;
};
