// `exec`: Juju 3.6's `juju exec` (cmd/juju/action/exec.go). It queues an operation with one
// juju-exec task per unit (`--unit`, `<application>/leader`, every unit of `--application`),
// waits for them as `run` does, and prints their output; a task whose command exited non-zero
// makes it exit 1, a unit that is not there only fails its task. juju-sim's own form takes the
// unit first (`exec demo/0 -- cmd`), may give the commands a relation context (`-r`, as
// juju-exec on a unit's machine), and prints one unit's output as the command wrote it, with its
// exit code.
import { Command, Option } from 'commander';
import { structuredOutput, type TaskInfo } from '../action-output.js';
import { JujuSimError } from '../../core/errors.js';
import { applicationSnippet, isValidApplication, unitApplication } from '../../core/names.js';
import { duration } from '../options.js';
import { showTaskResults, waitForOperation, type TaskResults } from '../operation-results.js';
import type { CommandIO } from '../io.js';

/** Juju's utils.CommandString: one argument verbatim, several each shell-quoted. */
export function commandString(args: string[]): string {
  if (args.length === 1) return args[0];
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'"'"'`)}'`)).join(' ');
}

/** plain, json, yaml: Juju's; human: juju-sim's default, one unit's streams and exit code as they were. */
type ExecFormat = 'plain' | 'json' | 'yaml' | 'human';

interface ExecOptions {
  relation?: string;
  remoteUnit?: string;
  remoteApp?: string;
  forceRemoteUnit?: boolean;
  unit?: string[];
  application?: string[];
  app?: string[];
  machine?: string[];
  all?: boolean;
  wait?: number;
  format?: ExecFormat;
}

/** Juju's default --wait for exec, which is also how long the commands may run. */
const defaultWaitMs = 5 * 60_000;

/** `--unit a/0,b/1` as Juju's StringsValue takes it: comma-separated, blanks dropped. */
const stringList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((u) => u.trim()).filter(Boolean)];

const validLeader = new RegExp(`^${applicationSnippet}/leader$`);

/** Juju's Init: what names are not targets, as one error. */
export function invalidTargets(units: string[], applications: string[]): string | undefined {
  const problems = [
    ...applications.filter((a) => !isValidApplication(a)).map((a) => `  "${a}" is not a valid application name`),
    ...units.filter((u) => !validLeader.test(u) && unitApplication(u) === undefined).map((u) => `  "${u}" is not a valid unit name`),
  ];
  return problems.length > 0 ? `The following exec targets are not valid:\n${problems.join('\n')}` : undefined;
}

/** naturalsort: runs of digits compare as numbers (`a/2` before `a/10`). */
const naturalCompare = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

const results = (task: TaskInfo): Record<string, unknown> => (task.results ?? {}) as Record<string, unknown>;

const withNewline = (text: string): string => (text !== '' && !text.endsWith('\n') ? `${text}\n` : text);

/** Juju's printExecOutput: each unit's stdout then stderr, under its name when there are several. */
export function plainExecOutput(tasks: Record<string, TaskInfo>): string {
  const outputs = new Map<string, string>();
  for (const [unit, task] of Object.entries(tasks)) {
    const { stdout, stderr } = results(task);
    for (const stream of [stdout, stderr]) if (typeof stream === 'string') outputs.set(unit, (outputs.get(unit) ?? '') + withNewline(stream));
  }
  const several = outputs.size > 1;
  return Object.keys(tasks)
    .sort(naturalCompare)
    .map((unit) => (several ? `${unit}:\n${outputs.get(unit) ?? ''}\n` : (outputs.get(unit) ?? '')))
    .join('');
}

const render: Record<Exclude<ExecFormat, 'human'>, (tasks: Record<string, TaskInfo>) => string> = { plain: plainExecOutput, ...structuredOutput };

/**
 * juju-sim's own format: one unit's streams as the command wrote them, and its exit code; a task
 * that failed (its changes could not commit, or it was killed) says why after them. Several as plain.
 */
