// `add-model NAME [cloud-region] [--no-switch] [--config k=v]...`: a new, empty model in the
// daemon, made current unless --no-switch (cmd/juju/controller/addmodel.go). What needs a cloud
// (the region, --controller, --credential) is accepted and ignored: juju-sim has one controller
// on one machine.
import { Command, InvalidArgumentError } from 'commander';
import { invalidModelName, isValidModelName } from '../../core/model-name.js';
import type { CommandIO } from '../io.js';

/** `--config k=v`, repeatable. Juju also takes a YAML file here. */
function configValue(text: string, previous: Record<string, string>): Record<string, string> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`a YAML file of model config is not implemented in juju-sim; give key=value`);
  return { ...previous, [text.slice(0, eq)]: text.slice(eq + 1) };
}

export default (io: CommandIO): Command =>
  new Command('add-model')
    .description('Add a model to the controller; it becomes the current model unless --no-switch')
    .argument('<model-name>')
    .argument('[cloud-region]', 'accepted and ignored: every model is on localhost')
    .option('--no-switch', 'do not switch to the new model')
    .option('--config <key=value>', 'model config setting (repeatable)', configValue, {})
    .option('-c, --controller <controller>', 'accepted and ignored: there is one controller')
    .option('--credential <credential>', 'accepted and ignored')
    .action(async (name: string, _region: string | undefined, opts: { switch: boolean; config: Record<string, string> }, command: Command) => {
      if (!isValidModelName(name)) command.error(invalidModelName(name), { exitCode: 2 });
      await io.call('add-model', { name, config: opts.config, noSwitch: !opts.switch });
      io.stderr.write(`Added '${name}' model on localhost/localhost for user 'admin'\n`);
    });
