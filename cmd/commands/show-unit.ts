import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('show-unit')
    .description("Show units as `juju show-unit` does: each relation as the unit sees it, the remote side's data")
    .argument('<unit...>')
    .option('--endpoint <endpoint>', 'only relations on this endpoint')
    .option('--related-unit <unit>', 'only relations with this remote unit')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .action(async (units: string[], opts: { endpoint?: string; relatedUnit?: string; format: string }) => {
      const shown = await io.call('show-unit', { units, endpoint: opts.endpoint, relatedUnit: opts.relatedUnit });
      io.stdout.write(opts.format === 'json' ? `${JSON.stringify(shown)}\n` : stringify(shown));
    });
