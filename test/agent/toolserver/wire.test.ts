import t from 'tap';
import {
  encodeReply,
  encodeRequest,
  maxRequestBytes,
  maxRequestFields,
  replyDecoder,
  requestDecoder,
  WireError,
  type Decoder,
  type Reply,
  type ToolRequest,
} from '../../../agent/toolserver/wire.js';

const small: ToolRequest = { contextId: 'c', dir: '/d', commandName: 'x', stdin: undefined, file: undefined, args: ['a'] };

// Field by field: count 9, then (length, bytes) for c, /d, x, "0", "", "", "", "", a.
const smallBytes = Buffer.from(
  '09000000' +
    '01000000' + '63' +
    '02000000' + '2f64' +
    '01000000' + '78' +
    '01000000' + '30' +
    '00000000' +
    '00000000' +
    '00000000' +
    '00000000' +
    '01000000' + '61',
  'hex',
);

t.test('encodeRequest lays fields out as the client does', async (t) => {
  t.same(encodeRequest(small), smallBytes);
  const fixed = '0100000063' + '020000002f64' + '0100000078';
  const withStdin = encodeRequest({ ...small, stdin: Buffer.from('in'), args: [] });
  t.same(withStdin.toString('hex'), '08000000' + fixed + '0100000031' + '02000000696e' + '00000000'.repeat(3));
  const withFile = encodeRequest({ ...small, file: { path: '/f', data: Buffer.from('k') }, args: [] });
  t.same(withFile.toString('hex'), '08000000' + fixed + '0100000030' + '00000000' + '020000002f66' + '00000000' + '010000006b');
  const withFileError = encodeRequest({ ...small, file: { path: '/f', error: 'e' }, args: [] });
  t.same(withFileError.toString('hex'), '08000000' + fixed + '0100000030' + '00000000' + '020000002f66' + '0100000065' + '00000000');
});

t.test('encodeReply lays each kind out as the client reads it', async (t) => {
  const cases: Array<[Reply, string]> = [
    [{ kind: 'result', code: 2, stdout: Buffer.from('o'), stderr: Buffer.from('ee') }, '00' + '02000000' + '010000006f' + '020000006565'],
    [{ kind: 'result', code: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }, '00' + '00000000' + '00000000' + '00000000'],
    [{ kind: 'need-stdin' }, '01'],
    [{ kind: 'error', message: 'bad' }, '02' + '03000000626164'],
    [{ kind: 'need-file', path: '/f' }, '03' + '020000002f66'],
  ];
  for (const [reply, hex] of cases) {
    t.equal(encodeReply(reply).toString('hex'), hex, reply.kind);
  }
});

/** Feeds `bytes` cut at `cuts`; returns what each push returned. */
function feed<T>(decoder: Decoder<T>, bytes: Buffer, cuts: number[]): Array<T | undefined> {
  const bounds = [0, ...cuts, bytes.length];
  return bounds.slice(1).map((end, i) => decoder.push(bytes.subarray(bounds[i], end)));
}

/** The message, decoded only by the last push. */
function whole<T>(message: T, pushes: number): Array<T | undefined> {
  return [...Array<undefined>(pushes - 1).fill(undefined), message];
}

t.test('a request decodes whatever the chunking', async (t) => {
  for (let cut = 1; cut < smallBytes.length; cut++) {
    t.same(feed(requestDecoder(), smallBytes, [cut]), whole(small, 2), `cut at ${cut}`);
  }
  const byteByByte = [...smallBytes.keys()].slice(1);
  t.same(feed(requestDecoder(), smallBytes, byteByByte), whole(small, smallBytes.length), 'one byte at a time');
});

t.test('awkward fields survive chunked decoding', async (t) => {
  const req: ToolRequest = {
    contextId: 'mysql/0-config-changed-42',
    dir: '/tmp/charm dir',
    commandName: 'relation-set',
    stdin: Buffer.from([0, 255, 10, 13, 0]),
    file: { path: '/charm/ünï.yaml', data: Buffer.alloc(100_000, 'k: v\n') },
    args: ['', ' ', 'a\nb', 'ünï©ødé ☃', 'x'.repeat(200_000), '--'],
  };
  const bytes = encodeRequest(req);
  const cuts: number[] = [];
  for (let at = 7; at < bytes.length; at += 4093) {
    cuts.push(at);
  }
  t.same(feed(requestDecoder(), bytes, cuts), whole(req, cuts.length + 1));
});

t.test('stdin set but empty is not stdin missing', async (t) => {
  const req = { ...small, stdin: Buffer.alloc(0) };
  t.same(requestDecoder().push(encodeRequest(req)), req);
});

