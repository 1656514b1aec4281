// The daemon's end of the hook tools: a unix socket that runs one tool invocation per
// connection against the registered hook context, as Juju's jujuc server does
// (internal/worker/uniter/runner/jujuc/server.go).

import { chmod, lstat, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { NeedStdinError, runCommand, type ToolIO, type Writer } from '../../hooktools/cmd.js';
import type { HookContext } from '../../hooktools/context.js';
import { goQuote } from '../../hooktools/flags.js';
import { tools, type ToolFactory } from '../../hooktools/registry.js';
import { encodeReply, requestDecoder, WireError, type Reply, type ToolRequest } from './wire.js';

class BufferWriter implements Writer {
  private readonly chunks: Buffer[] = [];

  write(data: string | Uint8Array): void {
    this.chunks.push(Buffer.from(data));
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function badRequest(message: string): Reply {
  return { kind: 'error', message: `bad request: ${message}` };
}

/** One hook-tool invocation, as the hook's history records it. */
export interface ToolCall {
  tool: string;
  args: string[];
  code: number;
}

interface Registration {
  ctx: HookContext;
  onCall?: (call: ToolCall) => void;
}

export class ToolServer {
  private readonly contexts = new Map<string, Registration>();
  private readonly connections = new Set<net.Socket>();
  private server: net.Server | undefined;

  constructor(
    private readonly socketPath: string,
    private readonly logger: Logger,
    private readonly registry: ReadonlyMap<string, ToolFactory> = tools,
  ) {}

  async start(): Promise<void> {
    await removeStaleSocket(this.socketPath);
    const server = net.createServer((conn) => this.accept(conn));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Only the daemon's user may run hook tools against its contexts.
    await chmod(this.socketPath, 0o600);
    this.server = server;
  }

  /** Stops listening and drops connections still open; closing removes the socket file. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) {
      return;
    }
    this.server = undefined;
    for (const conn of this.connections) {
      conn.destroy();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Makes a hook context reachable by its JUJU_CONTEXT_ID for the hook's lifetime. */
  register(contextId: string, ctx: HookContext, onCall?: (call: ToolCall) => void): void {
    this.contexts.set(contextId, { ctx, onCall });
  }

  unregister(contextId: string): void {
    this.contexts.delete(contextId);
  }

  private accept(conn: net.Socket): void {
    this.connections.add(conn);
    conn.on('close', () => this.connections.delete(conn));
    conn.on('error', (err) => this.logger.debug({ err }, 'hook tool connection failed'));
    const decoder = requestDecoder();
    const onData = (chunk: Buffer): void => {
      let reply: Reply;
      try {
        const req = decoder.push(chunk);
        if (req === undefined) {
          return;
        }
        reply = this.serve(req);
      } catch (err) {
        if (err instanceof WireError) {
          reply = badRequest(err.message);
        } else {
          // A bug, not a tool error: tell the hook instead of taking the daemon down.
          this.logger.error({ err }, 'hook tool failed');
          reply = { kind: 'error', message: (err as Error).message };
        }
      }
      conn.off('data', onData);
      conn.end(encodeReply(reply));
    };
    conn.on('data', onData);
  }

  // Validation follows Juju's order and texts. Tool calls are synchronous, so one context
  // never runs two at once (Juju needs a mutex for that).
  private serve(req: ToolRequest): Reply {
    if (req.commandName === '') {
      return badRequest('command not specified');
    }
    if (!path.posix.isAbsolute(req.dir)) {
      return badRequest('Dir is not absolute');
    }
    const registration = this.contexts.get(req.contextId);
    if (registration === undefined) {
      return badRequest(`wrong context ID; got ${goQuote(req.contextId)}`);
    }
    const { ctx, onCall } = registration;
    const factory = this.registry.get(req.commandName);
    if (factory === undefined) {
      return badRequest(`unknown hook command: ${req.commandName}`);
    }
    // Every tool call passes here: build the log record only when it will be written.
    if (this.logger.isLevelEnabled('debug')) {
      this.logger.child({ unit: ctx.unitName(), context: req.contextId, tool: req.commandName }).debug('running hook tool');
    }
    const stdout = new BufferWriter();
    const stderr = new BufferWriter();
    const io: ToolIO = {
      dir: req.dir,
      stdin: () => {
        if (req.stdin === undefined) {
          throw new NeedStdinError('hook tool requires stdin, none supplied');
        }
        return req.stdin;
      },
      stdout,
      stderr,
    };
    try {
      const code = runCommand(factory(ctx), req.args, io);
      onCall?.({ tool: req.commandName, args: req.args, code });
      return { kind: 'result', code, stdout: stdout.bytes(), stderr: stderr.bytes() };
    } catch (err) {
      if (err instanceof NeedStdinError) {
        return { kind: 'need-stdin' };
      }
      throw err;
    }
  }
}

async function removeStaleSocket(socketPath: string): Promise<void> {
  try {
    if ((await lstat(socketPath)).isSocket()) {
      await unlink(socketPath);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw err;
    }
  }
}
