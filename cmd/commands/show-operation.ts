// `show-operation <id>`: Juju 3.6's (cmd/juju/action/showoperation.go). One operation of `run`
// or `exec` with its tasks (formatOperationResult), as it is now, or with --wait or --watch once
// it has finished. YAML by default, or JSON; Go structs, so fields keep Juju's order.
import { Command, Option } from 'commander';
import type { ActionRecord, OperationRecord } from '../../agent/control/protocol.js';
import { JujuSimError } from '../../core/errors.js';
import { GoStruct, type GoValue } from '../../core/format.js';
import { jujuTime, structuredOutput } from '../action-output.js';
import { idToShow, withWaitOptions } from '../operation-results.js';
import type { CommandIO } from '../io.js';

interface ShowOperationOptions {
  format: 'yaml' | 'json';
  wait?: number;
  watch?: boolean;
  utc?: boolean;
}

/** How often an operation is looked at while waiting for it (Juju's client polls too). */
const pollMs = 200;

/** A Go struct with the fields Juju's `omitempty` keeps. */
const struct = (fields: Array<[string, GoValue | undefined, 'omitempty'?]>): GoStruct =>
  new GoStruct(fields.flatMap(([name, value, omit]) => (omit && (value === undefined || value === '' || value === null) ? [] : [[name, value ?? '']])));

const timing = (times: { enqueued: string | null; started: string | null; completed: string | null }): GoStruct =>
  struct([
    ['enqueued', times.enqueued ? jujuTime(times.enqueued) : '', 'omitempty'],
    ['started', times.started ? jujuTime(times.started) : '', 'omitempty'],
    ['completed', times.completed ? jujuTime(times.completed) : '', 'omitempty'],
  ]);

const sameAction = (a: ActionRecord, b: ActionRecord): boolean => a.name === b.name && JSON.stringify(a.params) === JSON.stringify(b.params);

/** Juju's formatOperationResult: the action once when every task runs the same, else each task's name. */
export function operationInfo(op: OperationRecord): GoStruct {
  const single = op.tasks.length > 0 && op.tasks.every((task) => sameAction(task, op.tasks[0]));
  const tasks = Object.fromEntries(
    op.tasks.map((task) => [
      String(task.id),
      struct([
        ['name', single ? '' : task.name, 'omitempty'],
        ['host', task.unit],
        ['status', task.status],
        ['timing', timing(task)],
        ['log', task.log.length > 0 ? task.log.map((entry) => `${jujuTime(entry.time)} ${entry.message}`) : undefined, 'omitempty'],
        ['message', task.message, 'omitempty'],
        ['results', task.results && Object.keys(task.results).length > 0 ? (task.results as GoValue) : undefined, 'omitempty'],
      ]),
    ]),
  );
  return struct([
    ['summary', op.summary],
    ['status', op.status],
    ['fail', op.fail, 'omitempty'],
    ['action', single ? struct([['name', op.tasks[0].name], ['parameters', op.tasks[0].params as GoValue]]) : undefined, 'omitempty'],
    ['timing', timing(op)],
    ['tasks', Object.keys(tasks).length > 0 ? tasks : undefined, 'omitempty'],
  ]);
}

const finished = (op: OperationRecord): boolean => op.status !== 'pending' && op.status !== 'running';

export default (io: CommandIO): Command =>
  withWaitOptions(new Command('show-operation'), 'operation')
    .description('Show an operation of run or exec with its tasks (like juju show-operation)')
    .usage('[options] <operation-id>')
    .argument('[args...]', 'the operation id')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .action(async function (this: Command, args: string[], opts: ShowOperationOptions) {
      const { id, waitMs } = idToShow(this, args, opts, 'operation');
      let op = await io.call('show-operation', { id });
      if (waitMs !== undefined) {
        const deadline = Date.now() + waitMs;
        while (!finished(op)) {
          if (Date.now() >= deadline) throw new JujuSimError('timeout reached');
          if (io.signal.aborted) throw io.signal.reason;
          await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, deadline - Date.now())));
          op = await io.call('show-operation', { id });
        }
      }
      io.stdout.write(structuredOutput[opts.format](operationInfo(op)));
    });
