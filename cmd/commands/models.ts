// `models`: the controller's models, as Juju 3.6's `juju models` lists them
// (cmd/juju/controller/listmodels.go): `{"models": [...], "current-model": ...}` in JSON and
// YAML, its table otherwise, the current model starred.
import { Command, Option } from 'commander';
import { formatJson, formatYaml, GoStruct } from '../../core/format.js';
import { modelSummary } from '../model-info.js';
import { table } from '../output.js';
import type { CommandIO } from '../io.js';

type ModelsFormat = 'tabular' | 'json' | 'yaml';

export default (io: CommandIO): Command =>
  new Command('models')
    .alias('list-models')
    .description("List the controller's models; the current one is starred")
    .addOption(new Option('--format <format>', 'output format').choices(['tabular', 'json', 'yaml']).default('tabular'))
    .action(async (opts: { format: ModelsFormat }) => {
      const { models, current } = await io.call('models', {});
      if (opts.format !== 'tabular') {
        const set = new GoStruct([
          ['models', models.map((m) => modelSummary(m))],
          ['current-model', models.some((m) => m.name === current) ? current : undefined],
        ]);
        io.stdout.write(`${(opts.format === 'json' ? formatJson(set) : formatYaml(set)).toString()}\n`);
        return;
      }
      if (models.length === 0) {
        io.stderr.write('Use "juju-sim add-model" to create a model.\n');
        return;
      }
      const rows = [
        ['Model', 'Cloud/Region', 'Type', 'Status', 'Machines', 'Units', 'Access', 'Last connection'],
        ...models.map((m) => [
          m.name === current ? `${m.name}*` : m.name,
          'localhost/localhost',
          'lxd',
          'available',
          String(m.machines.length),
          String(m.units),
          'admin',
          'just now',
        ]),
      ];
      // Juju aligns its counts to the right.
      for (const column of [4, 5]) {
        const width = Math.max(...rows.map((row) => row[column].length));
        for (const row of rows) row[column] = row[column].padStart(width);
      }
      io.stdout.write(`Controller: ${models[0].controllerName}\n\n${table(rows)}`);
    });
