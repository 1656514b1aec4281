// The daemon's end of the native front end: a unix socket on which each connection is one run of
// the command line (cmd/program.ts), in the daemon's process, with that connection as its I/O
// (agent/cliserver/wire.ts). Commands call the daemon in process, through the same typed control
// protocol as over the control socket. The one door into cmd/ is here, as the tool server's into
// hooktools/ is its registry.
import type net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { inProcessCall, type ControlHandler } from '../control/client.js';
import { frontEndEnv, type CommandIO, type InteractiveProgram, type Output, type ProgramExit } from '../../cmd/io.js';
import { runCommandLine } from '../../cmd/program.js';
import { signalName } from '../../core/signals.js';
import type { ClientStep } from '../../core/tool-io.js';
import { SocketServer } from '../socket-server.js';
import { stepPath, WireError, type Decoder } from '../toolserver/wire.js';
import {
  commandLineRequestDecoder,
  encodeCommandLineMessage,
  interactiveOutcomeDecoder,
  stepOutcomeDecoder,
  type CommandLineMessage,
  type CommandLineRequest,
  type Terminal,
} from './wire.js';

export interface CommandLineServerOptions {
  /** How long a connection may take to send its request; the front end sends it at once. */
  requestTimeoutMs?: number;
}

/** As long as the control socket gives a request line. */
const defaultRequestTimeoutMs = 10_000;

/** The front end's answer the command waits for: fed the bytes that come, true once it is whole. */
interface Pending {
  push(chunk: Buffer): boolean;
  fail(err: Error): void;
}

export class CommandLineServer extends SocketServer {
  private readonly requestTimeoutMs: number;

  constructor(
    socketPath: string,
    private readonly logger: Logger,
    private readonly handle: ControlHandler,
    options: CommandLineServerOptions = {},
  ) {
    super(socketPath);
    this.requestTimeoutMs = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
  }

  protected accept(conn: net.Socket): void {
    const gone = new AbortController();
    const send = (message: CommandLineMessage): void => {
      if (!conn.destroyed && conn.writable) conn.write(encodeCommandLineMessage(message));
    };
    const refuse = (message: string): void => {
      clearTimeout(timer);
      conn.off('data', onData);
      if (!conn.destroyed) conn.end(encodeCommandLineMessage({ kind: 'error', message: `bad request: ${message}` }), () => conn.destroy());
    };
    send({ kind: 'greeting' });
    const timer = setTimeout(() => refuse(`request not complete after ${this.requestTimeoutMs / 1000} s`), this.requestTimeoutMs);
    let pending: Pending | undefined;
    conn.on('error', (err) => this.logger.debug({ err }, 'command line connection failed'));
    conn.on('close', () => {
      clearTimeout(timer);
      gone.abort(new Error('the command line went away'));
      pending?.fail(new Error('the command line went away'));
    });

    /** Sends a message the front end answers, and waits for its answer (checked, or thrown). */
    const ask = <T>(message: CommandLineMessage, answer: Decoder<T>, check: (answer: T) => void): Promise<T> =>
      new Promise((resolve, reject) => {
        if (gone.signal.aborted) return reject(gone.signal.reason);
        pending = {
          push: (chunk) => {
            const outcome = answer.push(chunk);
            if (outcome === undefined) return false;
            check(outcome);
            resolve(outcome);
            return true;
          },
          fail: reject,
        };
        send(message);
      });

    /** Asks the front end to take a step and waits for its outcome (its failure, in Go's words, is thrown). */
    const takeStep = async (step: ClientStep): Promise<Buffer> => {
      const outcome = await ask({ kind: 'step', step }, stepOutcomeDecoder(), (taken) => {
        if (taken.kind !== step.kind || taken.path !== stepPath(step)) {
          throw new WireError(`the outcome of a ${taken.kind} step came for a ${step.kind} step`);
        }
      });
      if (outcome.error !== '') throw new Error(outcome.error);
      return outcome.data;
    };

    /** Has the front end run a program in the caller's terminal; resolves when it has ended. */
    const runInteractive = async (program: InteractiveProgram): Promise<ProgramExit> => {
      const outcome = await ask({ kind: 'interactive', program }, interactiveOutcomeDecoder(), () => {});
      if (outcome.error !== '') throw new Error(outcome.error);
      return { code: outcome.code, signal: outcome.signal === null ? null : (signalName(outcome.signal) ?? 'SIGKILL') };
    };

    const request = commandLineRequestDecoder();
    const onData = (chunk: Buffer): void => {
      try {
        const req = request.push(chunk);
        if (req === undefined) return;
        clearTimeout(timer);
        conn.off('data', onData).on('data', onStep);
        const invalid = checkRequest(req);
        if (invalid !== undefined) return refuse(invalid);
        const empty = Buffer.alloc(0);
        void this.run(req, send, { takeStep, runInteractive }, gone.signal).then((code) => {
          if (!conn.destroyed) conn.end(encodeCommandLineMessage({ kind: 'result', code, stdout: empty, stderr: empty }));
        });
      } catch (err) {
        refuse(err instanceof WireError ? err.message : String(err));
      }
    };
    // After the request, the front end speaks only to answer a step.
    const onStep = (chunk: Buffer): void => {
      const waiting = pending;
      if (waiting === undefined) {
        conn.destroy();
        return;
      }
      try {
        if (waiting.push(chunk)) pending = undefined;
      } catch (err) {
        pending = undefined;
        waiting.fail(err as Error);
        conn.destroy();
      }
    };
    conn.on('data', onData);
  }

  /** Runs the command line with the connection as its I/O; returns its exit status. */
  private async run(
    req: CommandLineRequest,
    send: (message: CommandLineMessage) => void,
    { takeStep, runInteractive }: { takeStep: (step: ClientStep) => Promise<Buffer>; runInteractive: CommandIO['runInteractive'] },
    signal: AbortSignal,
  ): Promise<number> {
    const output = (kind: 'stdout' | 'stderr', terminal: Terminal): Output => ({
      write: (data) => send({ kind, data: Buffer.from(data) }),
      isTTY: terminal !== undefined,
      // A terminal of unknown width is as wide as commander assumes.
      columns: terminal?.columns || undefined,
    });
    const io: CommandIO = {
      stdout: output('stdout', req.stdout),
      stderr: output('stderr', req.stderr),
      cwd: req.dir,
      env: Object.fromEntries(frontEndEnv.filter((name) => name in req.env).map((name) => [name, req.env[name]])),
      exitCode: 0,
      signal,
      call: inProcessCall(this.handle, signal),
      // One step at a time: a command awaits each before it asks for the next.
      stdin: () => takeStep({ kind: 'stdin' }),
      readFile: (file) => takeStep({ kind: 'read', path: file }),
      writeFile: async (file, data) => void (await takeStep({ kind: 'write', path: file, data: Buffer.from(data) })),
      runInteractive,
    };
    try {
      return await runCommandLine(req.args, io, req.name);
    } catch (err) {
      // runCommandLine reports every error of a command; this is a bug of the server's.
      this.logger.error({ err }, 'command line failed');
      return 1;
    }
  }
}

/** What is wrong with a request, checked before anything runs. */
function checkRequest(req: CommandLineRequest): string | undefined {
  if (req.name === '') return 'command line not specified';
  if (!path.posix.isAbsolute(req.dir)) return 'Dir is not absolute';
  return undefined;
}
