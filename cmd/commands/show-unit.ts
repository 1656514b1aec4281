import { Command, Option } from 'commander';
import { orderedYaml } from '../output.js';
import type { CommandIO } from '../io.js';

type Shown = Record<string, { 'opened-ports': string[] | null; 'relation-info'?: Array<Record<string, unknown>> }>;

/**
 * What yaml.v2 makes of the same UnitInfo: a nil opened-ports slice is `[]`, and a zero
 * local-unit struct (omitempty) is left out, where encoding/json prints `null` and the struct.
 */
function asYaml(shown: Shown): string {
  const units = Object.entries(shown).map(([unit, info]) => [
    unit,
    {
      ...info,
      'opened-ports': info['opened-ports'] ?? [],
      ...(info['relation-info']
        ? {
            'relation-info': info['relation-info'].map((r) => {
              const mine = r['local-unit'] as { 'in-scope': boolean; data: unknown } | undefined;
              return mine && !mine['in-scope'] && mine.data === null ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'local-unit')) : r;
            }),
          }
        : {}),
    },
  ]);
  return orderedYaml(Object.fromEntries(units));
}

export default (io: CommandIO): Command =>
  new Command('show-unit')
    .description("Show units as `juju show-unit` does: each relation as the unit sees it, the remote side's data")
    .argument('<unit...>')
    .option('--endpoint <endpoint>', 'only relations on this endpoint')
    .option('--related-unit <unit>', 'only relations with this remote unit')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .action(async (units: string[], opts: { endpoint?: string; relatedUnit?: string; format: string }) => {
      const shown = await io.call('show-unit', { units, endpoint: opts.endpoint, relatedUnit: opts.relatedUnit });
      io.stdout.write(opts.format === 'json' ? `${JSON.stringify(shown)}\n` : asYaml(shown as Shown));
    });
