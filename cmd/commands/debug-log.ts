import { Command } from 'commander';
import type { CommandIO } from '../io.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export default (io: CommandIO): Command =>
  new Command('debug-log')
    .description("Print what the units logged (juju-log, hook output, the agent's operations), as Juju's debug-log does")
    .option('-i, --include <entity>', 'only this unit or application (repeatable)', collect, [])
    .option('-u, --unit <unit>', 'only this unit (repeatable)', collect, [])
    .option('-l, --level <level>', 'lowest level shown: TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL')
    .option('-n, --limit <lines>', 'only the last N lines (0: all)', (v) => Number(v), 0)
    .action(async (opts: { include: string[]; unit: string[]; level?: string; limit: number }) => {
      const { lines } = await io.call('debug-log', {
        include: [...opts.include, ...opts.unit],
        level: opts.level,
        limit: opts.limit,
      });
      if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
    });
