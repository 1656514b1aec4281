import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('resolve')
    .alias('resolved')
    .description('Retry the failed hook of a unit in error, or skip it with --no-retry')
    .argument('<unit>')
    .option('--no-retry', 'do not re-run the failed hook: mark it done, its changes discarded')
    .action(async (unit: string, opts: { retry: boolean }) => {
      await io.call('resolve', { unit, noRetry: !opts.retry });
    });
