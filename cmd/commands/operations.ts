// `operations`: Juju 3.6's (cmd/juju/action/listoperations.go). The operations of `run` and
// `exec` with a task on the units, applications or actions asked for (every unit's by default),
// in a table by id, or each as show-operation prints it (json, yaml).
import { Command, InvalidArgumentError, Option } from 'commander';
import type { OperationRecord } from '../../agent/control/protocol.js';
import { isValidApplication, unitApplication } from '../../core/names.js';
import { structuredOutput } from '../action-output.js';
import { operationInfo } from './show-operation.js';
import type { CommandIO } from '../io.js';

interface OperationsOptions {
  format: 'plain' | 'json' | 'yaml';
  applications?: string[];
  apps?: string[];
  units?: string[];
  machines?: string[];
  actions?: string[];
  status?: string[];
  limit?: number;
  offset?: number;
  utc?: boolean;
}

const statuses = ['pending', 'running', 'completed', 'failed', 'cancelled', 'aborting', 'aborted', 'error'];

const stringList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** gnuflag's UintVar. */
function uint(text: string): number {
  if (!/^[0-9]+$/.test(text)) throw new InvalidArgumentError('parse error');
  return Number(text);
}

/** Juju's Init: every name that is not one, on a line of its own. */
function invalidFilters(opts: OperationsOptions, applications: string[]): string[] {
  return [
    ...applications.filter((a) => !isValidApplication(a)).map((a) => `invalid application name "${a}"`),
    ...(opts.units ?? []).filter((u) => unitApplication(u) === undefined).map((u) => `invalid unit name "${u}"`),
    ...(opts.status ?? []).filter((s) => !statuses.includes(s)).map((s) => `"${s}" is not a valid task status, want one of [${statuses.join(' ')}]`),
  ];
}

/** `2006-01-02T15:04:05`, as the table prints times; blank when there is none. */
const plainTime = (iso: string | null): string => (iso ? iso.slice(0, 19) : '');

/** Juju caps the task ids a row lists. */
const maxTaskIds = 5;

/** Juju's formatTabular: its tab writer's columns, two spaces apart, the id right-aligned. */
function tabular(operations: OperationRecord[]): string {
  const rows = [['ID', 'Status', 'Started', 'Finished', 'Task IDs', 'Summary']];
  for (const op of operations) {
    const ids = op.tasks.map((task) => String(task.id));
    const tasks = ids.slice(0, maxTaskIds).join(',') + (ids.length > maxTaskIds ? '...' : '');
    rows.push([String(op.id), op.status, plainTime(op.started), plainTime(op.completed), tasks, op.summary]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const cell = (text: string, i: number, last: boolean): string => (last ? text : i === 0 ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  return rows.map((r) => r.map((text, i) => cell(text, i, i === r.length - 1)).join('  ')).join('\n') + '\n';
}

export default (io: CommandIO): Command =>
  new Command('operations')
    .alias('list-operations')
    .description('List the operations of run and exec, with their tasks (like juju operations)')
    .addOption(new Option('--format <format>', 'output format').choices(['plain', 'json', 'yaml']).default('plain'))
    .option('--applications <applications>', 'only these applications\' (comma-separated)', stringList)
    .addOption(new Option('--apps <applications>').argParser(stringList).hideHelp())
    .option('--units <units>', 'only these units\' (comma-separated)', stringList)
    .option('--machines <machines>', 'machines: not implemented in juju-sim', stringList)
    .option('--actions <actions>', 'only of these actions (comma-separated; juju-exec for exec)', stringList)
    .option('--status <statuses>', 'only operations in these statuses (comma-separated)', stringList)
    .option('--limit <n>', 'at most this many (default 50)', uint)
    .option('--offset <n>', 'from this one on', uint)
    .option('--utc', 'show times in UTC (juju-sim always does)')
    .action(async function (this: Command, opts: OperationsOptions) {
      const applications = [...(opts.applications ?? []), ...(opts.apps ?? [])];
      const invalid = invalidFilters(opts, applications);
      if (invalid.length > 0) this.error(invalid.join('\n'), { exitCode: 2 });
      if (opts.machines) this.error('operations --machines is not implemented in juju-sim: there are no machines', { exitCode: 1 });
      const { operations, truncated } = await io.call('operations', {
        units: opts.units,
        applications: applications.length > 0 ? applications : undefined,
        actions: opts.actions,
        status: opts.status,
        offset: opts.offset,
        limit: opts.limit,
      });
      if (operations.length === 0) {
        io.stderr.write('no matching operations\n');
        return;
      }
      if (opts.format !== 'plain') {
        io.stdout.write(structuredOutput[opts.format](Object.fromEntries(operations.map((op) => [String(op.id), operationInfo(op)]))));
        return;
      }
      const offset = opts.offset ?? 0;
      if (offset > 0 || truncated) {
        io.stdout.write(`Displaying operation results ${offset + 1} to ${offset + operations.length}.\n`);
        const limit = opts.limit || 50;
        if (truncated) io.stdout.write(`Run the command again with --offset=${offset + limit} --limit=${limit} to see the next batch.\n\n`);
      }
      io.stdout.write(tabular(operations));
    });
