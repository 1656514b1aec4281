import { Command } from 'commander';
import type { HookRunRecord } from '../../agent/control/protocol.js';
import { formatOption, render, table, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

const human = (runs: HookRunRecord[]): string =>
  runs.length === 0
    ? 'No hooks have run.\n'
    : table([
        ['Seq', 'Unit', 'Hook', 'Remote', 'Outcome', 'Time'],
        ...runs.map((r) => [String(r.seq), r.unit, r.hook, r.remoteUnit ?? r.remoteApp ?? '', r.outcome, `${Math.round(r.ms)}ms`]),
      ]);

export default (io: CommandIO): Command =>
  new Command('history')
    .description('List the hooks that ran, in order, with their outcome')
    .option('-u, --unit <unit>', 'only this unit')
    .addOption(formatOption())
    .action(async (opts: { unit?: string; format: Format }) => {
      io.stdout.write(render(await io.call('history', { unit: opts.unit }), opts.format, human));
    });
