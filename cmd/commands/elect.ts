import { Command } from 'commander';
import type { CommandIO } from '../io.js';

// Juju elects leaders itself, when a lease expires; juju-sim lets a test choose the moment.
export default (io: CommandIO): Command =>
  new Command('elect')
    .description("Make a unit its application's leader now: is-leader says so at once, and the units run the hooks Juju runs when leadership moves")
    .argument('<unit>')
    .action(async (unit: string) => {
      await io.call('elect', { unit });
    });
