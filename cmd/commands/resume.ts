import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('resume')
    .description('Undo pause: hooks start on their own again')
    .action(async () => {
      await io.call('resume', {});
      io.stderr.write('Model resumed\n');
    });
