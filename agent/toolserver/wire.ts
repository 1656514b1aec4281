// The tool protocol between the hook-tool client (hooktools/client/jujuc.c) and the tool
// server: one request and one reply per connection, little-endian u32 lengths throughout.
//
// Request: u32 N, then N fields (u32 length + bytes): context id, dir, command name,
//          stdin flag ("0" or "1"), stdin bytes, file path ("" for none), file error ("" when
//          the file was read), file bytes, then the arguments.
// Reply:   one kind byte; 0 (result): u32 exit code, u32 length + stdout, u32 length + stderr;
//          1 (needs stdin): nothing more; 2 (request error): u32 length + message;
//          3 (needs file): u32 length + absolute path.
//
// It carries what Juju's jujuc.Request and exec.ExecResponse carry over net/rpc; a request
// error plays the part of the RPC error string.
//
// The client sends stdin, or a file that a tool names (relation-set --file), only when the
// server asks for it, on a new connection with the request repeated. The daemon never opens
// such a file itself: a FIFO would block it, /dev/zero would fill it. The client reads it in
// the hook's process and sends its bytes, or the error of its open or read in Go's words
// (`open /abs/path: no such file or directory`), which the tool reports as Juju's would.
// A client sends stdin at most once and at most one file per call.
//
// Both ends bound a request by maxRequestBytes and maxRequestFields; the client refuses to
// send more, the server refuses (with a request error) a request that announces more, before
// it buffers it.

/**
 * The largest request, its length fields included. Juju 3.6 keeps a databag in one MongoDB
 * document, which holds at most 16 MiB, so no larger --file could be stored there; and the
 * daemon's YAML parser needs about a second and 100 MB for each MiB of dense YAML.
 */
export const maxRequestBytes = 16 * 1024 * 1024;

/** The most fields in a request, the eight fixed ones included: far more arguments than any
 *  charm passes, few enough that their bookkeeping stays small. */
export const maxRequestFields = 65_536;

const fixedFields = 8;

/** One hook tool invocation, as jujuc.Request describes it. */
export interface ToolRequest {
  contextId: string;
  /** The caller's working directory. */
  dir: string;
  commandName: string;
  /** The caller's stdin; undefined until a tool has asked for it (the handshake). */
  stdin: Buffer | undefined;
  /** A file the client read for the tool; undefined until a tool has asked for one. */
  file: ClientFile | undefined;
  args: string[];
}

/** A file as the client read it: its bytes, or its open or read error in Go's words. */
export type ClientFile = { path: string; data: Buffer } | { path: string; error: string };

export type Reply =
  | { kind: 'result'; code: number; stdout: Buffer; stderr: Buffer }
  | { kind: 'need-stdin' }
  | { kind: 'error'; message: string }
  | { kind: 'need-file'; path: string };

const replyKinds = ['result', 'need-stdin', 'error', 'need-file'] as const;

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
    req.file?.path ?? '',
    req.file !== undefined && 'error' in req.file ? req.file.error : '',
    req.file !== undefined && 'data' in req.file ? req.file.data : '',
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
    case 'need-file':
      return Buffer.concat([kind, ...field(reply.path)]);
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
  if (count < fixedFields) {
    throw new WireError(`request has ${count} fields, want at least ${fixedFields}`);
  }
  if (count > maxRequestFields) {
    throw new WireError(`request has ${count} fields, the most allowed is ${maxRequestFields}`);
  }
  // Each length is checked before its bytes are awaited, so nothing is buffered beyond the limit.
  let size = 4 + 4 * count;
  const fields: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const length = yield* readU32();
    size += length;
    if (size > maxRequestBytes) {
      throw new WireError(`request is larger than ${maxRequestBytes} bytes`);
    }
    fields.push(yield length);
  }
  const [contextId, dir, commandName, stdinSet, stdin, filePath, fileError, fileData, ...args] = fields;
  const flag = stdinSet.toString();
  if (flag !== '0' && flag !== '1') {
    throw new WireError(`stdin flag is ${JSON.stringify(flag)}, want "0" or "1"`);
  }
  return {
    contextId: contextId.toString(),
    dir: dir.toString(),
    commandName: commandName.toString(),
    stdin: flag === '1' ? stdin : undefined,
    file: clientFile(filePath.toString(), fileError.toString(), fileData),
    args: args.map((a) => a.toString()),
  };
}

function clientFile(path: string, error: string, data: Buffer): ClientFile | undefined {
  if (path === '') {
    if (error !== '' || data.length > 0) throw new WireError('file error or bytes without a file path');
    return undefined;
  }
  if (error === '') return { path, data };
  if (data.length > 0) throw new WireError('file has both an error and bytes');
  return { path, error };
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
    case 'need-file':
      return { kind, path: (yield* readField()).toString() };
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
