// `switch [<model>]`: the named model becomes the current one, for the commands that name none
// (cmd/juju/commands/switch.go). It says which it was and which it is on stderr; without a
// model, it prints the current one. JUJU_MODEL, which overrides the current model, forbids it.
import { Command } from 'commander';
import { call } from '../../agent/control/client.js';
import { JujuSimError } from '../../core/errors.js';

const qualified = (model: string): string => `juju-sim:admin/${model}`;

export default (): Command =>
  new Command('switch')
    .description('Make a model the current one; without one, print the current model')
    .argument('[model]', '[<controller>:][<owner>/]<model>')
    .action(async (model: string | undefined) => {
      if (model === undefined) {
        process.stdout.write(`${qualified((await call('models', {})).current)}\n`);
        return;
      }
      const overriding = process.env.JUJU_MODEL;
      if (overriding) throw new JujuSimError(`cannot switch when JUJU_MODEL is overriding the model (set to "${overriding}")`);
      const { from, to } = await call('switch-model', { model });
      process.stderr.write(from === to ? `${qualified(from)} (no change)\n` : `${qualified(from)} -> ${qualified(to)}\n`);
    });
