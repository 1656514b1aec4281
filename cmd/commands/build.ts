import { Command } from 'commander';
import { builtCharm } from '../../charmbuild/charm-source.js';

export default (): Command =>
  new Command('build')
    .description('Build charm source trees and unpack .charm files into the build cache; print each built charm directory')
    .argument('<charm...>', 'charm source tree (charmcraft.yaml), .charm file or built charm directory')
    .action(async (charms: string[]) => {
      for (const charm of charms) process.stdout.write(`${(await builtCharm(charm)).dir}\n`);
    });
