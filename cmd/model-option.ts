// `-m, --model`: the model a command acts on, as Juju's model commands take it. The option
// names it (`m`, `admin/m`, `juju-sim:m`, `juju-sim:admin/m`), else $JUJU_MODEL, else the
// daemon's current model (`switch`, `add-model`). Every command that talks to a model gets it
// here, once.
import { Option, type Command } from 'commander';
import { useModel } from '../agent/control/client.js';

export function withModelOption(command: Command): Command {
  return command
    .addOption(new Option('-m, --model <model>', 'the model to act on (default: $JUJU_MODEL, else the current model)'))
    .hook('preAction', (_, action) => useModel((action.opts() as { model?: string }).model ?? (process.env.JUJU_MODEL || undefined)));
}
