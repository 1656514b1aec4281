import { Command } from 'commander';
import type { CommandIO } from '../io.js';

// Juju runs update-status only from each unit agent's timer; juju-sim also lets a test tick it.
export default (io: CommandIO): Command =>
  new Command('update-status')
    .description(
      "Tick the update-status timer of a unit, of an application's units, or of every unit: update-status " +
        'runs when nothing else needs to (never in error), as when the timer fires',
    )
    .argument('[unit|application]')
    .action(async (target: string | undefined) => {
      await io.call('update-status', { target });
    });
