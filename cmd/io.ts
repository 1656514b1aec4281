// A command's input and output. A command touches nothing of `process`: it reads and writes
// through the CommandIO it is given. The Node entry point (main.ts) gives it the process's own
// (processIO); the daemon gives each call of the native front end one over that call's
// connection (agent/cliserver/), where the caller's files and stdin are the front end's to open.
//
// Converting a command written in the old style is mechanical. Its module exports
// `(io: CommandIO) => Command` instead of `() => Command`, and:
//
//   process.stdout.write(x), process.stderr.write(x)  →  io.stdout.write(x), io.stderr.write(x)
//   process.exitCode = n                               →  io.exitCode = n
//   process.cwd(), a relative path                     →  io.cwd, absPath(io.cwd, path)
//   process.env.NAME                                   →  io.env.NAME (NAME must be in frontEndEnv)
//   call(method, params)                               →  io.call(method, params)
//   readFileSync(path) of a file the user named        →  await io.readFile(absPath(io.cwd, path))
//   writeFileSync(path, data) of one                   →  await io.writeFile(absPath(io.cwd, path), data)
//   reading stdin                                      →  await io.stdin()
//   builtCharm(path)                                   →  builtCharm(path, buildOptions(io))
//   spawn(file, args, { stdio: 'inherit' })            →  await io.runInteractive({ argv, env, cwd })
//
// The daemon must never block on what the user names: a FIFO, /dev/zero or a slow disk would
// stall every unit. io.readFile, io.writeFile, io.stdin and io.runInteractive are done by the
// caller's process.
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { call, type ControlCall } from '../agent/control/client.js';
import { cacheRoot } from '../charmbuild/cache.js';
import type { BuildOptions } from '../charmbuild/options.js';
import { readGoFile, writeGoFile } from '../core/go-file.js';

export interface Output {
  write(data: string | Uint8Array): void;
  /** Whether it is a terminal, and its width when it is (undefined when unknown). */
  readonly isTTY: boolean;
  readonly columns?: number;
}

/** A program to run in the caller's terminal: its whole command line, environment and directory. */
export interface InteractiveProgram {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/** How a program ended: its exit code, or the signal that killed it. */
export interface ProgramExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CommandIO {
  readonly stdout: Output;
  readonly stderr: Output;
  /** The caller's working directory, absolute. */
  readonly cwd: string;
  /** The caller's environment: only the variables named in frontEndEnv reach the daemon. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The command's exit status, unless it ends in an error (1) or a usage error (2). */
  exitCode: number;
  /** Aborted when the caller is gone (interrupted, or its connection lost): stop waiting. */
  readonly signal: AbortSignal;
  /** The daemon's control protocol: over its socket, or in process inside the daemon. */
  readonly call: ControlCall;
  /** All of the caller's standard input; read only when asked for, so a command that never
   *  reads it never waits for a pipe nobody closes. */
  stdin(): Promise<Buffer>;
  /** A file (an absolute path) as Go's os.ReadFile reads it; its failure in Go's words. */
  readFile(path: string): Promise<Buffer>;
  /** os.Create and Write of a file (an absolute path); its failure in Go's words. */
  writeFile(path: string, data: string | Buffer): Promise<void>;
  /**
   * Runs a program in the caller's own terminal, on its stdin, stdout and stderr, as a shell runs
   * a job in the foreground, and waits for its end; meanwhile the caller ignores Ctrl-C and
   * Ctrl-\, which are the program's (as system(3) does). A program that cannot start exits 127.
   */
  runInteractive(program: InteractiveProgram): Promise<ProgramExit>;
}

/**
 * The environment variables the commands read, which the front end sends with each call: the
 * home, the build cache (cacheRoot), the model ($JUJU_MODEL), how status prints times, and the
 * terminal's type (TERM, for debug-hook's shell). Everything else a command needs comes from its
 * arguments; the daemon's own environment serves the rest (JUJU_SIM_PYTHON, PATH for builds).
 */
export const frontEndEnv = ['JUJU_SIM_HOME', 'XDG_DATA_HOME', 'HOME', 'JUJU_SIM_CACHE', 'XDG_CACHE_HOME', 'JUJU_MODEL', 'JUJU_STATUS_ISO_TIME', 'TERM'] as const;

/** Where a command's charm builds go and how they report progress: the caller's cache, its stderr. */
export const buildOptions = (io: CommandIO): BuildOptions => ({
  cache: cacheRoot(io.env),
  cwd: io.cwd,
  progress: (line) => io.stderr.write(`${line}\n`),
});

const output = (stream: NodeJS.WriteStream): Output => ({
  write: (data) => void stream.write(data),
  get isTTY() {
    return stream.isTTY === true;
  },
  get columns() {
    return stream.isTTY ? stream.columns : undefined;
  },
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Runs the program on this process's terminal; Ctrl-C and Ctrl-\ reach it alone meanwhile. */
async function runOnTerminal({ argv, env, cwd }: InteractiveProgram): Promise<ProgramExit> {
  const ignore = (): void => {};
  process.on('SIGINT', ignore).on('SIGQUIT', ignore);
  try {
    return await new Promise((resolve) => {
      const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: 'inherit' });
      child.on('error', (err) => {
        process.stderr.write(`ERROR cannot run ${argv[0]}: ${err.message}\n`);
        resolve({ code: 127, signal: null });
      });
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
  } finally {
    process.off('SIGINT', ignore).off('SIGQUIT', ignore);
  }
}

/** The Node process's own: the CLI run by node (daemon subcommands, the fallback, tests). */
export function processIO(): CommandIO {
  return {
    stdout: output(process.stdout),
    stderr: output(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    exitCode: 0,
    // Ctrl-C ends the process, and with it every wait.
    signal: new AbortController().signal,
    call,
    stdin: () => readAll(process.stdin),
    readFile: async (path) => readGoFile(path),
    writeFile: async (path, data) => writeGoFile(path, Buffer.from(data)),
    runInteractive: runOnTerminal,
  };
}
