// juju-sim's command line: one subcommand per file in commands/. A fresh program is built for
// each run, over the CommandIO of that run (io.ts): main.ts runs it in a Node process, the daemon
// runs it for each call of the native front end (agent/cliserver/).
import { Command, CommanderError } from 'commander';
import { goQuote } from '../core/gnuflag.js';
import { jujuCommandNames } from './juju-command-names.js';
import addCloud from './commands/add-cloud.js';
import updateCloud from './commands/update-cloud.js';
import removeCloud from './commands/remove-cloud.js';
import showCloud from './commands/show-cloud.js';
import clouds from './commands/clouds.js';
import addCredential from './commands/add-credential.js';
import credentials from './commands/credentials.js';
import addModel from './commands/add-model.js';
import addSecret from './commands/add-secret.js';
import addUnit from './commands/add-unit.js';
import build from './commands/build.js';
import config from './commands/config.js';
import consume from './commands/consume.js';
import daemon from './commands/daemon.js';
import debugHook from './commands/debug-hook.js';
import debugLog from './commands/debug-log.js';
import diff from './commands/diff.js';
import deploy from './commands/deploy.js';
import destroyModel from './commands/destroy-model.js';
import elect from './commands/elect.js';
import exec from './commands/exec.js';
import exportBundle from './commands/export-bundle.js';
import fire from './commands/fire.js';
import grantSecret from './commands/grant-secret.js';
import history from './commands/history.js';
import integrate from './commands/integrate.js';
import modelConfig from './commands/model-config.js';
import modelConstraints from './commands/model-constraints.js';
import offer from './commands/offer.js';
import offers from './commands/offers.js';
import models from './commands/models.js';
import pack from './commands/pack.js';
import pause from './commands/pause.js';
import refresh from './commands/refresh.js';
import removeApplication from './commands/remove-application.js';
import removeOffer from './commands/remove-offer.js';
import removeRelation from './commands/remove-relation.js';
import removeSaas from './commands/remove-saas.js';
import removeSecret from './commands/remove-secret.js';
import removeUnit from './commands/remove-unit.js';
import resolve from './commands/resolve.js';
import resume from './commands/resume.js';
import revokeSecret from './commands/revoke-secret.js';
import run from './commands/run.js';
import secrets from './commands/secrets.js';
import setModelConstraints from './commands/set-model-constraints.js';
import settle from './commands/settle.js';
import showModel from './commands/show-model.js';
import showOffer from './commands/show-offer.js';
import operations from './commands/operations.js';
import showOperation from './commands/show-operation.js';
import showSecret from './commands/show-secret.js';
import showTask from './commands/show-task.js';
import showUnit from './commands/show-unit.js';
import showStatusLog from './commands/show-status-log.js';
import show from './commands/show.js';
import status from './commands/status.js';
import step from './commands/step.js';
import switchModel from './commands/switch.js';
import trust from './commands/trust.js';
import updateSecret from './commands/update-secret.js';
import updateStatus from './commands/update-status.js';
import version from './commands/version.js';
import type { CommandIO } from './io.js';
import { withModelOption } from './model-option.js';

/** The commands that act on one model: each takes -m/--model. */
const modelCommands = [
  ...[deploy, exportBundle, refresh, addUnit, integrate, removeRelation, removeUnit, removeApplication],
  ...[trust, modelConstraints, setModelConstraints],
  ...[config, modelConfig, elect, updateStatus, pause, resume, settle, step],
  ...[status, show, showUnit, showStatusLog, fire, exec, run, showTask, showOperation, operations, resolve, history, diff, debugLog, debugHook],
  ...[addSecret, updateSecret, removeSecret, secrets, showSecret, grantSecret, revokeSecret],
  ...[consume, removeSaas, offers, showOffer, removeOffer],
];
const commands = [
  ...[build, pack, addModel, destroyModel, models, showModel, switchModel, version, daemon],
  ...[addCloud, updateCloud, removeCloud, showCloud, clouds, addCredential, credentials],
  offer,
];

/**
 * What `juju` runs: the commands that are Juju's too, with Juju's arguments, meaning and output,
 * so that scripts and test libraries written for Juju (jubilant) run unchanged against juju-sim.
 * What only juju-sim has (fire, settle, pause, build, …) is not a juju command.
 */
