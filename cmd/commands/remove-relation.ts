import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-relation')
    .description('Remove the relation between two applications: each side departs and breaks it')
    .argument('<application1[:endpoint]>')
    .argument('<application2[:endpoint]>')
    .action(async (first: string, second: string) => {
      await io.call('remove-relation', { first, second });
    });
