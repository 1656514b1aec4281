// `debug-hook UNIT [HOOK...]` (Juju's `debug-hooks`, which also answers to `debug-hook`): the
// unit's next hook or action that it names (any, when none does) runs not its handler but a shell
// in the user's terminal, in the hook's exact environment and charm directory, its context open
// for the hook tools. The shell's exit status is the hook's: 0 commits, anything else fails the
// hook. Juju's runs that shell in tmux over ssh and keeps trapping hooks until the tmux session
// is killed; juju-sim runs it right here, for one hook per call.
import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import type { HeldHook, Result } from '../../agent/control/protocol.js';
import { JujuSimError } from '../../core/errors.js';
import { goQuote } from '../../core/gnuflag.js';
import { unitApplication } from '../../core/names.js';
import type { CommandIO, ProgramExit } from '../io.js';

interface DebugHookOptions {
  printEnv?: boolean;
  format: 'human' | 'json';
  fire?: boolean;
  remote?: string;
  relation?: string;
}

/** The shell, as Juju's debug session starts one (without its init file: no tmux to explain). */
const shell = ['/bin/bash', '--noprofile', '--norc'];

/** An environment as `NAME=value` lines, sorted by name. */
export const envLines = (env: Record<string, string>): string =>
  Object.keys(env)
    .sort()
    .map((name) => `${name}=${env[name]}\n`)
    .join('');

/** What the user is told before the shell starts: what is held, and how to run and end it. */
export function banner(held: HeldHook): string {
  const what = held.kind === 'hook' ? `the "${held.hook}" hook` : `the "${held.hook}" action`;
  const run = held.handler
    ? `  ./${held.handler}    runs the charm's handler, as ${held.unit} would have\n`
    : `  (the charm has no handler for it: Juju would have skipped it)\n`;
  return (
    `${held.unit}: debugging ${what} in a shell in its environment (${held.charmDir}).\n` +
    run +
    '  hook tools (relation-set, status-set, …) act in its context, as from its handler\n' +
    `  exit 0    ends it: its changes commit\n` +
    `  exit 1    ends it failed: its changes are discarded${held.kind === 'hook' ? ' and the unit is in error' : ''}\n`
  );
}

/** Juju's checks of the unit argument (debugHooksCommand.Init). */
function checkUnit(command: Command, unit: string | undefined): string {
  if (unit === undefined) command.error('no unit name specified', { exitCode: 2 });
  if (unitApplication(unit) === undefined && !unit.endsWith('/leader')) command.error(`${goQuote(unit)} is not a valid unit name`, { exitCode: 2 });
  return unit;
}

/**
 * Reports how the debugged hook or action ended; a failure is the command's. An action's
 * outcome is its task's (`exit`: how the shell ended, which is how the action's handler ended).
 */
function report(io: CommandIO, result: Result<'debug-hook'>, exit: ProgramExit): void {
  const { outcome } = result;
  if (outcome?.outcome === 'failed') throw new JujuSimError(`${outcome.unit}: hook failed: "${outcome.hook}": ${outcome.message}`);
  if (!outcome && exit.code !== 0) {
    const how = exit.signal ? `signal: ${exit.signal}` : `exit status ${exit.code}`;
    throw new JujuSimError(`${result.unit}: action "${result.hook}" failed: ${how}`);
  }
  io.stderr.write(`${result.unit}: the "${result.hook}" ${result.kind} ended: its changes committed\n`);
}

export default (io: CommandIO): Command =>
  new Command('debug-hooks')
    .alias('debug-hook')
    .description("Run a unit's next hook or action as a shell in its environment: you run ./dispatch; exit 0 commits, other fails it")
    .usage('[options] <unit> [hook or action names]')
    .argument('[unit]', 'a unit, or <application>/leader')
    .argument('[hooks...]', 'the hooks and actions to catch (every one when none, or *)')
    .option('--print-env', "print the hook's environment instead, and leave it to run as usual (see help)")
    .addOption(new Option('--format <format>', 'output format of --print-env').choices(['human', 'json']).default('human'))
    .option('--fire', 'run the one hook named now, as `fire` does, instead of waiting until it is due')
    .option('--remote <unit-or-app>', 'with --fire: the remote unit, or application, as for `fire`')
    .option('-r, --relation <id>', 'with --fire: the relation, as <endpoint>:<id> or <id>')
    .addHelpText(
      'after',
      `
The command waits until the unit's next matching hook or action is due (or, with --fire, runs the
hook now), then holds it: its context stays open, no other hook of the unit runs meanwhile (other
units go on), and a shell starts here with the hook's environment, the hook tools on PATH, in the
unit's charm directory. Run ./dispatch (or the tools by hand). Leaving the shell ends the hook:
exit 0 commits its changes; any other status (or the terminal going away) fails it as its
handler's failure would: its changes are discarded and the unit is in error until \`resolve\`.
There is no timeout while the shell runs; \`daemon stop\` ends it.

--print-env prints the environment the hook would run in (NAME=value lines, sorted; or JSON),
from a context prepared for it and then dropped: the hook does not run then and stays due, to run
as usual with another context. Its JUJU_CONTEXT_ID is no one's, so hook tools run with that
environment fail. To run the charm under a debugger with working tools, start the debugger from
the debug shell instead.`,
    )
    .action(async function (this: Command, unitArg: string | undefined, hooks: string[], opts: DebugHookOptions) {
      const unit = checkUnit(this, unitArg);
      if (opts.fire && hooks.length !== 1) this.error('--fire needs exactly one hook name', { exitCode: 2 });
      if (!opts.fire && (opts.remote !== undefined || opts.relation !== undefined)) {
        this.error('--remote and --relation go with --fire', { exitCode: 2 });
      }
      const token = randomUUID();
      const params = { unit, hooks, token, fire: opts.fire, remote: opts.remote, relation: opts.relation };
      if (opts.printEnv) {
        const { environment = {} } = await io.call('debug-hook', { ...params, printEnv: true });
        io.stdout.write(opts.format === 'json' ? `${JSON.stringify(environment, Object.keys(environment).sort())}\n` : envLines(environment));
        return;
      }
      const debugged = io.call('debug-hook', params);
      const holding = io.call('debug-hook-held', { unit, token });
      // Both are awaited below, or given up when the other fails: in the daemon, a rejection nobody handles would end it.
      for (const call of [debugged, holding]) call.catch(() => undefined);
      // The session's failure is the command's, whenever it comes: before the hook is held, it wins the race.
      const held = await Promise.race([holding, debugged.then(() => undefined)]);
      if (held === undefined) throw new JujuSimError('the debug session ended before it held a hook');
      io.stderr.write(banner(held));
      const env: Record<string, string> = { ...held.environment, PS1: `${held.unit}:${held.environment.JUJU_DISPATCH_PATH ?? held.hook} % ` };
      // The shell runs in the user's terminal, whatever its type; the hook's own TERM is tmux's.
      if (io.env.TERM) env.TERM = io.env.TERM;
      const exit = await io.runInteractive({ argv: shell, env, cwd: held.charmDir });
      await io.call('debug-hook-end', { unit: held.unit, token, code: exit.code ?? undefined, signal: exit.signal ?? undefined });
      report(io, await debugged, exit);
    });
