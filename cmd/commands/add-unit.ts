import { Command } from 'commander';
import { call } from '../../agent/control/client.js';
import { positiveInt } from '../options.js';

export default (): Command =>
  new Command('add-unit')
    .description('Add units to an application; they install and join its relations')
    .argument('<application>')
    .option('-n, --num-units <n>', 'number of units to add', positiveInt, 1)
    .action(async (application: string, opts: { numUnits: number }) => {
      const result = await call('add-unit', { application, numUnits: opts.numUnits });
      process.stderr.write(`Added ${result.units.join(', ')}\n`);
    });
