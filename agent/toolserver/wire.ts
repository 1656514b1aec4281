// The tool protocol between the hook-tool client (hooktools/client/jujuc.c) and the tool
// server: one request and one reply per connection, little-endian u32 lengths throughout.
//
// Request: u32 N, then N fields (u32 length + bytes): context id, dir, command name, the number
//          of arguments (decimal), the arguments, then four fields for each step the client has
//          taken for the tool: its kind ("stdin", "read" or "write"), its path ("" for stdin),
//          its error ("" when it succeeded), and the bytes it read ("" for a write).
// Reply:   one kind byte; 0 (result): u32 exit code, u32 length + stdout, u32 length + stderr;
//          1 (needs stdin): nothing more; 2 (request error): u32 length + message;
//          3 (needs a file read): u32 length + absolute path;
//          4 (needs a file written): u32 length + absolute path, u32 length + bytes.
//
// It carries what Juju's jujuc.Request and exec.ExecResponse carry over net/rpc; a request
// error plays the part of the RPC error string.
//
// The daemon never touches the caller's stdin or files: a FIFO would block it, /dev/zero would
// fill it, a slow disk would stall every unit. When a tool needs one (relation-set --file,
// config-get -o), the server asks the client to take that step (kinds 1, 3, 4); the client takes
// it in the hook's process, appends the outcome to the request, and sends it again on a new
// connection; the tool runs again from the start, and may ask for further steps. Failures come
// back in Go's words (`open /abs/path: no such file or directory`), which the tool reports as
// Juju's would. A client takes each step at most once per call.
//
// Both ends bound a request by maxRequestBytes and maxRequestFields; the client refuses to
// send more, the server refuses (with a request error) a request that announces more, before
// it buffers it. Everything the client reads for one call shares that bound.
//
// The command line's front end (the same client, called as juju-sim) speaks a protocol built of
// the same parts: messages of fields, these replies and steps (agent/cliserver/wire.ts).

import type { ClientStep, StepOutcome } from '../../core/tool-io.js';

/**
 * The largest request, its length fields included. Juju 3.6 keeps a databag in one MongoDB
 * document, which holds at most 16 MiB, so no larger --file could be stored there.
 */
export const maxRequestBytes = 16 * 1024 * 1024;

/** The most fields in a request, the four fixed ones included: far more arguments than any
 *  charm passes, few enough that their bookkeeping stays small. */
export const maxRequestFields = 65_536;

const fixedFields = 4;
/** The fields of one step's outcome. */
export const stepFieldCount = 4;

/** A step the client has taken, as the request reports it. */
export interface TakenStep extends StepOutcome {
  kind: ClientStep['kind'];
  /** '' for stdin. */
  path: string;
}

/** One hook tool invocation, as jujuc.Request describes it. */
export interface ToolRequest {
  contextId: string;
  /** The caller's working directory. */
  dir: string;
  commandName: string;
  args: string[];
  /** What the client has done for the tool so far, in the order the server asked for it. */
  steps: TakenStep[];
}

export type Reply =
  | { kind: 'result'; code: number; stdout: Buffer; stderr: Buffer }
  | { kind: 'error'; message: string }
  | { kind: 'step'; step: ClientStep };

/** The path a step names on the wire. */
export function stepPath(step: ClientStep): string {
  return step.kind === 'stdin' ? '' : step.path;
}

/** A byte stream that does not follow the protocol. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

export function field(data: string | Buffer): Buffer[] {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return [u32(bytes.length), bytes];
}

/** A message of fields: u32 N, then N fields of u32 length + bytes. */
export const encodeFields = (fields: Array<string | Buffer>): Buffer => Buffer.concat([u32(fields.length), ...fields.flatMap(field)]);

/** A step's outcome as four fields, in a request or (for the command line) alone. */
export const stepFields = (step: TakenStep): Array<string | Buffer> => [step.kind, step.path, step.error, step.data];

export function encodeRequest(req: ToolRequest): Buffer {
  return encodeFields([
    req.contextId,
    req.dir,
    req.commandName,
    String(req.args.length),
    ...req.args,
    ...req.steps.flatMap(stepFields),
  ]);
}

/** Kinds 5 and 6 are the command line's output (agent/cliserver/wire.ts). */
export const replyKinds = { result: 0, stdin: 1, error: 2, read: 3, write: 4 } as const;

export function encodeReply(reply: Reply): Buffer {
  switch (reply.kind) {
    case 'result':
      return Buffer.concat([Buffer.of(replyKinds.result), u32(reply.code), ...field(reply.stdout), ...field(reply.stderr)]);
    case 'error':
      return Buffer.concat([Buffer.of(replyKinds.error), ...field(reply.message)]);
    case 'step': {
      const { step } = reply;
      const kind = Buffer.of(replyKinds[step.kind]);
      if (step.kind === 'stdin') return kind;
      return Buffer.concat([kind, ...field(step.path), ...(step.kind === 'write' ? field(step.data) : [])]);
    }
  }
}

// A parser is a generator that yields how many bytes it needs next and receives exactly
// that many; it returns the decoded message.
export type Parser<T> = Generator<number, T, Buffer>;

export function* readU32(): Parser<number> {
  return (yield 4).readUInt32LE(0);
}

export function* readField(): Parser<Buffer> {
  return yield yield* readU32();
}

