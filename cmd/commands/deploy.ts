import { Command } from 'commander';
import { resolve } from 'node:path';
import { builtCharm } from '../../charmbuild/charm-source.js';
import type { Result } from '../../agent/control/protocol.js';
import { bundleDocument } from '../../core/bundle.js';
import { JujuSimError } from '../../core/errors.js';
import { bundleFile, readBundle } from '../bundle-file.js';
import { positiveInt } from '../options.js';
import { buildOptions, type CommandIO } from '../io.js';

const deployed = (result: Result<'deploy'>): string =>
  `Deployed "${result.application}" from local charm, revision ${result.revision}${result.units.length ? `: ${result.units.join(', ')}` : ''}\n`;

/**
 * Every application and relation of the bundle, created before any unit runs a hook; each charm
 * built as `deploy` builds one. What juju-sim ignores is said on stderr.
 */
async function deployBundle(file: string, io: CommandIO): Promise<void> {
  const { bundle, warnings } = await readBundle(file, io.readFile);
  for (const warning of warnings) io.stderr.write(`WARNING ${warning}\n`);
  const charms: Record<string, string> = {};
  const unitVenvs: Record<string, string> = {};
  for (const app of bundle.applications) {
    const built = await builtCharm(app.charm, buildOptions(io));
    charms[app.name] = built.dir;
    if (built.unitVenv) unitVenvs[app.name] = built.unitVenv;
  }
  const result = await io.call('deploy-bundle', { bundle: bundleDocument(bundle), charms, unitVenvs });
  for (const app of result.applications) io.stderr.write(deployed(app));
  for (const relation of result.relations) {
    const [a, b] = relation.endpoints.map((e) => `${e.application}:${e.endpoint}`);
    io.stderr.write(`Related "${a}" and "${b}"\n`);
  }
  io.stderr.write('Deploy of bundle completed.\n');
}

export default (io: CommandIO): Command =>
  new Command('deploy')
    .description('Deploy a charm as an application, or a bundle of them; units run the install sequence')
    .argument('<charm>', 'charm source tree (charmcraft.yaml), .charm file, built charm directory, or bundle (.yaml)')
    .argument('[application]', 'application name (default: the charm name)')
    .option('-n, --num-units <n>', 'number of units to add', positiveInt, 1)
    .action(async (charm: string, application: string | undefined, opts: { numUnits: number }, command: Command) => {
      const bundle = bundleFile(io.cwd, charm);
      if (bundle !== undefined) {
        if (application !== undefined) throw new JujuSimError('an application name cannot be given when deploying a bundle');
        if (command.getOptionValueSource('numUnits') === 'cli') {
          throw new JujuSimError('options provided but not supported when deploying a bundle: --num-units');
        }
        return deployBundle(bundle, io);
      }
      const built = await builtCharm(charm, buildOptions(io));
      const result = await io.call('deploy', {
        charm: built.dir,
        charmPath: resolve(io.cwd, charm),
        unitVenv: built.unitVenv,
        application,
        numUnits: opts.numUnits,
      });
      io.stderr.write(deployed(result));
    });
