import { Command } from 'commander';
import { stringify } from 'yaml';
import type { ShownRelation } from '../../agent/control/protocol.js';
import { formatOption, render, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

const bag = (data: Record<string, string>, indent: string): string =>
  Object.keys(data).length === 0
    ? ' {}\n'
    : `\n${stringify(data, { sortMapEntries: true }).trimEnd().split('\n').map((line) => `${indent}${line}`).join('\n')}\n`;

function human({ relations }: { relations: ShownRelation[] }): string {
  if (relations.length === 0) return 'No relations.\n';
  return relations
    .map((r) => {
      const sides = r.endpoints.map((e) => {
        const units = Object.entries(e['units-data'])
          .map(([unit, data]) => `    ${unit}:${bag(data, '      ')}`)
          .join('');
        return `  ${e.application}:${e.endpoint} (${e.role})\n    application data:${bag(e['application-data'], '      ')}${units}`;
      });
      return `relation ${r.id} [${r.interface}]\n${sides.join('')}`;
    })
    .join('\n');
}

export default (io: CommandIO): Command =>
  new Command('show')
    .description('Show every relation databag, both sides: application and unit data')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      io.stdout.write(render(await io.call('show', {}), opts.format, human));
    });