/** A message of at least `least` and at most `most` fields (of `what`), within maxRequestBytes. */
export function* readFields(what: string, least: number, most = maxRequestFields): Parser<Buffer[]> {
  const count = yield* readU32();
  if (count < least) {
    throw new WireError(`${what} has ${count} fields, want at least ${least}`);
  }
  if (count > most) {
    throw new WireError(`${what} has ${count} fields, the most allowed is ${most}`);
  }
  // Each length is checked before its bytes are awaited, so nothing is buffered beyond the limit.
  let size = 4 + 4 * count;
  const fields: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const length = yield* readU32();
    size += length;
    if (size > maxRequestBytes) {
      throw new WireError(`${what} is larger than ${maxRequestBytes} bytes`);
    }
    fields.push(yield length);
  }
  return fields;
}

/** A count field (decimal) of the fields that follow `at`, of which there are `rest`. */
export function countField(fields: Buffer[], at: number, what: string): number {
  const text = fields[at].toString();
  const rest = fields.length - at - 1;
  if (!/^(0|[1-9][0-9]*)$/.test(text) || Number(text) > rest) {
    throw new WireError(`${what} count is ${JSON.stringify(text)}, want a number up to ${rest}`);
  }
  return Number(text);
}

function* parseRequest(): Parser<ToolRequest> {
  const fields = yield* readFields('request', fixedFields);
  const [contextId, dir, commandName] = fields;
  const args = fields.slice(fixedFields, fixedFields + countField(fields, fixedFields - 1, 'argument'));
  const stepData = fields.slice(fixedFields + args.length);
  if (stepData.length % stepFieldCount !== 0) {
    throw new WireError(`${stepData.length} fields after the arguments, want ${stepFieldCount} for each step`);
  }
  const steps: TakenStep[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < stepData.length; i += stepFieldCount) {
    const step = takenStep(stepData.slice(i, i + stepFieldCount));
    const key = `${step.kind} ${step.path}`;
    if (seen.has(key)) throw new WireError(`the ${step.kind} step${step.path === '' ? '' : ` of ${step.path}`} is sent twice`);
    seen.add(key);
    steps.push(step);
  }
  return {
    contextId: contextId.toString(),
    dir: dir.toString(),
    commandName: commandName.toString(),
    args: args.map((a) => a.toString()),
    steps,
  };
}

export function takenStep([kindField, pathField, errorField, data]: Buffer[]): TakenStep {
  const kind = kindField.toString();
  const path = pathField.toString();
  const error = errorField.toString();
  if (kind !== 'stdin' && kind !== 'read' && kind !== 'write') {
    throw new WireError(`step kind is ${JSON.stringify(kind)}, want "stdin", "read" or "write"`);
  }
  if (kind === 'stdin' ? path !== '' || error !== '' : path === '') {
    throw new WireError(kind === 'stdin' ? 'a stdin step with a path or an error' : `a ${kind} step without a path`);
  }
  if (error !== '' && data.length > 0) throw new WireError(`a ${kind} step with both an error and bytes`);
  if (kind === 'write' && data.length > 0) throw new WireError('a write step with bytes');
  return { kind, path, error, data };
}

function* parseReply(): Parser<Reply> {
  return yield* parseReplyOfKind((yield 1)[0]);
}

/** A reply after its kind byte. */
export function* parseReplyOfKind(kind: number): Parser<Reply> {
  switch (kind) {
    case replyKinds.result: {
      const code = yield* readU32();
      const stdout = yield* readField();
      return { kind: 'result', code, stdout, stderr: yield* readField() };
    }
    case replyKinds.error:
      return { kind: 'error', message: (yield* readField()).toString() };
    case replyKinds.stdin:
      return { kind: 'step', step: { kind: 'stdin' } };
    case replyKinds.read:
      return { kind: 'step', step: { kind: 'read', path: (yield* readField()).toString() } };
    case replyKinds.write: {
      const path = (yield* readField()).toString();
      return { kind: 'step', step: { kind: 'write', path, data: yield* readField() } };
    }
    default:
      throw new WireError('unknown reply kind');
  }
}

/** Decodes one message from bytes that arrive in chunks of any size. */
export class Decoder<T> {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private need: number;
  private result: T | undefined;
  private failure: unknown;

  constructor(private readonly parser: Parser<T>) {
    this.need = this.step(Buffer.alloc(0));
  }

  /** Adds bytes; returns the message once it is complete (bytes after it are ignored).
   *  Throws WireError when the bytes do not follow the protocol. */
  push(chunk: Buffer): T | undefined {
    if (this.failure !== undefined) {
      throw this.failure;
    }
    if (this.result !== undefined) {
      return this.result;
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    // Waiting for `need` bytes before joining keeps a large field one copy, not one per chunk.
    try {
      while (this.result === undefined && this.buffered >= this.need) {
        this.need = this.step(this.take(this.need));
      }
    } catch (e) {
      this.failure = e;
      throw e;
    }
    return this.result;
  }

  /** The bytes pushed after the message, which belong to whatever follows it. */
  leftover(): Buffer {
    return Buffer.concat(this.chunks);
  }

  private step(input: Buffer): number {
    const next = this.parser.next(input);
    if (next.done) {
      this.result = next.value;
      return 0;
    }
    return next.value;
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks.length = 0;
    if (all.length > n) {
      this.chunks.push(all.subarray(n));
    }
    this.buffered -= n;
    return all.subarray(0, n);
  }
}

export function requestDecoder(): Decoder<ToolRequest> {
  return new Decoder(parseRequest());
}

export function replyDecoder(): Decoder<Reply> {
  return new Decoder(parseReply());
}
