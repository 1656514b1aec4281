// The tool protocol between the hook-tool client (hooktools/client/jujuc.c) and the tool
// server: one request and one reply per connection, little-endian u32 lengths throughout.
//
// Request: u32 N, then N fields (u32 length + bytes): context id, dir, command name,
//          stdin flag ("0" or "1"), stdin bytes, then the arguments.
// Reply:   one kind byte; 0 (result): u32 exit code, u32 length + stdout, u32 length + stderr;
//          1 (needs stdin): nothing more; 2 (request error): u32 length + message.
//
// It carries what Juju's jujuc.Request and exec.ExecResponse carry over net/rpc; a request
// error plays the part of the RPC error string.

/** One hook tool invocation, as jujuc.Request describes it. */
export interface ToolRequest {
  contextId: string;
  /** The caller's working directory. */
  dir: string;
  commandName: string;
  /** The caller's stdin; undefined until a tool has asked for it (the handshake). */
  stdin: Buffer | undefined;
  args: string[];
}

export type Reply =
  | { kind: 'result'; code: number; stdout: Buffer; stderr: Buffer }
  | { kind: 'need-stdin' }
  | { kind: 'error'; message: string };

const replyKinds = ['result', 'need-stdin', 'error'] as const;

/** A byte stream that does not follow the protocol. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function field(data: string | Buffer): Buffer[] {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return [u32(bytes.length), bytes];
}

export function encodeRequest(req: ToolRequest): Buffer {
  const fields = [
    req.contextId,
    req.dir,
    req.commandName,
    req.stdin === undefined ? '0' : '1',
    req.stdin ?? '',
    ...req.args,
  ];
  return Buffer.concat([u32(fields.length), ...fields.flatMap(field)]);
}

export function encodeReply(reply: Reply): Buffer {
  const kind = Buffer.of(replyKinds.indexOf(reply.kind));
  switch (reply.kind) {
    case 'result':
      return Buffer.concat([kind, u32(reply.code), ...field(reply.stdout), ...field(reply.stderr)]);
    case 'need-stdin':
      return kind;
    case 'error':
      return Buffer.concat([kind, ...field(reply.message)]);
  }
}

// A parser is a generator that yields how many bytes it needs next and receives exactly
// that many; it returns the decoded message.
type Parser<T> = Generator<number, T, Buffer>;

function* readU32(): Parser<number> {
  return (yield 4).readUInt32LE(0);
}

function* readField(): Parser<Buffer> {
  return yield yield* readU32();
}

function* parseRequest(): Parser<ToolRequest> {
  const count = yield* readU32();
  if (count < 5) {
    throw new WireError(`request has ${count} fields, want at least 5`);
  }
  const fields: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    fields.push(yield* readField());
  }
  const [contextId, dir, commandName, stdinSet, stdin, ...args] = fields;
  const flag = stdinSet.toString();
  if (flag !== '0' && flag !== '1') {
    throw new WireError(`stdin flag is ${JSON.stringify(flag)}, want "0" or "1"`);
  }
  return {
    contextId: contextId.toString(),
    dir: dir.toString(),
    commandName: commandName.toString(),
    stdin: flag === '1' ? stdin : undefined,
    args: args.map((a) => a.toString()),
  };
}

function* parseReply(): Parser<Reply> {
  const kind = replyKinds[(yield 1)[0]];
  switch (kind) {
    case 'result': {
      const code = yield* readU32();
      const stdout = yield* readField();
      return { kind, code, stdout, stderr: yield* readField() };
    }
    case 'need-stdin':
      return { kind };
    case 'error':
      return { kind, message: (yield* readField()).toString() };
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
