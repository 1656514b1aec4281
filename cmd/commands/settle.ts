import { Command } from 'commander';
import { JujuSimError } from '../../core/errors.js';
import { duration } from '../options.js';
import type { CommandIO } from '../io.js';
import { withProgress } from '../progress.js';

export default (io: CommandIO): Command =>
  new Command('settle')
    .description('Run queued hooks until the model is idle; fail if a unit is left in error')
    .option('--timeout <duration>', 'give up after this long (e.g. 90s, 10m)', duration, 600_000)
    .action(async (opts: { timeout: number }) => {
      const { errors } = await withProgress(io, 'settle', () => io.call('settle', { timeoutMs: opts.timeout }));
      if (errors.length > 0) {
        throw new JujuSimError(errors.map((e) => `unit ${e.unit} is in error: ${e.message}`).join('\n'));
      }
    });
