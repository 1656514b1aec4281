// The daemon's end of the native front end: a unix socket on which each connection is one run of
// the command line (cmd/program.ts), in the daemon's process, with that connection as its I/O
// (agent/cliserver/wire.ts). Commands call the daemon in process, through the same typed control
// protocol as over the control socket. The one door into cmd/ is here, as the tool server's into
// hooktools/ is its registry.
import type net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { inProcessCall, type ControlHandler } from '../control/client.js';
import { frontEndEnv, type CommandIO, type Output } from '../../cmd/io.js';
import { runCommandLine } from '../../cmd/program.js';
import type { ClientStep } from '../../core/tool-io.js';
import { SocketServer } from '../socket-server.js';
import { stepPath, WireError, type TakenStep } from '../toolserver/wire.js';
import {
  commandLineRequestDecoder,
  encodeCommandLineMessage,
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

/** The step the command waits for, and what to do with its outcome. */
interface PendingStep {
  step: ClientStep;
  push(chunk: Buffer): TakenStep | undefined;
  settle(outcome: TakenStep | Error): void;
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
    let pending: PendingStep | undefined;
    conn.on('error', (err) => this.logger.debug({ err }, 'command line connection failed'));
    conn.on('close', () => {
      clearTimeout(timer);
      gone.abort(new Error('the command line went away'));
      pending?.settle(new Error('the command line went away'));
    });

    /** Asks the front end to take a step and waits for its outcome (its failure, in Go's words, is thrown). */
    const takeStep = (step: ClientStep): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        if (gone.signal.aborted) return reject(gone.signal.reason);
        const decoder = stepOutcomeDecoder();
        pending = {
          step,
          push: (chunk) => decoder.push(chunk),
          settle: (outcome) => {
            if (outcome instanceof Error) reject(outcome);
            else if (outcome.error !== '') reject(new Error(outcome.error));
            else resolve(outcome.data);
          },
        };
        send({ kind: 'step', step });
      });

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
        void this.run(req, send, takeStep, gone.signal).then((code) => {
          if (!conn.destroyed) conn.end(encodeCommandLineMessage({ kind: 'result', code, stdout: empty, stderr: empty }));
        });
      } catch (err) {
        refuse(err instanceof WireError ? err.message : String(err));
      }
    };
    // After the request, the front end speaks only to answer a step.
    const onStep = (chunk: Buffer): void => {
      const step = pending;
      if (step === undefined) {
        conn.destroy();
        return;
      }
      try {
        const outcome = step.push(chunk);
        if (outcome === undefined) return;
        pending = undefined;
        if (outcome.kind !== step.step.kind || outcome.path !== stepPath(step.step)) {
          throw new WireError(`the outcome of a ${outcome.kind} step came for a ${step.step.kind} step`);
        }
        step.settle(outcome);
      } catch (err) {
        pending = undefined;
        step.settle(err as Error);
        conn.destroy();
      }
    };
    conn.on('data', onData);
  }

  /** Runs the command line with the connection as its I/O; returns its exit status. */
  private async run(
    req: CommandLineRequest,
    send: (message: CommandLineMessage) => void,
    takeStep: (step: ClientStep) => Promise<Buffer>,
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
