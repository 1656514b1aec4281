// `model-constraints [--format constraints|yaml|json]`: the model's constraints as Juju 3.6
// prints them: `key=value` words, or constraints.Value in YAML or JSON.
import { Command, Option } from 'commander';
import { constraintsString, type Constraints } from '../../core/constraints.js';
import { formatJson, formatYaml, GoStruct } from '../../core/format.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('model-constraints')
    .description("Show the model's machine constraints")
    .addOption(new Option('--format <format>', 'output format').choices(['constraints', 'yaml', 'json']).default('constraints'))
    .action(async (opts: { format: 'constraints' | 'yaml' | 'json' }) => {
      const constraints = (await io.call('model-constraints', {})) as Constraints;
      if (opts.format === 'constraints') {
        io.stdout.write(`${constraintsString(constraints)}\n`);
        return;
      }
      const value = new GoStruct(Object.entries(constraints));
      io.stdout.write(`${(opts.format === 'json' ? formatJson(value) : formatYaml(value)).toString()}\n`);
    });
