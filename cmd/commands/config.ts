import { Command } from 'commander';
import { formatYaml } from '../../core/format.js';
import { JujuSimError } from '../../core/errors.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('config')
    .description('Show an application\'s config, or set values (every unit then runs config-changed)')
    .argument('<application>')
    .argument('[key=value...]', 'values to set')
    .option('--reset <keys>', 'comma-separated keys to reset to their defaults')
    .option('--format <format>', 'output format: yaml or json', 'yaml')
    .action(async (application: string, pairs: string[], opts: { reset?: string; format: string }) => {
      const set: Record<string, string> = {};
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new JujuSimError(`expected "key=value", got "${pair}"`);
        set[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      const reset = opts.reset ? opts.reset.split(',').filter(Boolean) : [];
      const result = await io.call('config', { application, set, reset });
      if (pairs.length > 0 || reset.length > 0) return;
      // Juju prints a map[string]interface{}: yaml.v2 sorts its keys and quotes strings that
      // YAML 1.1 reads as another type (a string option set to `yes` is `value: "yes"`).
      io.stdout.write(opts.format === 'json' ? `${JSON.stringify(result)}\n` : `${formatYaml(result as never).toString()}\n`);
    });
