import { Command } from 'commander';
import { stringify } from 'yaml';
import { failedTasksMessage } from '../action-output.js';
import { call } from '../../agent/control/client.js';
import { JujuSimError } from '../../core/errors.js';
import { formatOption, type Format } from '../output.js';

/** Juju's utils.CommandString: one argument verbatim, several each shell-quoted. */
export function commandString(args: string[]): string {
  if (args.length === 1) return args[0];
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'"'"'`)}'`)).join(' ');
}

export default (): Command =>
  new Command('exec')
    .description('Run a command in a hook context of a unit (like juju exec); changes commit on exit 0')
    .argument('<unit>')
    .argument('<command...>', 'the command, after --')
    .option('-r, --relation <id>', 'relation context, as <endpoint>:<id> or <id>')
    .option('--remote-unit <unit>', 'remote unit (JUJU_REMOTE_UNIT)')
    .option('--remote-app <application>', 'remote application (JUJU_REMOTE_APP)')
    .addOption(formatOption())
    .action(async (unit: string, command: string[], opts: { relation?: string; remoteUnit?: string; remoteApp?: string; format: Format }) => {
      const { relation, remoteUnit, remoteApp } = opts;
      const result = await call('exec', { unit, command: commandString(command), relation, remoteUnit, remoteApp });
      if (opts.format === 'human') {
        process.stdout.write(result.stdout);
        process.stderr.write(result.stderr);
        process.exitCode = result.code;
        return;
      }
      const results = {
        'return-code': result.code,
        ...(result.stdout ? { stdout: result.stdout } : {}),
        ...(result.stderr ? { stderr: result.stderr } : {}),
      };
      const envelope = { [result.unit]: { id: result.id, results, status: 'completed', unit: result.unit } };
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(envelope)}\n` : stringify(envelope));
      if (result.code !== 0) throw new JujuSimError(failedTasksMessage([{ id: result.id, code: result.code }]));
    });
