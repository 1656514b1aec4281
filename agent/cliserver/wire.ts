// The command line's protocol, between the native front end (hooktools/client/jujuc.c, called
// as juju-sim) and the daemon's command-line server. It is built of the tool protocol's parts
// (agent/toolserver/wire.ts): messages of u32-length fields, the same replies and the same client
// steps. Unlike a hook tool, a command runs once and for a while (deploy builds, settle waits),
// so one connection carries the whole call:
//
// Greeting (daemon → front end): kind 7, alone, as soon as the daemon accepts the connection. A
//          front end that gets none (a daemon killed with the connection still in its backlog)
//          knows the command never started, and hands the call to the CLI run by Node.
// Request (front end → daemon), then, one message of fields: the command line's name (`juju-sim`), the
//          working directory, the number of arguments (decimal), the arguments, the number of
//          environment variables (decimal), each as `NAME=value` (those the commands read:
//          cmd/io.ts frontEndEnv), then for stdout and for stderr its terminal width in columns
//          (decimal; "0" when unknown), or "" when it is not a terminal.
// Then (daemon → front end), as the command runs, any number of:
//          5 (stdout): u32 length + bytes; 6 (stderr): u32 length + bytes, written at once;
//          1, 3, 4 (a step: read stdin, read a file, write a file), each answered by the front
//          end with one message of the four fields of the step's outcome (kind, path, error,
//          bytes read), on the same connection, before the command goes on;
//          8 (run a program in the caller's terminal: debug-hook's shell): one message of fields,
//          the working directory, the number of arguments (decimal), the arguments, the number
//          of environment variables (decimal), each as `NAME=value`; the front end runs it on its
//          own stdin, stdout and stderr, ignoring SIGINT and SIGQUIT meanwhile, and answers once it
//          has ended with one message of three fields: an error ("" when it ran), the exit code
//          (decimal, "" when a signal killed it) and the signal's number (decimal, or ""). Should
//          the connection close meanwhile (the daemon stopping), the front end hangs the program up;
//          and last 0 (result) with the exit status and no output, or 2 (request error).
//
// The front end takes each step at most once per call, and everything it reads for a call
// stays within maxRequestBytes, as for a hook tool. A front end that goes away (Ctrl-C) ends its
// command's waits; the daemon goes on.
import type { InteractiveProgram } from '../../cmd/io.js';
import {
  countField,
  Decoder,
  encodeFields,
  encodeReply,
  field,
  parseReplyOfKind,
  readField,
  readFields,
  stepFieldCount,
  stepFields,
  takenStep,
  WireError,
  type Parser,
  type Reply,
  type TakenStep,
} from '../toolserver/wire.js';

/** How one of the caller's outputs is: a terminal of some width, or not a terminal. */
export type Terminal = { columns: number } | undefined;

/** One call of the command line. */
export interface CommandLineRequest {
  /** The name the front end was called by: `juju-sim` (later also `juju`). */
  name: string;
  /** The caller's working directory. */
  dir: string;
  args: string[];
  env: Record<string, string>;
  stdout: Terminal;
  stderr: Terminal;
}

/** How it went, as the front end answers: why it could not run, or its exit code or signal number. */
export interface InteractiveOutcome {
  error: string;
  code: number | null;
  signal: number | null;
}

export type CommandLineMessage =
  | Reply
  | { kind: 'stdout'; data: Buffer }
  | { kind: 'stderr'; data: Buffer }
  | { kind: 'greeting' }
  | { kind: 'interactive'; program: InteractiveProgram };

const outputKinds = { stdout: 5, stderr: 6 } as const;
const greetingKind = 7;
const interactiveKind = 8;

const terminalField = (terminal: Terminal): string => (terminal === undefined ? '' : String(terminal.columns));

export function encodeCommandLineRequest(req: CommandLineRequest): Buffer {
  const env = envEntries(req.env);
  return encodeFields([
    req.name,
    req.dir,
    String(req.args.length),
    ...req.args,
    String(env.length),
    ...env,
    terminalField(req.stdout),
    terminalField(req.stderr),
  ]);
}

/** `NAME=value` entries of an environment. */
const envEntries = (env: Record<string, string>): string[] => Object.entries(env).map(([name, value]) => `${name}=${value}`);

