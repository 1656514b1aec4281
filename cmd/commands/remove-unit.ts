import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

export default (): Command =>
  new Command('remove-unit')
    .description('Remove units: each departs its relations, runs stop and remove, then leaves the model')
    .argument('<unit...>')
    .action(async (units: string[]) => {
      await call('remove-unit', { units });
    });
