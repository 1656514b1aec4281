#!/usr/bin/env node
// juju-sim: a local Juju unit agent and controller. One subcommand per file in commands/.
import { Command, CommanderError } from 'commander';
import { goQuote } from '../core/gnuflag.js';
import addUnit from './commands/add-unit.js';
import build from './commands/build.js';
import config from './commands/config.js';
import daemon from './commands/daemon.js';
import debugLog from './commands/debug-log.js';
import deploy from './commands/deploy.js';
import elect from './commands/elect.js';
import exec from './commands/exec.js';
import exportBundle from './commands/export-bundle.js';
import fire from './commands/fire.js';
import history from './commands/history.js';
import integrate from './commands/integrate.js';
import modelConfig from './commands/model-config.js';
import pause from './commands/pause.js';
import removeApplication from './commands/remove-application.js';
import removeRelation from './commands/remove-relation.js';
import refresh from './commands/refresh.js';
import removeUnit from './commands/remove-unit.js';
import resolve from './commands/resolve.js';
import resume from './commands/resume.js';
import run from './commands/run.js';
import settle from './commands/settle.js';
import show from './commands/show.js';
import showUnit from './commands/show-unit.js';
import status from './commands/status.js';
import step from './commands/step.js';
import updateStatus from './commands/update-status.js';

const commands = [
  ...[build, deploy, exportBundle, refresh, addUnit, integrate, removeRelation, removeUnit, removeApplication],
  ...[config, modelConfig, elect, updateStatus, pause, resume, settle, step],
  ...[status, show, showUnit, fire, exec, run, resolve, history, debugLog, daemon],
];

/** Commander's usage errors in the words Juju's CLI uses for the same mistakes. */
function jujuWording(text: string): string {
  return text
    .replace(/^error: /, '')
    .replace(
      /^option '(?:-\w, )?(--[\w-]+)[^']*' argument '([\s\S]*)' is invalid\. /,
      (_, option: string, value: string) => `invalid value ${goQuote(value)} for option ${option}: `,
    )
    .replace(/^unknown option '([^']*)'/, 'option provided but not defined: $1')
    .replace(/^option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/, 'option needs an argument: $1')
    .replace(/^unknown command '([^']*)'/, 'juju-sim: "$1" is not a juju-sim command. See "juju-sim --help".');
}

/**
 * Errors print as Juju's do (`ERROR <message>`) and end the program through the catch below; so
 * do those of subcommands (`daemon start`).
 */
const jujuStyle = (command: Command): Command => {
  command.exitOverride().configureOutput({ outputError: (text, write) => write(`ERROR ${jujuWording(text)}`) });
  command.commands.forEach(jujuStyle);
  return command;
};

const program = jujuStyle(
  new Command('juju-sim').description('Run real charms against an emulated Juju 3.6 unit agent and controller, locally'),
);
for (const make of commands) program.addCommand(jujuStyle(make()));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage errors exit 2, as Juju's CLI does.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`ERROR ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
