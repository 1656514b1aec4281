import { Command, InvalidArgumentError, Option } from 'commander';
import { JujuSimError } from '../../core/errors.js';
import { goParseInt } from '../../core/gnuflag.js';
import { duration } from '../options.js';
import { formatOption, render, table, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

interface StatusJson {
  model: {
    name: string;
    controller: string;
    cloud: string;
    region: string;
    version: string;
    'model-status': { current: string; message?: string };
  };
  applications: Record<
    string,
    {
      'charm-name': string;
      'charm-rev': number;
      version?: string;
      'application-status': { current: string; message?: string };
      relations?: Record<string, Array<{ 'related-application': string; interface: string }>>;
      units?: Record<
        string,
        {
          'workload-status': { current: string; message?: string };
          'juju-status': { current: string; message?: string };
          leader?: boolean;
          machine: string;
          'public-address': string;
        }
      >;
    }
  >;
}

function human(status: StatusJson): string {
  const m = status.model;
  // Juju adds a Notes column for the model status message: juju-sim's says the model is paused.
  const notes = m['model-status'].message;
  const header = [['Model', 'Controller', 'Cloud/Region', 'Version', ...(notes ? ['Notes'] : [])]];
  const out = [table([...header, [m.name, m.controller, `${m.cloud}/${m.region}`, m.version, ...(notes ? [notes] : [])]])];
  const apps = Object.entries(status.applications);
  if (apps.length === 0) return `${out[0]}\nModel "${m.name}" is empty.\n`;
  out.push(
    table([
      ['App', 'Version', 'Status', 'Scale', 'Charm', 'Rev', 'Message'],
      ...apps.map(([name, a]) => [
        name,
        a.version ?? '',
        a['application-status'].current,
        String(Object.keys(a.units ?? {}).length),
        a['charm-name'],
        String(a['charm-rev']),
        a['application-status'].message ?? '',
      ]),
    ]),
  );
  out.push(
    table([
      ['Unit', 'Workload', 'Agent', 'Machine', 'Address', 'Message'],
      ...apps.flatMap(([, a]) =>
        Object.entries(a.units ?? {}).map(([unit, u]) => [
          `${unit}${u.leader ? '*' : ''}`,
          u['workload-status'].current,
          u['juju-status'].current,
          u.machine,
          u['public-address'],
          u['workload-status'].message ?? u['juju-status'].message ?? '',
        ]),
      ),
    ]),
  );
  const relations = apps.flatMap(([name, a]) =>
    Object.entries(a.relations ?? {}).map(([endpoint, rs]) => rs.map((r) => [`${name}:${endpoint}`, r['related-application'], r.interface])),
  );
  if (relations.length > 0) out.push(table([['Endpoint', 'Related application', 'Interface'], ...relations.flat()]));
  return out.join('\n');
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Juju's common.FormatTime of a status's `since`: local time as `02 Jan 2006 15:04:05Z07:00`, or
 * with --utc (or JUJU_STATUS_ISO_TIME) UTC as `2006-01-02 15:04:05Z`.
 */
export function statusTime(iso: string, isoTime: boolean): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  if (isoTime) return `${iso.slice(0, 10)} ${t.toISOString().slice(11, 19)}Z`;
  const offset = -t.getTimezoneOffset();
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${two(t.getDate())} ${months[t.getMonth()]} ${t.getFullYear()} ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}${zone}`;
}

/** Every `since` of the status, as Juju's client prints it. */
function withStatusTimes(value: unknown, isoTime: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => withStatusTimes(item, isoTime));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'since' && typeof item === 'string' ? statusTime(item, isoTime) : withStatusTimes(item, isoTime)]),
  );
}

/** An int option as gnuflag's IntVar reads it. */
function goInt(text: string): number {
  try {
    return Number(goParseInt(text));
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** The tabular-only options: Juju accepts them with any format and says so on stderr when they change nothing. */
const tabularOnly = ['integrations', 'relations', 'storage'] as const;

export default (io: CommandIO): Command =>
  new Command('status')
    .description("Show applications, units, leaders, workload and agent status (Juju's shape with --format json)")
    .addOption(formatOption())
    .option('--utc', 'display times in UTC, as ISO 8601 (also: JUJU_STATUS_ISO_TIME=true)')
    .option('--color', 'use ANSI color codes in tabular output (accepted; juju-sim prints none)')
    .addOption(new Option('--no-color', 'disable ANSI color codes in tabular output').default(undefined))
    .option('--integrations', "show the 'integrations' section in tabular output")
    .option('--relations', "the same as '--integrations'")
    .option('--storage', "show the 'storage' section in tabular output (accepted)")
    .option('--retry-count <count>', 'number of times to retry API failures (accepted; juju-sim does not fail)', goInt)
    .option('--retry-delay <duration>', 'time to wait between retry attempts (accepted)', duration)
    .argument('[filter...]', "Juju's filter patterns (applications, units, machines, statuses, addresses): not implemented in juju-sim")
    .action(async (filter: string[], opts: { format: Format; utc?: boolean } & Partial<Record<(typeof tabularOnly)[number], boolean>>) => {
      if (filter.length > 0) throw new JujuSimError('status filter patterns are not implemented in juju-sim');
      const isoTime = opts.utc === true || io.env.JUJU_STATUS_ISO_TIME === 'true';
      if (opts.format === 'json' || opts.format === 'yaml') {
        const given = tabularOnly.filter((name) => opts[name] === true).sort();
        if (given.length > 0) {
          io.stderr.write(`provided ${given.join(', ')} ${given.length > 1 ? 'options are' : 'option is'} always enabled in non tabular formats\n`);
        }
      }
      io.stdout.write(render(withStatusTimes(await io.call('status', {}), isoTime), opts.format, human));
    });
