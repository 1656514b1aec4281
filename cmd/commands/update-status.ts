import { Command } from 'commander';
import { call } from '../../agent/control/client.js';

// Juju runs update-status only from each unit agent's timer; juju-sim also lets a test tick it.
export default (): Command =>
  new Command('update-status')
    .description(
      "Tick the update-status timer of a unit, of an application's units, or of every unit: update-status " +
        'runs when nothing else needs to (never in error), as when the timer fires',
    )
    .argument('[unit|application]')
    .action(async (target: string | undefined) => {
      await call('update-status', { target });
    });
