import { Command } from 'commander';
import { stringify } from 'yaml';
import { failedTasksMessage } from '../action-output.js';
import { JujuSimError } from '../../core/errors.js';
import { unitApplication } from '../../core/names.js';
import { duration } from '../options.js';
import { formatOption, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

/** Juju's utils.CommandString: one argument verbatim, several each shell-quoted. */
export function commandString(args: string[]): string {
  if (args.length === 1) return args[0];
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'"'"'`)}'`)).join(' ');
}

interface ExecOptions {
  relation?: string;
  remoteUnit?: string;
  remoteApp?: string;
  forceRemoteUnit?: boolean;
  unit?: string[];
  wait?: number;
  format: Format;
}

/** What `promise` gives before `deadline` (ms since the epoch), or undefined after it. */
async function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  // What ends after the deadline is no one's to hear: its failure must not go unhandled (in the daemon, that would end it).
  promise.catch(() => undefined);
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()))));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `--unit a/0,b/1` as Juju splits it: comma-separated, blanks dropped. */
const unitList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((u) => u.trim()).filter(Boolean)];

export default (io: CommandIO): Command =>
  new Command('exec')
    .description('Run a command in a hook context of a unit (like juju exec); changes commit on exit 0')
    .usage('[options] (<unit> | --unit <unit>[,<unit>...]) [--] <command> [<arg>...]')
    .argument('[args...]', 'the unit unless --unit names it, then the command, after --')
    .option('-u, --unit <units>', "the units to run it on, as juju exec takes them (comma-separated)", unitList)
    .option('-r, --relation <id>', 'relation context, as <endpoint>:<id> or <id>; its only remote unit is the remote unit unless one is given')
    .option('--remote-unit <unit>', 'remote unit (JUJU_REMOTE_UNIT), a member of the relation')
    .option('--remote-app <application>', 'remote application (JUJU_REMOTE_APP)')
    .option('--force-remote-unit', 'take --remote-unit as given, member of the relation or not, and infer none')
    .option('--wait <duration>', 'the longest wait for the results; the command goes on running after it', duration)
    .addOption(formatOption())
    .action(async function (this: Command, args: string[], opts: ExecOptions) {
      const [units, command] = opts.unit ? [opts.unit, args] : [args.slice(0, 1), args.slice(1)];
      if (command.length === 0) this.error('no commands specified', { exitCode: 2 });
      // Empty is unset, as juju-exec takes its flags.
      const remoteUnit = opts.remoteUnit || undefined;
      const remoteApp = opts.remoteApp || undefined;
      // juju-exec's Init: the remote application is the remote unit's, which must be a unit name.
      if (remoteUnit !== undefined && remoteApp === undefined && unitApplication(remoteUnit) === undefined) {
        this.error(`remoteUnit "${remoteUnit}" is not a valid unit name: "${remoteUnit}" is not a valid unit name`, { exitCode: 2 });
      }
      const { relation, forceRemoteUnit } = opts;
      const deadline = opts.wait === undefined ? undefined : Date.now() + opts.wait;
      const results = [];
      for (const [i, unit] of units.entries()) {
        const ran = io.call('exec', { unit, command: commandString(command), relation, remoteUnit, remoteApp, forceRemoteUnit });
        const result = deadline === undefined ? await ran : await beforeDeadline(ran, deadline);
        // As Juju's --wait: the command goes on running; the caller stops waiting for it.
        if (result === undefined) throw new JujuSimError(`timed out waiting for results from: ${units.slice(i).map((u) => `unit ${u}`).sort().join(', ')}`);
        results.push(result);
      }
      if (opts.format === 'human' && results.length === 1) {
        const [result] = results;
        io.stdout.write(result.stdout);
        io.stderr.write(result.stderr);
        io.exitCode = result.code;
        return;
      }
      const envelope = Object.fromEntries(
        results.map((result) => {
          const streams = {
            'return-code': result.code,
            ...(result.stdout ? { stdout: result.stdout } : {}),
            ...(result.stderr ? { stderr: result.stderr } : {}),
          };
          return [result.unit, { id: result.id, results: streams, status: 'completed', unit: result.unit }];
        }),
      );
      io.stdout.write(opts.format === 'json' ? `${JSON.stringify(envelope)}\n` : stringify(envelope));
      const failed = results.filter((result) => result.code !== 0).map((result) => ({ id: result.id, code: result.code }));
      if (failed.length > 0) throw new JujuSimError(failedTasksMessage(failed));
    });
