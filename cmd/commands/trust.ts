// `trust <application> [--remove] [--scope cluster]`: Juju 3.6's `juju trust`, which sets the
// application's `trust` setting: a trusted application's hooks may read the model's cloud
// credential (credential-get). --scope matters on Kubernetes models only, so it is taken and
// ignored, as Juju does on a machine model.
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('trust')
    .description("Let an application's hooks read the model's cloud credential (credential-get), or stop them")
    .argument('[application]')
    // Juju's Init takes the first argument and looks at no other.
    .allowExcessArguments()
    .option('--remove', 'remove trusted access from a trusted application')
    .option('--scope <scope>', "k8s models only - needs to be set to 'cluster'")
    .action(async function (this: Command, application: string | undefined, opts: { remove?: boolean }) {
      if (application === undefined) this.error('no application name specified', { exitCode: 2 });
      await io.call('trust', { application, remove: opts.remove === true });
    });
