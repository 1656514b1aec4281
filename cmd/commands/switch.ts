// `switch [<model>]`: the named model becomes the current one, for the commands that name none
// (cmd/juju/commands/switch.go). It says which it was and which it is on stderr; without a
// model, it prints the current one. JUJU_MODEL, which overrides the current model, forbids it.
import { Command } from 'commander';
import { JujuSimError } from '../../core/errors.js';
import type { CommandIO } from '../io.js';

const qualified = (model: string): string => `juju-sim:admin/${model}`;

export default (io: CommandIO): Command =>
  new Command('switch')
    .description('Make a model the current one; without one, print the current model')
    .argument('[model]', '[<controller>:][<owner>/]<model>')
    .action(async (model: string | undefined) => {
      if (model === undefined) {
        io.stdout.write(`${qualified((await io.call('models', {})).current)}\n`);
        return;
      }
      const overriding = io.env.JUJU_MODEL;
      if (overriding) throw new JujuSimError(`cannot switch when JUJU_MODEL is overriding the model (set to "${overriding}")`);
      const { from, to } = await io.call('switch-model', { model });
      io.stderr.write(from === to ? `${qualified(from)} (no change)\n` : `${qualified(from)} -> ${qualified(to)}\n`);
    });
