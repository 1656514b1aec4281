import { Command } from 'commander';
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
      relations: Record<string, Array<{ 'related-application': string; interface: string }>>;
      units: Record<
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
        String(Object.keys(a.units).length),
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
        Object.entries(a.units).map(([unit, u]) => [
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
    Object.entries(a.relations).map(([endpoint, rs]) => rs.map((r) => [`${name}:${endpoint}`, r['related-application'], r.interface])),
  );
  if (relations.length > 0) out.push(table([['Endpoint', 'Related application', 'Interface'], ...relations.flat()]));
  return out.join('\n');
}

export default (io: CommandIO): Command =>
  new Command('status')
    .description("Show applications, units, leaders, workload and agent status (Juju's shape with --format json)")
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      io.stdout.write(render(await io.call('status', {}), opts.format, human));
    });
