import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

export default (): Command =>
  new Command('resolve')
    .alias('resolved')
    .description('Retry the failed hook of a unit in error, or skip it with --no-retry')
    .argument('<unit>')
    .option('--no-retry', 'do not re-run the failed hook: mark it done, its changes discarded')
    .action(async (unit: string, opts: { retry: boolean }) => {
      await call('resolve', { unit, noRetry: !opts.retry });
    });