/** An environment from its `NAME=value` fields. */
function parseEnv(entries: Buffer[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const text = entry.toString();
    const eq = text.indexOf('=');
    if (eq <= 0) throw new WireError(`environment entry ${JSON.stringify(text)} is not NAME=value`);
    env[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return env;
}

function terminal(data: Buffer): Terminal {
  const text = data.toString();
  if (text === '') return undefined;
  if (!/^(0|[1-9][0-9]{0,5})$/.test(text)) throw new WireError(`terminal width is ${JSON.stringify(text)}, want a number or ""`);
  return { columns: Number(text) };
}

function* parseCommandLineRequest(): Parser<CommandLineRequest> {
  // name, dir, argument count, environment count, two terminals.
  const fields = yield* readFields('request', 6);
  const argCount = countField(fields, 2, 'argument');
  const envAt = 3 + argCount;
  const envCount = countField(fields, envAt, 'environment');
  const end = envAt + 1 + envCount;
  if (fields.length !== end + 2) throw new WireError(`${fields.length - end} fields after the environment, want 2`);
  const env = parseEnv(fields.slice(envAt + 1, end));
  return {
    name: fields[0].toString(),
    dir: fields[1].toString(),
    args: fields.slice(3, envAt).map((a) => a.toString()),
    env,
    stdout: terminal(fields[end]),
    stderr: terminal(fields[end + 1]),
  };
}

export const commandLineRequestDecoder = (): Decoder<CommandLineRequest> => new Decoder(parseCommandLineRequest());

export function encodeCommandLineMessage(message: CommandLineMessage): Buffer {
  if (message.kind === 'greeting') return Buffer.of(greetingKind);
  if (message.kind === 'interactive') {
    const { argv, env, cwd } = message.program;
    const entries = envEntries(env);
    return Buffer.concat([Buffer.of(interactiveKind), encodeFields([cwd, String(argv.length), ...argv, String(entries.length), ...entries])]);
  }
  if (message.kind === 'stdout' || message.kind === 'stderr') return Buffer.concat([Buffer.of(outputKinds[message.kind]), ...field(message.data)]);
  return encodeReply(message);
}

function* parseCommandLineMessage(): Parser<CommandLineMessage> {
  const kind = (yield 1)[0];
  if (kind === greetingKind) return { kind: 'greeting' };
  if (kind === interactiveKind) {
    // cwd, argument count, environment count.
    const fields = yield* readFields('program', 3);
    const argCount = countField(fields, 1, 'argument');
    const envAt = 2 + argCount;
    if (envAt >= fields.length) throw new WireError('no environment count after the arguments');
    const envCount = countField(fields, envAt, 'environment');
    if (fields.length !== envAt + 1 + envCount) throw new WireError(`${fields.length - envAt - 1 - envCount} fields after the environment, want 0`);
    const program = { cwd: fields[0].toString(), argv: fields.slice(2, envAt).map((a) => a.toString()), env: parseEnv(fields.slice(envAt + 1)) };
    return { kind: 'interactive', program };
  }
  if (kind === outputKinds.stdout || kind === outputKinds.stderr) {
    const data = yield* readField();
    return kind === outputKinds.stdout ? { kind: 'stdout', data } : { kind: 'stderr', data };
  }
  return yield* parseReplyOfKind(kind);
}

/** Decodes one message of the daemon's (for tests and the bench, which play the front end). */
export const commandLineMessageDecoder = (): Decoder<CommandLineMessage> => new Decoder(parseCommandLineMessage());

/** A step's outcome, as the front end sends it after taking the step. */
export const encodeStepOutcome = (step: TakenStep): Buffer => encodeFields(stepFields(step));

function* parseStepOutcome(): Parser<TakenStep> {
  return takenStep(yield* readFields('step outcome', stepFieldCount, stepFieldCount));
}

export const stepOutcomeDecoder = (): Decoder<TakenStep> => new Decoder(parseStepOutcome());

/** A program's outcome, as the front end sends it once the program has ended. */
export const encodeInteractiveOutcome = (outcome: InteractiveOutcome): Buffer =>
  encodeFields([outcome.error, outcome.code === null ? '' : String(outcome.code), outcome.signal === null ? '' : String(outcome.signal)]);

/** A decimal of at most 3 digits, or null for "". */
function smallNumber(data: Buffer, what: string): number | null {
  const text = data.toString();
  if (text === '') return null;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(text)) throw new WireError(`${what} is ${JSON.stringify(text)}, want a number or ""`);
  return Number(text);
}

function* parseInteractiveOutcome(): Parser<InteractiveOutcome> {
  const [error, code, signal] = yield* readFields('program outcome', 3, 3);
  const outcome = { error: error.toString(), code: smallNumber(code, 'exit code'), signal: smallNumber(signal, 'signal') };
  if (outcome.error === '' && (outcome.code === null) === (outcome.signal === null)) throw new WireError('a program outcome wants an exit code or a signal');
  return outcome;
}

export const interactiveOutcomeDecoder = (): Decoder<InteractiveOutcome> => new Decoder(parseInteractiveOutcome());
