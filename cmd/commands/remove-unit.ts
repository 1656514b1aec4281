import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-unit')
    .description('Remove units: each departs its relations, runs stop and remove, then leaves the model')
    .argument('<unit...>')
    .action(async (units: string[]) => {
      await io.call('remove-unit', { units });
    });
