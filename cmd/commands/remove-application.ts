import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

export default (): Command =>
  new Command('remove-application')
    .description('Remove applications with all their units and relations')
    .argument('<application...>')
    .action(async (applications: string[]) => {
      await call('remove-application', { applications });
    });
