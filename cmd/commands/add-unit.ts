import { Command } from 'commander';
import { positiveInt } from '../options.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('add-unit')
    .description('Add units to an application; they install and join its relations')
    .argument('<application>')
    .option('-n, --num-units <n>', 'number of units to add', positiveInt, 1)
    .action(async (application: string, opts: { numUnits: number }) => {
      const result = await io.call('add-unit', { application, numUnits: opts.numUnits });
      io.stderr.write(`Added ${result.units.join(', ')}\n`);
    });
