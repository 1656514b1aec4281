import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

export default (): Command =>
  new Command('remove-relation')
    .description('Remove the relation between two applications: each side departs and breaks it')
    .argument('<application1[:endpoint]>')
    .argument('<application2[:endpoint]>')
    .action(async (first: string, second: string) => {
      await call('remove-relation', { first, second });
    });