function showHuman(io: CommandIO, done: TaskResults): void {
  const tasks = Object.values(done.tasks);
  if (tasks.length > 1) return showTaskResults(io, plainExecOutput(done.tasks), done);
  const [task] = tasks;
  const { stdout, stderr, 'return-code': code } = results(task);
  io.stdout.write(typeof stdout === 'string' ? stdout : '');
  const errors = typeof stderr === 'string' ? stderr : '';
  if (task.status !== 'failed') {
    io.stderr.write(errors);
    io.exitCode = typeof code === 'number' && code >= 0 ? code : 1;
    return;
  }
  io.stderr.write(withNewline(errors));
  throw new JujuSimError(String(task.message ?? `task ${String(task.id)} failed`));
}

export default (io: CommandIO): Command =>
  new Command('exec')
    .description('Run commands in a hook context of units (like juju exec): a juju-exec task on each; changes commit when they end')
    .usage('[options] (<unit> | --unit <unit>[,<unit>...] | --application <app>[,<app>...]) [--] <command> [<arg>...]')
    .argument('[args...]', 'the unit unless --unit or --application names the targets, then the command, after --')
    .option('-u, --unit <units>', 'the units to run it on (comma-separated; <application>/leader for its leader)', stringList)
    .option('-a, --application <applications>', 'run it on every unit of these applications (comma-separated)', stringList)
    // Juju's second long name for it: commander takes one per option.
    .addOption(new Option('--app <applications>').argParser(stringList).hideHelp())
    .option('--machine <machines>', 'machines: not implemented in juju-sim', stringList)
    .option('--all', 'every machine: not implemented in juju-sim')
    .option('-r, --relation <id>', 'relation context, as <endpoint>:<id> or <id>; its only remote unit is the remote unit unless one is given')
    .option('--remote-unit <unit>', 'remote unit (JUJU_REMOTE_UNIT), a member of the relation')
    .option('--remote-app <application>', 'remote application (JUJU_REMOTE_APP)')
    .option('--force-remote-unit', 'take --remote-unit as given, member of the relation or not, and infer none')
    .option('--wait <duration>', 'the longest wait for the results, and for the commands to run (default 5m)', duration)
    .addOption(new Option('--format <format>', 'output format (juju: plain by default; juju-sim: human)').choices(['plain', 'json', 'yaml', 'human']))
    .action(async function (this: Command, args: string[], opts: ExecOptions) {
      if (opts.all || opts.machine) throw new JujuSimError('exec on machines is not implemented in juju-sim: there are no machines');
      const juju = this.parent?.name() === 'juju';
      // The unit first is juju-sim's own form; Juju's names its targets with flags only.
      const targeted = juju || opts.unit !== undefined || opts.application !== undefined || opts.app !== undefined;
      const [units, command] = targeted ? [opts.unit ?? [], args] : [args.slice(0, 1), args.slice(1)];
      const applications = [...(opts.application ?? []), ...(opts.app ?? [])];
      if (command.length === 0) this.error('no commands specified', { exitCode: 2 });
      if (units.length === 0 && applications.length === 0) {
        this.error('You must specify a target, either through --all, --machine, --application or --unit', { exitCode: 2 });
      }
      const invalid = invalidTargets(units, applications);
      if (invalid !== undefined) this.error(invalid, { exitCode: 2 });
      // Empty is unset, as juju-exec takes its flags.
      const remoteUnit = opts.remoteUnit || undefined;
      const remoteApp = opts.remoteApp || undefined;
      // juju-exec's Init: the remote application is the remote unit's, which must be a unit name.
      if (remoteUnit !== undefined && remoteApp === undefined && unitApplication(remoteUnit) === undefined) {
        this.error(`remoteUnit "${remoteUnit}" is not a valid unit name: "${remoteUnit}" is not a valid unit name`, { exitCode: 2 });
      }
      const waitMs = opts.wait || defaultWaitMs;
      const reply = await io.call('exec', {
        units,
        applications,
        command: commandString(command),
        timeoutMs: Math.ceil(waitMs),
        relation: opts.relation,
        remoteUnit,
        remoteApp,
        forceRemoteUnit: opts.forceRemoteUnit,
      });
      const done = await waitForOperation(io, reply, { waitMs, hideProgress: true });
      if (!done) return;
      const format = opts.format ?? (juju ? 'plain' : 'human');
      if (format === 'human') showHuman(io, done);
      else showTaskResults(io, render[format](done.tasks), done);
    });
