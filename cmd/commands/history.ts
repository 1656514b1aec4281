// `history [--unit U] [--hook N] [--follow]`: the hook journal. Each run that ended, in order,
// with what it committed or discarded; one run in full with --hook; with --follow, the runs as
// they end, until interrupted.
import { Command, Option } from 'commander';
import { hookInFull, journal } from '../hook-journal.js';
import { formatOption, layout, render, type Format } from '../output.js';
import type { CommandIO } from '../io.js';
import { hookRunNumber } from '../options.js';
import { watchChanges } from '../watch.js';

interface Options {
  unit?: string;
  hook?: number;
  follow?: boolean;
  format: Format;
}


async function follow(io: CommandIO, opts: Options): Promise<void> {
  let after = 0;
  let header = true;
  await watchChanges(io, async () => {
    const runs = await io.call('history', { unit: opts.unit, after });
    if (runs.length === 0) return;
    after = runs[runs.length - 1].seq;
    if (opts.format !== 'human') return io.stdout.write(runs.map((r) => render(r, opts.format, () => '')).join(opts.format === 'yaml' ? '---\n' : ''));
    // The column header once, then rows as they come: their widths are each batch's own.
    const text = journal(runs, layout(io));
    io.stdout.write(header ? text : text.slice(text.indexOf('\n') + 1));
    header = false;
  });
}

export default (io: CommandIO): Command =>
  new Command('history')
    .description('List the hooks that ran, in order, with their outcome and what each committed or discarded')
    .option('-u, --unit <unit>', 'only this unit')
    .addOption(
      new Option('--hook <n>', 'one run in full: its environment, tool calls, output and changes').argParser(hookRunNumber),
    )
    .option('-f, --follow', 'print the runs as they end, until interrupted')
    .addOption(formatOption())
    .action(async (opts: Options) => {
      if (opts.hook !== undefined) {
        io.stdout.write(render(await io.call('hook-run', { seq: opts.hook }), opts.format, hookInFull));
        return;
      }
      if (opts.follow) return follow(io, opts);
      io.stdout.write(render(await io.call('history', { unit: opts.unit }), opts.format, (runs: Parameters<typeof journal>[0]) => journal(runs, layout(io))));
    });
