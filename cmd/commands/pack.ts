import { Command } from 'commander';
import { packCharm } from '../../charmbuild/pack.js';
import { buildOptions, type CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('pack')
    .description('Pack a charm into a .charm file in the current directory, as charmcraft pack does; print its path')
    .argument('[charm]', 'charm source tree (charmcraft.yaml), built charm directory or built reactive charm', '.')
    .option('-o, --output <dir>', 'write the .charm into this directory instead', '.')
    .action(async (charm: string, opts: { output: string }) => {
      io.stdout.write(`${await packCharm(charm, opts.output, buildOptions(io))}\n`);
    });
