import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

export default (): Command =>
  new Command('resume')
    .description('Undo pause: hooks start on their own again')
    .action(async () => {
      await call('resume', {});
      process.stderr.write('Model resumed\n');
    });
