// `model-config [key[=value] ...] [--reset key,...]`: Juju 3.6's `juju model-config` for the
// settings juju-sim implements. Its arguments are read as Juju's config commands read them
// (cmd/juju/config/config.go): key=value sets, a bare key gets, --reset resets; getting one key
// goes with nothing else. It prints Juju's table, or Juju's JSON and YAML of config values.
import { Command, Option } from 'commander';
import type { ModelConfigValue } from '../../agent/control/protocol.js';
import { UsageError } from '../../core/errors.js';
import { formatJson, formatSmart, formatYaml, GoStruct } from '../../core/format.js';
import { parseConfigArgs, type ConfigArgs } from '../config-args.js';
import { table } from '../output.js';
import type { CommandIO } from '../io.js';

type ConfigFormat = 'tabular' | 'json' | 'yaml';

/** Juju's config.ConfigValues: JSON keeps the Go field names, YAML lowercases them. */
function render(values: Record<string, ModelConfigValue>, format: ConfigFormat): string {
  if (format === 'tabular') {
    const rows = Object.entries(values).map(([key, { value, source }]) => [key, source, formatYaml(value).toString()]);
    return table([['Attribute', 'From', 'Value'], ...rows]);
  }
  const field = format === 'json' ? (name: string) => name[0].toUpperCase() + name.slice(1) : (name: string) => name;
  const shown = Object.fromEntries(
    Object.entries(values).map(([key, { value, source }]) => [key, new GoStruct([[field('value'), value], [field('source'), source]])]),
  );
  return `${(format === 'json' ? formatJson(shown) : formatYaml(shown)).toString()}\n`;
}

export default (io: CommandIO): Command =>
  new Command('model-config')
    .description("Show the model's settings, or set and reset them (as juju model-config)")
    .argument('[settings...]', 'a key to show, or key=value pairs to set')
    .option('--reset <keys>', 'comma-separated keys to reset to their defaults', (value: string, previous: string[]) => [...previous, value], [])
    .addOption(new Option('--format <format>', 'output format').choices(['tabular', 'json', 'yaml']).default('tabular'))
    .action(async function (this: Command, args: string[], opts: { reset: string[]; format: ConfigFormat }) {
      let parsed: ConfigArgs;
      try {
        parsed = parseConfigArgs(args, opts.reset);
      } catch (err) {
        // Juju's Init errors are usage errors: exit 2.
        if (err instanceof UsageError) this.error(err.message, { exitCode: 2 });
        throw err;
      }
      const values = await io.call('model-config', parsed);
      if (values === null) return;
      if (parsed.key !== undefined && opts.format === 'tabular') {
        // One value, unadorned, as Juju prints it.
        const text = formatSmart(values[parsed.key].value).toString();
        io.stdout.write(text === '' ? '' : `${text}\n`);
        return;
      }
      io.stdout.write(render(values, opts.format));
    });
