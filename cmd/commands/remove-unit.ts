import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-unit')
    .description('Remove units: each departs its relations, runs stop and remove, then leaves the model')
    .argument('<unit...>')
    // Juju asks before removing unless told not to; juju-sim never asks, so these change nothing.
    .option('--no-prompt', 'accepted as juju takes it: juju-sim never asks')
    .option('--destroy-storage', 'accepted as juju takes it: juju-sim units have no storage')
    .option('--force', 'accepted as juju takes it: units leave through their hooks all the same')
    .option('--no-wait', 'accepted as juju takes it')
    .action(async (units: string[]) => {
      await io.call('remove-unit', { units });
    });
