import { Command } from 'commander';
import { resolve } from 'node:path';
import { builtCharm } from '../../charmbuild/charm-source.js';
import { call } from '../../agent/control/client.js';
import { JujuSimError } from '../../core/errors.js';

export default (): Command =>
  new Command('refresh')
    .description("Refresh an application's charm from a local path; its units run upgrade-charm, then config-changed")
    .argument('<application>')
    .option('--path <charm>', 'charm source tree (charmcraft.yaml), .charm file or built charm directory')
    .option('--force-units', 'refresh units in error too: they get the new charm without upgrade-charm, and retry their failed hook on it')
    .action(async (application: string, opts: { path?: string; forceUnits?: boolean }) => {
      // juju-sim has no charm store: a local charm is the only kind there is to refresh to.
      if (opts.path === undefined) throw new JujuSimError('--path is required: juju-sim refreshes from local charms only');
      const built = await builtCharm(opts.path);
      const result = await call('refresh', {
        application,
        charm: built.dir,
        charmPath: resolve(opts.path),
        unitVenv: built.unitVenv,
        forceUnits: opts.forceUnits,
      });
      process.stderr.write(`Added local charm "${result.charm}", revision ${result.revision}, to the model\n`);
    });
