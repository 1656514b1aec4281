import { Command } from 'commander';
import { builtCharm } from '../../charmbuild/charm-source.js';
import { buildOptions, type CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('build')
    .description('Build charm source trees and unpack .charm files into the build cache; print each built charm directory')
    .argument('<charm...>', 'charm source tree (charmcraft.yaml), .charm file or built charm directory')
    .action(async (charms: string[]) => {
      for (const charm of charms) io.stdout.write(`${(await builtCharm(charm, buildOptions(io))).dir}\n`);
    });
