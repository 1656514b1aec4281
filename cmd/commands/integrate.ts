import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

export default (): Command =>
  new Command('integrate')
    .alias('relate')
    .description('Relate two applications (endpoints inferred by interface as in Juju)')
    .argument('<application1[:endpoint]>')
    .argument('<application2[:endpoint]>')
    .action(async (first: string, second: string) => {
      await call('integrate', { first, second });
    });
