import { Command } from 'commander';
import { call, CommandError } from '../client.js';
import { duration } from '../options.js';

export default (): Command =>
  new Command('settle')
    .description('Run queued hooks until the model is idle; fail if a unit is left in error')
    .option('--timeout <duration>', 'give up after this long (e.g. 90s, 10m)', duration, 600_000)
    .action(async (opts: { timeout: number }) => {
      const { errors } = await call<{ errors: Array<{ unit: string; message: string }> }>('settle', { timeoutMs: opts.timeout });
      if (errors.length > 0) {
        throw new CommandError(errors.map((e) => `unit ${e.unit} is in error: ${e.message}`).join('\n'));
      }
    });