t.test('bytes after a complete request are ignored', async (t) => {
  const decoder = requestDecoder();
  t.same(decoder.push(Buffer.concat([smallBytes, Buffer.from('junk')])), small);
  t.same(decoder.push(Buffer.from('more')), small);
});

t.test('replies decode whatever the chunking', async (t) => {
  const replies: Reply[] = [
    { kind: 'result', code: 1, stdout: Buffer.from('out\n'), stderr: Buffer.from('ERROR x\n') },
    { kind: 'result', code: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) },
    { kind: 'need-stdin' },
    { kind: 'error', message: 'bad request: command not specified' },
    { kind: 'need-file', path: '/charm/settings.yaml' },
  ];
  for (const reply of replies) {
    const bytes = encodeReply(reply);
    for (let cut = 1; cut < bytes.length; cut++) {
      t.same(feed(replyDecoder(), bytes, [cut]), whole(reply, 2), `${reply.kind} cut at ${cut}`);
    }
  }
});

t.test('a file: its bytes, its error, or none', async (t) => {
  const cases: ToolRequest['file'][] = [
    { path: '/f', data: Buffer.alloc(0) },
    { path: '/f', data: Buffer.from('k: v') },
    { path: '/f', error: 'open /f: no such file or directory' },
    undefined,
  ];
  for (const file of cases) {
    t.same(requestDecoder().push(encodeRequest({ ...small, file })), { ...small, file }, JSON.stringify(file));
  }
});

/** The small request with its fixed fields (all but the last) replaced. */
function withFixed(fields: string[]): Buffer {
  const parts = [...fields, 'a'].map((f) => Buffer.concat([u32(f.length), Buffer.from(f)]));
  return Buffer.concat([u32(parts.length), ...parts]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

t.test('malformed bytes are a WireError, and stay one', async (t) => {
  const tooFew = Buffer.from('07000000' + '00000000'.repeat(7), 'hex');
  t.throws(() => requestDecoder().push(tooFew), new WireError('request has 7 fields, want at least 8'));

  const badFlag = withFixed(['c', '/d', 'x', '2', '', '', '', '']);
  const decoder = requestDecoder();
  t.throws(() => decoder.push(badFlag), new WireError('stdin flag is "2", want "0" or "1"'));
  t.throws(() => decoder.push(Buffer.alloc(1)), new WireError('stdin flag is "2", want "0" or "1"'), 'a failed decoder does not resume');

  const cases: Array<[string[], string]> = [
    [['c', '/d', 'x', '0', '', '', 'e', ''], 'file error or bytes without a file path'],
    [['c', '/d', 'x', '0', '', '', '', 'b'], 'file error or bytes without a file path'],
    [['c', '/d', 'x', '0', '', '/f', 'e', 'b'], 'file has both an error and bytes'],
  ];
  for (const [fields, message] of cases) {
    t.throws(() => requestDecoder().push(withFixed(fields)), new WireError(message), message);
  }

  t.throws(() => replyDecoder().push(Buffer.of(4)), new WireError('unknown reply kind'));
});

// A length is refused as soon as it is read: nothing after it is needed, nothing is buffered.
t.test('a request over the limits is refused from its lengths alone', async (t) => {
  const cases: Array<[string, Buffer, string]> = [
    ['2^32-1 fields', u32(2 ** 32 - 1), `request has 4294967295 fields, the most allowed is ${maxRequestFields}`],
    ['one field too many', u32(maxRequestFields + 1), `request has ${maxRequestFields + 1} fields, the most allowed is ${maxRequestFields}`],
    ['a field of 2^32-1 bytes', Buffer.concat([u32(8), u32(2 ** 32 - 1)]), `request is larger than ${maxRequestBytes} bytes`],
    [
      'fields that add up to one byte too many',
      // The count, eight lengths and a one-byte context id leave maxRequestBytes - 37.
      Buffer.concat([u32(8), u32(1), Buffer.from('c'), u32(maxRequestBytes - 37 + 1)]),
      `request is larger than ${maxRequestBytes} bytes`,
    ],
  ];
  for (const [name, bytes, message] of cases) {
    t.throws(() => requestDecoder().push(bytes), new WireError(message), name);
  }
});

t.test('a request of exactly the limits decodes', async (t) => {
  const args = Array<string>(maxRequestFields - 8).fill('');
  const many = { ...small, args };
  t.same(requestDecoder().push(encodeRequest(many)), many, `${maxRequestFields} fields`);

  const overhead = encodeRequest({ ...small, stdin: Buffer.alloc(0) }).length;
  const full = { ...small, stdin: Buffer.alloc(maxRequestBytes - overhead, 'x') };
  t.equal(encodeRequest(full).length, maxRequestBytes);
  t.same(requestDecoder().push(encodeRequest(full)), full, `${maxRequestBytes} bytes`);
});
