// `show-model [model]`: one model as Juju 3.6's `juju show-model` shows it
// (cmd/juju/model/show.go), keyed by its short name; YAML by default, as Juju's.
import { Command, Option } from 'commander';
import { formatJson, formatYaml } from '../../core/format.js';
import { modelInfo } from '../model-info.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('show-model')
    .description('Show a model: the one named, else the current one')
    .argument('[model]', '[<controller>:][<owner>/]<model>')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'yaml']).default('yaml'))
    .action(async (model: string | undefined, opts: { format: 'json' | 'yaml' }) => {
      const info = await io.call('show-model', { model: model ?? (io.env.JUJU_MODEL || undefined) });
      const shown = { [info.name]: modelInfo(info) };
      io.stdout.write(`${(opts.format === 'json' ? formatJson(shown) : formatYaml(shown)).toString()}\n`);
    });
