import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('pause')
    .description('Start no hook on its own (one running finishes) until resume; settle and step still run them')
    .action(async () => {
      await io.call('pause', {});
      io.stderr.write('Model paused: changes queue up; `settle` or `step` runs their hooks, `resume` lets them start on their own\n');
    });