const jujuCommands = new Set([
  ...['deploy', 'refresh', 'add-unit', 'integrate', 'remove-relation', 'remove-unit', 'remove-application', 'export-bundle'],
  ...['trust', 'model-constraints', 'set-model-constraints'],
  ...['config', 'model-config', 'status', 'show-unit', 'show-status-log', 'exec', 'run', 'show-task', 'show-operation', 'operations', 'resolve', 'debug-log', 'debug-hooks', 'version'],
  ...['add-model', 'destroy-model', 'models', 'show-model', 'switch'],
  ...['add-cloud', 'update-cloud', 'remove-cloud', 'show-cloud', 'clouds', 'add-credential', 'credentials'],
  ...['add-secret', 'update-secret', 'remove-secret', 'secrets', 'show-secret', 'grant-secret', 'revoke-secret'],
  ...['offer', 'consume', 'remove-saas', 'offers', 'show-offer', 'remove-offer'],
]);

/** The command lines the front end may be called as. */
export type CommandLineName = 'juju-sim' | 'juju';

/** Commander's usage errors in the words Juju's CLI uses for the same mistakes. */
function jujuWording(text: string, name: CommandLineName): string {
  return text
    .replace(/^error: /, '')
    .replace(/^unknown option '([^']*)'/, 'option provided but not defined: $1')
    .replace(/^option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/, 'option needs an argument: $1')
    .replace(
      /^option '(?:-\w, )?(--[\w-]+)[^']*' argument '([\s\S]*)' is invalid\. /,
      (_, option: string, value: string) => `invalid value ${goQuote(value)} for option ${option}: `,
    )
    .replace(/^unknown command '([^']*)'/, `${name}: "$1" is not a ${name} command. See "${name} --help".`);
}

/**
 * Errors print as Juju's do (`ERROR <message>`) and end the program through the catch below; so
 * do those of subcommands (`daemon start`).
 */
const jujuStyle = (command: Command, io: CommandIO, name: CommandLineName): Command => {
  command.exitOverride().configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: (text, write) => write(`ERROR ${jujuWording(text, name)}`),
    // Commander takes 80 when there is none (not a terminal), as it does for its own streams.
    getOutHelpWidth: () => io.stdout.columns ?? 80,
    getErrHelpWidth: () => io.stderr.columns ?? 80,
    // juju-sim's help has no colours to keep or strip.
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  });
  for (const sub of command.commands) jujuStyle(sub, io, name);
  return command;
};

/**
 * Runs `juju-sim <args>` (or `juju <args>`) and returns its exit status: 0, the command's own, 1
 * for an error (`ERROR <message>` on stderr), 2 for a usage error, as Juju's CLI.
 */
export async function runCommandLine(args: string[], io: CommandIO, name: string = 'juju-sim'): Promise<number> {
  if (name !== 'juju-sim' && name !== 'juju') {
    io.stderr.write(`ERROR the ${name} command line is not implemented in juju-sim\n`);
    return 1;
  }
  const description =
    name === 'juju'
      ? "Juju's command line, answered by juju-sim: local models, no controller"
      : 'Run real charms against an emulated Juju 3.6 unit agent and controller, locally';
  const program = jujuStyle(new Command(name).description(description), io, name);
  const wanted = (command: Command): boolean => name === 'juju-sim' || jujuCommands.has(command.name());
  for (const make of modelCommands) {
    const command = withModelOption(make, io);
    if (wanted(command)) program.addCommand(jujuStyle(command, io, name));
  }
  for (const make of commands) {
    const command = make(io);
    if (wanted(command)) program.addCommand(jujuStyle(command, io, name));
  }
  const [first] = args;
  if (name === 'juju' && first !== undefined && jujuCommandNames.has(first) && first !== 'help' && !program.commands.some((c) => c.name() === first || c.aliases().includes(first))) {
    io.stderr.write(`ERROR juju ${first} is not implemented in juju-sim\n`);
    return 1;
  }
  try {
    await program.parseAsync(args, { from: 'user' });
    return io.exitCode;
  } catch (err) {
    // Help and version exit 0; usage errors exit 2, as Juju's CLI does.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.stderr.write(`ERROR ${(err as Error).message}\n`);
    return 1;
  }
}
