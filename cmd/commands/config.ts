// `config <application> [key | key=value ...] [--reset k1,k2]`: Juju 3.6's `juju config`, its
// arguments read as all of Juju's config commands read them (../config-args.ts).
import { Command } from 'commander';
import { formatYaml } from '../../core/format.js';
import { goFloatG } from '../../core/format/strconv.js';
import { JujuSimError, UsageError } from '../../core/errors.js';
import { parseConfigArgs, type ConfigArgs } from '../config-args.js';
import type { CommandIO } from '../io.js';

/** What `juju config <app> <key>` prints: Go's fmt.Println of the value as the API's JSON gives it. */
function printed(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return goFloatG(value);
  return String(value);
}

export default (io: CommandIO): Command =>
  new Command('config')
    .description('Show an application\'s config or one value, or set values (every unit then runs config-changed)')
    .argument('[application]')
    .argument('[key=value...]', 'values to set, or one key to show')
    .option('--reset <keys>', 'comma-separated keys to reset to their defaults (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--format <format>', 'output format: yaml or json', 'yaml')
    .action(async function (this: Command, application: string | undefined, pairs: string[], opts: { reset: string[]; format: string }) {
      let parsed: ConfigArgs;
      try {
        if (application === undefined || application.includes('=')) throw new UsageError('no application name specified');
        parsed = parseConfigArgs(pairs, opts.reset);
      } catch (err) {
        // Juju's Init errors are usage errors: exit 2.
        if (err instanceof UsageError) this.error(err.message, { exitCode: 2 });
        throw err;
      }
      const { set, reset, key } = parsed;
      const result = await io.call('config', { application, set: key === undefined ? set : {}, reset: key === undefined ? reset : [] });
      if (key !== undefined) {
        // The charm's settings first, then the application's own (trust).
        const info = [result?.settings, result?.['application-config']].find((map) => map !== undefined && Object.hasOwn(map, key))?.[key] as
          | Record<string, unknown>
          | undefined;
        if (info === undefined) throw new JujuSimError(`key "${key}" not found in "${application}" application config or charm settings.`);
        io.stdout.write(`${printed(info.value)}\n`);
        return;
      }
      if (Object.keys(set).length > 0 || reset.length > 0) return;
      // Juju prints a map[string]interface{}: yaml.v2 sorts its keys and quotes strings that
      // YAML 1.1 reads as another type (a string option set to `yes` is `value: "yes"`).
      io.stdout.write(opts.format === 'json' ? `${JSON.stringify(result)}\n` : `${formatYaml(result as never).toString()}\n`);
    });
