import { Command } from 'commander';
import type { StepResult } from '../../agent/control/protocol.js';
import { JujuSimError } from '../../core/errors.js';
import { formatOption, render, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

function human(step: StepResult): string {
  if (step.operation === null) return `${step.unit ? `${step.unit}: ` : ''}nothing to run\n`;
  return `${step.unit}: ${step.operation}${step.remote ? ` ${step.remote}` : ''}\n`;
}

export default (io: CommandIO): Command =>
  new Command('step')
    .description(
      'Run one operation (hook, action, exec) of a unit, or of the next unit in turn, even when paused; ' +
        'print which. Nothing to run is no error; a unit left in error is (exit 1)',
    )
    .argument('[unit]', 'the unit (default: the next unit in turn that has something to run)')
    .addOption(formatOption())
    .action(async (unit: string | undefined, opts: { format: Format }) => {
      const step = await io.call('step', { unit });
      io.stdout.write(render(step, opts.format, human));
      if (step.error) throw new JujuSimError(`unit ${step.unit} is in error: ${step.error}`);
    });
