// `set-model-constraints <key=value> ...`: Juju 3.6's command. The words are parsed as Juju's
// client parses them (a bad one is a usage error) and replace the model's constraints.
import { Command } from 'commander';
import { parseConstraints, type Constraints } from '../../core/constraints.js';
import { JujuSimError } from '../../core/errors.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('set-model-constraints')
    .description("Set the model's machine constraints (kept and shown; juju-sim makes no machines)")
    .argument('[constraints...]', 'key=value constraints')
    .action(async function (this: Command, args: string[]) {
      let constraints: Constraints;
      try {
        constraints = parseConstraints(args);
      } catch (err) {
        if (err instanceof JujuSimError) this.error(err.message, { exitCode: 2 });
        throw err;
      }
      await io.call('set-model-constraints', { constraints });
    });
