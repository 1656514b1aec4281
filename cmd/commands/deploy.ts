import { Command } from 'commander';
import { builtCharm } from '../../charmbuild/charm-source.js';
import { call } from '../../agent/control/client.js';
import { positiveInt } from '../options.js';

export default (): Command =>
  new Command('deploy')
    .description('Deploy a charm directory as an application; its units run the install sequence')
    .argument('<charm>', 'charm source tree (charmcraft.yaml), .charm file or built charm directory')
    .argument('[application]', 'application name (default: the charm name)')
    .option('-n, --num-units <n>', 'number of units to add', positiveInt, 1)
    .action(async (charm: string, application: string | undefined, opts: { numUnits: number }) => {
      const built = await builtCharm(charm);
      const result = await call('deploy', {
        charm: built.dir,
        unitVenv: built.unitVenv,
        application,
        numUnits: opts.numUnits,
      });
      process.stderr.write(
        `Deployed "${result.application}" from local charm, revision ${result.revision}: ${result.units.join(', ')}\n`,
      );
    });
