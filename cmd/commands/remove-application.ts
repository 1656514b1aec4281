import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-application')
    .description('Remove applications with all their units and relations')
    .argument('<application...>')
    .action(async (applications: string[]) => {
      await io.call('remove-application', { applications });
    });
