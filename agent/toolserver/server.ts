// The daemon's end of the hook tools: a unix socket that runs one tool invocation per
// connection against the registered hook context, as Juju's jujuc server does
// (internal/worker/uniter/runner/jujuc/server.go).

import type net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { NeedClientStepError, toolIO, type ClientStep, type Writer } from '../../core/tool-io.js';
import type { HookContext } from '../../core/hook-context.js';
import { goQuote } from '../../core/gnuflag.js';
import { runTool, tools, type ToolFactory } from '../../hooktools/registry.js';
import { SocketServer } from '../socket-server.js';
import { encodeReply, requestDecoder, stepPath, WireError, type Reply, type ToolRequest } from './wire.js';

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

export interface ToolServerOptions {
  /** How long a connection may take to send its whole request; the client sends it at once. */
  requestTimeoutMs?: number;
}

const defaultRequestTimeoutMs = 30_000;

export class ToolServer extends SocketServer {
  private readonly contexts = new Map<string, Registration>();
  private readonly requestTimeoutMs: number;

  constructor(
    socketPath: string,
    private readonly logger: Logger,
    private readonly registry: ReadonlyMap<string, ToolFactory> = tools,
    options: ToolServerOptions = {},
  ) {
    super(socketPath);
    this.requestTimeoutMs = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
  }

  /** Makes a hook context reachable by its JUJU_CONTEXT_ID for the hook's lifetime. */
  register(contextId: string, ctx: HookContext, onCall?: (call: ToolCall) => void): void {
    this.contexts.set(contextId, { ctx, onCall });
  }

  unregister(contextId: string): void {
    this.contexts.delete(contextId);
  }

  protected accept(conn: net.Socket): void {
    conn.on('error', (err) => this.logger.debug({ err }, 'hook tool connection failed'));
    const decoder = requestDecoder();
    // One reply per connection, then it is closed: whatever else the client sends is not read.
    const answer = (reply: Reply): void => {
      clearTimeout(timer);
      conn.off('data', onData);
      conn.end(encodeReply(reply), () => conn.destroy());
    };
    // A connection that never completes its request (a stalled or trickling client) would
    // hold its buffer and socket for ever.
    const timer = setTimeout(
      () => answer(badRequest(`request not complete after ${this.requestTimeoutMs / 1000} s`)),
      this.requestTimeoutMs,
    );
    conn.on('close', () => clearTimeout(timer));
    const onData = (chunk: Buffer): void => {
      try {
        const req = decoder.push(chunk);
        if (req !== undefined) {
          answer(this.serve(req));
        }
      } catch (err) {
        if (err instanceof WireError) {
          answer(badRequest(err.message));
        } else {
          // A bug, not a tool error: tell the hook instead of taking the daemon down.
          this.logger.error({ err }, 'hook tool failed');
          answer({ kind: 'error', message: (err as Error).message });
        }
      }
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
    const taken = (step: ClientStep) => req.steps.find((s) => s.kind === step.kind && s.path === stepPath(step));
    try {
      const code = runTool(factory, ctx, req.args, toolIO(req.dir, taken, stdout, stderr));
      onCall?.({ tool: req.commandName, args: req.args, code });
      return { kind: 'result', code, stdout: stdout.bytes(), stderr: stderr.bytes() };
    } catch (err) {
      if (err instanceof NeedClientStepError) {
        return { kind: 'step', step: err.step };
      }
      throw err;
    }
  }
}
