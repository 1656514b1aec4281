// One hook-tool invocation, run the way juju/cmd's Main runs a jujuc command: options, then
// Init (argument checks, exit 2), then Run (exit 1); `ERROR <message>` on stderr; -h/--help
// prints the help on stdout and exits 0.

import { UsageError } from '../core/errors.js';
import { FlagSet, goQuoteList } from '../core/gnuflag.js';
import type { HookContext } from '../core/hook-context.js';
import { NeedClientStepError, type ToolIO } from '../core/tool-io.js';

export interface ToolInfo {
  /** e.g. 'relation-get' */
  name: string;
  /** e.g. '<key> <unit id>' */
  args?: string;
  /** One-line summary. */
  purpose: string;
  /** Details paragraph(s). */
  doc?: string;
  examples?: string;
}

export interface ToolCommand {
  info(): ToolInfo;
  /** Declares the options (may read the context for defaults). */
  setFlags(f: FlagSet): void;
  /** Validates the positional args; a throw exits 2. May read the client's files, which Juju's
   *  secret tools read in Init. */
  init(args: string[], io: ToolIO): void;
  /** Does the work; a throw prints `ERROR <message>` and exits 1. */
  run(io: ToolIO): void;
  /** Skip option parsing: every argument reaches init() as is. */
  readonly acceptsAnyArgs?: boolean;
}

/** Makes a tool's command for one call, over the hook context it runs in. */
export type ToolFactory = (ctx: HookContext) => ToolCommand;

/** Runs one invocation; returns the exit code. NeedClientStepError is re-thrown wherever it arises. */
export function runCommand(cmd: ToolCommand, args: string[], io: ToolIO): number {
  const flags = new FlagSet(cmd.info().name);
  cmd.setFlags(flags);
  let positional: string[];
  try {
    positional = cmd.acceptsAnyArgs ? args : flags.parse(args);
  } catch (err) {
    return reportError(io, err, 2);
  }
  if (flags.helpRequested) {
    io.stdout.write(helpText(cmd.info(), flags));
    return 0;
  }
  try {
    cmd.init(positional, io);
  } catch (err) {
    return reportError(io, err, 2);
  }
  try {
    cmd.run(io);
  } catch (err) {
    return reportError(io, err, 1);
  }
  return 0;
}

function reportError(io: ToolIO, err: unknown, code: number): number {
  if (err instanceof NeedClientStepError) throw err;
  io.stderr.write(`ERROR ${err instanceof Error ? err.message : String(err)}\n`);
  return code;
}

/** juju/cmd's Info.Help: sections without content are left out; examples are printed as given. */
export function helpText(info: ToolInfo, flags: FlagSet): string {
  const options = flags.defaults();
  let text = `Usage: ${info.name}`;
  if (options !== '') text += ' [options]';
  if (info.args) text += ` ${info.args}`;
  text += '\n';
  if (info.purpose) text += `\nSummary:\n${info.purpose.trim()}\n`;
  if (options !== '') text += `\nOptions:\n${options}`;
  if (info.doc) text += `\nDetails:\n${info.doc.trim()}\n`;
  if (info.examples) text += `\nExamples:\n${info.examples}`;
  return text;
}

/** `unrecognized args: ["a" "b"]` when args is non-empty. */
export function checkEmpty(args: string[]): void {
  if (args.length > 0) throw new UsageError(`unrecognized args: ${goQuoteList(args)}`);
}
