import { Command } from 'commander';
import { call, daemonRunning, startDaemon, stopDaemon } from '../../agent/control/client.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command => {
  const daemon = new Command('daemon').description('Start, stop or query the daemon of $JUJU_SIM_HOME');
  daemon
    .command('start')
    .description('Start the daemon (commands start it when needed)')
    .action(async () => {
      if (!(await daemonRunning())) await startDaemon();
      const { pid } = await call('ping', {}, false);
      io.stdout.write(`daemon running (pid ${pid})\n`);
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
    .description('Say whether the daemon is running')
    .action(async () => {
      if (!(await daemonRunning())) {
        io.stdout.write('daemon not running\n');
        io.exitCode = 1;
        return;
      }
      const { pid, home } = await call('ping', {}, false);
      io.stdout.write(`daemon running (pid ${pid}, home ${home})\n`);
    });
  return daemon;
};
