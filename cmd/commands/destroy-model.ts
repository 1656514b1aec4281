// `destroy-model NAME`: Juju 3.6's (cmd/juju/model/destroy.go). Its units leave as they would
// in Juju (relation-departed, relation-broken, stop, remove), then the model's state is deleted;
// with --force no more hooks run and running ones are killed. Storage and waiting are Juju's
// concerns that juju-sim has no use for: --destroy-storage, --release-storage, --no-wait and
// --timeout are checked as Juju checks them, and change nothing.
import { Command, Option } from 'commander';
import { JujuSimError } from '../../core/errors.js';
import { duration } from '../options.js';
import type { CommandIO } from '../io.js';

interface Options {
  prompt: boolean;
  destroyStorage?: true;
  releaseStorage?: true;
  force?: true;
  wait: boolean;
  timeout?: number;
}

/** Juju's UserConfirmName: the first line of stdin must be the model's name. */
async function confirmed(io: CommandIO, model: string): Promise<boolean> {
  io.stderr.write(`WARNING This command will destroy the "${model}" model and all its resources. It cannot be stopped.\n`);
  io.stderr.write('\nTo continue, enter the name of the model to be destroyed: ');
  const [answer] = (await io.stdin()).toString('utf8').split('\n');
  return answer.toLowerCase() === model;
}

export default (io: CommandIO): Command =>
  new Command('destroy-model')
    .description('Remove a model: its units run their departing hooks, stop and remove, then its state is deleted')
    .argument('<model>', '[<controller>:][<owner>/]<model>')
    .option('--no-prompt', 'do not ask for confirmation')
    .option('--destroy-storage', 'accepted: juju-sim has no storage')
    .option('--release-storage', 'accepted: juju-sim has no storage')
    .option('--force', 'run no more hooks: kill the running ones and remove the model')
    .option('--no-wait', 'with --force: accepted, juju-sim never waits after --force')
    .addOption(new Option('-t, --timeout <duration>', 'with --force: accepted, juju-sim never waits after --force').argParser(duration))
    .action(async (model: string, opts: Options, command: Command) => {
      if (opts.destroyStorage && opts.releaseStorage) {
        command.error('--destroy-storage and --release-storage cannot both be specified', { exitCode: 2 });
      }
      if (opts.timeout !== undefined && !opts.force) command.error('--timeout can only be used with --force (dangerous)', { exitCode: 2 });
      if (!opts.wait && !opts.force) throw new JujuSimError('--no-wait without --force not valid');
      // A model that is not there is not found before anything is asked, as in Juju.
      await io.call('show-model', { model });
      if (opts.prompt && !(await confirmed(io, model))) throw new JujuSimError('model destruction: aborted');
      io.stderr.write('Destroying model');
      await io.call('destroy-model', { model, force: opts.force === true });
      io.stderr.write('\nModel destroyed.\n');
    });
