import { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { CommandIO } from '../io.js';

function parseRevision(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`invalid --revision "${value}": want a positive integer`);
  return Number(value);
}

export default (io: CommandIO): Command =>
  new Command('fire')
    .description('Run one hook now on one unit; report its output and exit code')
    .argument('<hook>', 'hook name, e.g. install or db-relation-changed')
    .option('-u, --unit <unit>', 'the unit to run it on (needed when several could)')
    .option('--remote <unit-or-app>', 'remote unit (JUJU_REMOTE_UNIT), or the remote application for an app-level relation-changed')
    .option('-r, --relation <id>', 'relation id, as <endpoint>:<id> or <id> (needed when the endpoint has several)')
    .option('--secret <uri>', 'the secret of a secret hook (JUJU_SECRET_ID)')
    .option('--revision <n>', 'the secret revision of secret-remove or secret-expired (JUJU_SECRET_REVISION)', (v) => parseRevision(v))
    .action(async (hook: string, opts: { unit?: string; remote?: string; relation?: string; secret?: string; revision?: number }) => {
      const outcome = await io.call('fire', { hook, ...opts });
      io.stdout.write(outcome.stdout ?? '');
      io.stderr.write(outcome.stderr ?? '');
      if (outcome.outcome === 'missing') io.stderr.write(`${outcome.unit}: no handler for "${outcome.hook}" (skipped, as Juju does)\n`);
      if (outcome.outcome === 'failed') {
        io.stderr.write(`ERROR ${outcome.unit}: hook failed: "${outcome.hook}": ${outcome.message}\n`);
        io.exitCode = outcome.code && outcome.code > 0 ? outcome.code : 1;
      }
    });
