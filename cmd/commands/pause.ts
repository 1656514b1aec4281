import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

export default (): Command =>
  new Command('pause')
    .description('Start no hook on its own (one running finishes) until resume; settle and step still run them')
    .action(async () => {
      await call('pause', {});
      process.stderr.write('Model paused: changes queue up; `settle` or `step` runs their hooks, `resume` lets them start on their own\n');
    });
