import { Command } from 'commander';
import { resolve } from 'node:path';
import { builtCharm } from '../../charmbuild/charm-source.js';
import { JujuSimError } from '../../core/errors.js';
import { buildOptions, type CommandIO } from '../io.js';
import { readResources, resourceArg } from '../resource-args.js';

export default (io: CommandIO): Command =>
  new Command('refresh')
    .description("Refresh an application's charm from a local path; its units run upgrade-charm, then config-changed")
    .argument('<application>')
    .option('--path <charm>', 'charm source tree (charmcraft.yaml), .charm file or built charm directory')
    .option('--force-units', 'refresh units in error too: they get the new charm without upgrade-charm, and retry their failed hook on it')
    .option('--resource <name=file>', "a new file for one of the charm's file resources (repeatable)", resourceArg)
    .action(async (application: string, opts: { path?: string; forceUnits?: boolean; resource?: Record<string, string> }) => {
      // juju-sim has no charm store: a local charm is the only kind there is to refresh to. Juju
      // runs upgrade-charm when only a resource changes; juju-sim does not watch for that yet.
      if (opts.path === undefined) {
        if (opts.resource !== undefined) throw new JujuSimError('refresh --resource without --path is not implemented in juju-sim');
        throw new JujuSimError('--path is required: juju-sim refreshes from local charms only');
      }
      const built = await builtCharm(opts.path, buildOptions(io));
      const result = await io.call('refresh', {
        application,
        charm: built.dir,
        charmPath: resolve(io.cwd, opts.path),
        unitVenv: built.unitVenv,
        forceUnits: opts.forceUnits,
        resources: await readResources(io, opts.resource),
      });
      io.stderr.write(`Added local charm "${result.charm}", revision ${result.revision}, to the model\n`);
    });
