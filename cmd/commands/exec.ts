import { Command } from 'commander';
import { stringify } from 'yaml';
import { failedTasksMessage } from '../action-output.js';
import { JujuSimError } from '../../core/errors.js';
import { unitApplication } from '../../core/names.js';
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
  format: Format;
}

export default (io: CommandIO): Command =>
  new Command('exec')
    .description('Run a command in a hook context of a unit (like juju exec); changes commit on exit 0')
    .argument('<unit>')
    .argument('<command...>', 'the command, after --')
    .option('-r, --relation <id>', 'relation context, as <endpoint>:<id> or <id>; its only remote unit is the remote unit unless one is given')
    .option('--remote-unit <unit>', 'remote unit (JUJU_REMOTE_UNIT), a member of the relation')
    .option('--remote-app <application>', 'remote application (JUJU_REMOTE_APP)')
    .option('--force-remote-unit', 'take --remote-unit as given, member of the relation or not, and infer none')
    .addOption(formatOption())
    .action(async function (this: Command, unit: string, command: string[], opts: ExecOptions) {
      // Empty is unset, as juju-exec takes its flags.
      const remoteUnit = opts.remoteUnit || undefined;
      const remoteApp = opts.remoteApp || undefined;
      // juju-exec's Init: the remote application is the remote unit's, which must be a unit name.
      if (remoteUnit !== undefined && remoteApp === undefined && unitApplication(remoteUnit) === undefined) {
        this.error(`remoteUnit "${remoteUnit}" is not a valid unit name: "${remoteUnit}" is not a valid unit name`, { exitCode: 2 });
      }
      const { relation, forceRemoteUnit } = opts;
      const result = await io.call('exec', { unit, command: commandString(command), relation, remoteUnit, remoteApp, forceRemoteUnit });
      if (opts.format === 'human') {
        io.stdout.write(result.stdout);
        io.stderr.write(result.stderr);
        io.exitCode = result.code;
        return;
      }
      const results = {
        'return-code': result.code,
        ...(result.stdout ? { stdout: result.stdout } : {}),
        ...(result.stderr ? { stderr: result.stderr } : {}),
      };
      const envelope = { [result.unit]: { id: result.id, results, status: 'completed', unit: result.unit } };
      io.stdout.write(opts.format === 'json' ? `${JSON.stringify(envelope)}\n` : stringify(envelope));
      if (result.code !== 0) throw new JujuSimError(failedTasksMessage([{ id: result.id, code: result.code }]));
    });
