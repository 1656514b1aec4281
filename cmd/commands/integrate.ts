import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('integrate')
    .alias('relate')
    .description('Relate two applications (endpoints inferred by interface as in Juju)')
    .argument('<application1[:endpoint]>')
    .argument('<application2[:endpoint]>')
    .action(async (first: string, second: string) => {
      await io.call('integrate', { first, second });
    });
