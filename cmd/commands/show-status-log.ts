// `show-status-log <entity>`: the statuses an entity went through, as Juju 3.6's
// cmd/juju/status/history.go prints them: a unit's workload and agent statuses by default
// (`--type`), the last 20 unless -n, --days or --from-date say otherwise; a table (errors red on
// a terminal), YAML or JSON.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { PastStatus } from '../../agent/control/protocol.js';
import { JujuSimError, UsageError } from '../../core/errors.js';
import { formatJson, formatYaml, GoStruct, GoTime, type GoValue } from '../../core/format.js';
import { formatISOAsRFC3339Nano } from '../../core/go-time.js';
import { isValidApplication, unitApplication } from '../../core/names.js';
import { paint } from '../ansi.js';
import type { CommandIO } from '../io.js';
import { statusTime } from './status.js';

interface Options {
  type: string;
  n?: number;
  days?: number;
  fromDate?: string;
  utc?: boolean;
  format: 'tabular' | 'yaml' | 'json';
}

const kinds = ['application', 'container', 'juju-container', 'juju-machine', 'juju-unit', 'machine', 'model', 'saas', 'unit', 'workload'];

/** An integer, as Go's flag.IntVar reads one. */
function count(text: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) throw new InvalidArgumentError('parse error');
  return Number(text);
}

/** Juju's Init: one entity, one way to bound the backlog (20 entries when none is given). */
function filter(entity: string | undefined, opts: Options, now: Date): { size?: number; from?: string } {
  if (entity === undefined) throw new UsageError('entity name is missing.');
  const [size, days, date] = [opts.n ?? 0, opts.days ?? 0, opts.fromDate ?? ''];
  if ([size !== 0, days !== 0, date !== ''].filter(Boolean).length > 1) {
    throw new UsageError('backlog size, backlog date and backlog days back cannot be specified together');
  }
  if (!kinds.includes(opts.type)) throw new UsageError(`unexpected status type "${opts.type}"`);
  if (date !== '') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new UsageError(`parsing backlog date: parsing time "${date}" as "2006-01-02": cannot parse "${date}" as "2006"`);
    }
    return { from: new Date(`${date}T00:00:00Z`).toISOString() };
  }
  if (days !== 0) return { from: new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString() };
  return { size: size === 0 ? 20 : size };
}

/** Juju's tabular writer: columns two spaces apart, every one padded but the last; on a terminal, errors in red. */
export function tabular(statuses: PastStatus[], opts: { isoTime: boolean; colour: boolean }): string {
  const rows = [['Time', 'Type', 'Status', 'Message'], ...statuses.map((s) => [statusTime(s.since, opts.isoTime), s.type, s.status, s.message])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] + 2) : cell)).join('');
  return rows.map((r, i) => paint(line(r), i > 0 && statuses[i - 1].status === 'error' ? 'red' : undefined, opts.colour)).join('\n') + '\n';
}

/** Juju's DetailedStatus, its empty fields left out, its time a Go time. */
const detailed = (s: PastStatus): GoValue => {
  const fields: Array<[string, GoValue]> = [];
  if (s.status !== '') fields.push(['status', s.status]);
  if (s.message !== '') fields.push(['message', s.message]);
  if (s.data && Object.keys(s.data).length > 0) fields.push(['data', s.data as GoValue]);
  fields.push(['since', new GoTime(formatISOAsRFC3339Nano(s.since))], ['type', s.type]);
  return new GoStruct(fields);
};

export default (io: CommandIO): Command =>
  new Command('show-status-log')
    .description("Output past statuses for the specified entity: by default a unit's workload and agent statuses, as `juju show-status-log`")
    .argument('[entity]', 'a unit, or an application with --type application')
    .addOption(new Option('--type <type>', `Type of statuses to be displayed [${kinds.join('|')}]`).default('unit'))
    .addOption(new Option('-n <n>', 'Returns the last N logs (cannot be combined with --days or --from-date)').argParser(count))
    .addOption(new Option('--days <days>', 'Returns the logs for the past <days> days (cannot be combined with -n or --from-date)').argParser(count))
    .option('--from-date <date>', 'Returns logs for any date after the passed one, the expected date format is YYYY-MM-DD (cannot be combined with -n or --days)')
    .option('--utc', 'Display time as UTC in RFC3339 format')
    .addOption(new Option('--format <format>', 'output format').choices(['tabular', 'yaml', 'json']).default('tabular'))
    .action(async function (this: Command, entity: string | undefined, opts: Options) {
      let bounds: ReturnType<typeof filter>;
      try {
        bounds = filter(entity, opts, new Date());
      } catch (err) {
        // Juju's Init errors are usage errors: exit 2.
        if (err instanceof UsageError) this.error(err.message, { exitCode: 2 });
        throw err;
      }
      const isUnit = ['unit', 'workload', 'juju-unit'].includes(opts.type);
      if (isUnit && unitApplication(entity!) === undefined) throw new JujuSimError(`"${entity}" is not a valid name for a ${opts.type}`);
      if (opts.type === 'application' && !isValidApplication(entity!)) throw new JujuSimError(`"${entity}" is not a valid name for an application`);
      const statuses = await io.call('show-status-log', { kind: opts.type, entity: entity!, ...bounds });
      if (statuses.length === 0) throw new JujuSimError('no status history available');
      const isoTime = opts.utc === true || io.env.JUJU_STATUS_ISO_TIME === 'true';
      if (opts.format === 'tabular') return io.stdout.write(tabular(statuses, { isoTime, colour: io.stdout.isTTY }));
      const value = statuses.map(detailed);
      io.stdout.write(`${(opts.format === 'json' ? formatJson(value) : formatYaml(value)).toString()}\n`);
    });
