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
  type TakenStep,
  type ToolRequest,
} from '../../../agent/toolserver/wire.js';

const small: ToolRequest = { contextId: 'c', dir: '/d', commandName: 'x', args: ['a'], steps: [] };

// Field by field: count 5, then (length, bytes) for c, /d, x, "1" (argument count), a.
const smallBytes = Buffer.from(
  '05000000' +
    '01000000' + '63' +
    '02000000' + '2f64' +
    '01000000' + '78' +
    '01000000' + '31' +
    '01000000' + '61',
  'hex',
);

const stdinStep = (data: string): TakenStep => ({ kind: 'stdin', path: '', error: '', data: Buffer.from(data) });

t.test('encodeRequest lays fields out as the client does', async (t) => {
  t.same(encodeRequest(small), smallBytes);
  const fixed = '0100000063' + '020000002f64' + '0100000078';
  const hex = (s: string) => Buffer.from(s).toString('hex');
  const step = (...fields: string[]) => fields.map((f) => `0${f.length}000000${hex(f)}`).join('');
  const withStdin = encodeRequest({ ...small, args: [], steps: [stdinStep('in')] });
  t.same(withStdin.toString('hex'), '08000000' + fixed + step('0') + step('stdin', '', '', 'in'));
  const withSteps = encodeRequest({
    ...small,
    steps: [
      { kind: 'read', path: '/f', error: '', data: Buffer.from('k') },
      { kind: 'read', path: '/g', error: 'e', data: Buffer.alloc(0) },
      { kind: 'write', path: '/o', error: '', data: Buffer.alloc(0) },
    ],
  });
  t.same(
    withSteps.toString('hex'),
    '11000000' + fixed + step('1', 'a') + step('read', '/f', '', 'k') + step('read', '/g', 'e', '') + step('write', '/o', '', ''),
  );
});

t.test('encodeReply lays each kind out as the client reads it', async (t) => {
  const cases: Array<[Reply, string]> = [
    [{ kind: 'result', code: 2, stdout: Buffer.from('o'), stderr: Buffer.from('ee') }, '00' + '02000000' + '010000006f' + '020000006565'],
    [{ kind: 'result', code: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }, '00' + '00000000' + '00000000' + '00000000'],
    [{ kind: 'step', step: { kind: 'stdin' } }, '01'],
    [{ kind: 'error', message: 'bad' }, '02' + '03000000626164'],
    [{ kind: 'step', step: { kind: 'read', path: '/f' } }, '03' + '020000002f66'],
    [{ kind: 'step', step: { kind: 'write', path: '/f', data: Buffer.from('ab') } }, '04' + '020000002f66' + '020000006162'],
  ];
  for (const [reply, hex] of cases) {
    t.equal(encodeReply(reply).toString('hex'), hex, hex.slice(0, 2));
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
    args: ['', ' ', 'a\nb', 'ünï©ødé ☃', 'x'.repeat(200_000), '--'],
    steps: [
      { kind: 'stdin', path: '', error: '', data: Buffer.from([0, 255, 10, 13, 0]) },
      { kind: 'read', path: '/charm/ünï.yaml', error: '', data: Buffer.alloc(100_000, 'k: v\n') },
    ],
  };
  const bytes = encodeRequest(req);
  const cuts: number[] = [];
  for (let at = 7; at < bytes.length; at += 4093) {
    cuts.push(at);
  }
  t.same(feed(requestDecoder(), bytes, cuts), whole(req, cuts.length + 1));
});

t.test('stdin sent but empty is not stdin missing', async (t) => {
  const req = { ...small, steps: [stdinStep('')] };
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
    { kind: 'error', message: 'bad request: command not specified' },
    { kind: 'step', step: { kind: 'stdin' } },
    { kind: 'step', step: { kind: 'read', path: '/charm/settings.yaml' } },
    { kind: 'step', step: { kind: 'write', path: '/charm/out.json', data: Buffer.from('{}\n') } },
    { kind: 'step', step: { kind: 'write', path: '/charm/empty', data: Buffer.alloc(0) } },
  ];
  for (const reply of replies) {
    const bytes = encodeReply(reply);
    for (let cut = 1; cut < bytes.length; cut++) {
      t.same(feed(replyDecoder(), bytes, [cut]), whole(reply, 2), `${JSON.stringify(reply).slice(0, 40)} cut at ${cut}`);
    }
  }
});

t.test('steps: bytes read, a failure, a write, several files', async (t) => {
  const cases: TakenStep[][] = [
    [{ kind: 'read', path: '/f', error: '', data: Buffer.alloc(0) }],
    [{ kind: 'read', path: '/f', error: '', data: Buffer.from('k: v') }],
    [{ kind: 'read', path: '/f', error: 'open /f: no such file or directory', data: Buffer.alloc(0) }],
    [{ kind: 'write', path: '/f', error: '', data: Buffer.alloc(0) }],
    [{ kind: 'write', path: '/f', error: 'write /f: no space left on device', data: Buffer.alloc(0) }],
    [
      stdinStep('{}'),
      { kind: 'read', path: '/a', error: '', data: Buffer.from('1') },
      { kind: 'read', path: '/b', error: '', data: Buffer.from('2') },
      { kind: 'write', path: '/a', error: '', data: Buffer.alloc(0) },
    ],
  ];
  for (const steps of cases) {
    t.same(requestDecoder().push(encodeRequest({ ...small, steps })), { ...small, steps }, JSON.stringify(steps));
  }
});

/** A request of these fields, as they are. */
function fieldsOf(fields: string[]): Buffer {
  const parts = fields.map((f) => Buffer.concat([u32(Buffer.byteLength(f)), Buffer.from(f)]));
  return Buffer.concat([u32(parts.length), ...parts]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

t.test('malformed bytes are a WireError, and stay one', async (t) => {
  const tooFew = Buffer.from('03000000' + '00000000'.repeat(3), 'hex');
  t.throws(() => requestDecoder().push(tooFew), new WireError('request has 3 fields, want at least 4'));

  const badCount = fieldsOf(['c', '/d', 'x', '2', 'a']);
  const decoder = requestDecoder();
  const wantCount = new WireError('argument count is "2", want a number up to 1');
  t.throws(() => decoder.push(badCount), wantCount);
  t.throws(() => decoder.push(Buffer.alloc(1)), wantCount, 'a failed decoder does not resume');

  const fixed = ['c', '/d', 'x'];
  const cases: Array<[string[], string]> = [
    [[...fixed, '', 'a'], 'argument count is "", want a number up to 1'],
    [[...fixed, '01', 'a'], 'argument count is "01", want a number up to 1'],
    [[...fixed, '-1'], 'argument count is "-1", want a number up to 0'],
    [[...fixed, '0', 'stdin', '', ''], '3 fields after the arguments, want 4 for each step'],
    [[...fixed, '0', 'file', '/f', '', ''], 'step kind is "file", want "stdin", "read" or "write"'],
    [[...fixed, '0', 'stdin', '/f', '', ''], 'a stdin step with a path or an error'],
    [[...fixed, '0', 'stdin', '', 'e', ''], 'a stdin step with a path or an error'],
    [[...fixed, '0', 'read', '', '', 'b'], 'a read step without a path'],
    [[...fixed, '0', 'write', '', '', ''], 'a write step without a path'],
    [[...fixed, '0', 'read', '/f', 'e', 'b'], 'a read step with both an error and bytes'],
    [[...fixed, '0', 'write', '/f', '', 'b'], 'a write step with bytes'],
    [[...fixed, '0', 'stdin', '', '', 'a', 'stdin', '', '', 'b'], 'the stdin step is sent twice'],
    [[...fixed, '0', 'read', '/f', '', 'a', 'read', '/f', 'e', ''], 'the read step of /f is sent twice'],
  ];
  for (const [fields, message] of cases) {
    t.throws(() => requestDecoder().push(fieldsOf(fields)), new WireError(message), message);
  }
  t.same(
    requestDecoder().push(fieldsOf([...fixed, '0', 'read', '/f', '', 'a', 'write', '/f', '', ''])),
    {
      ...small,
      args: [],
      steps: [
        { kind: 'read', path: '/f', error: '', data: Buffer.from('a') },
        { kind: 'write', path: '/f', error: '', data: Buffer.alloc(0) },
      ],
    },
    'a file read and written',
  );

  t.throws(() => replyDecoder().push(Buffer.of(5)), new WireError('unknown reply kind'));
});

// A length is refused as soon as it is read: nothing after it is needed, nothing is buffered.
t.test('a request over the limits is refused from its lengths alone', async (t) => {
  const cases: Array<[string, Buffer, string]> = [
    ['2^32-1 fields', u32(2 ** 32 - 1), `request has 4294967295 fields, the most allowed is ${maxRequestFields}`],
    ['one field too many', u32(maxRequestFields + 1), `request has ${maxRequestFields + 1} fields, the most allowed is ${maxRequestFields}`],
    ['a field of 2^32-1 bytes', Buffer.concat([u32(4), u32(2 ** 32 - 1)]), `request is larger than ${maxRequestBytes} bytes`],
    [
      'fields that add up to one byte too many',
      // The count, four lengths and a one-byte context id leave maxRequestBytes - 21.
      Buffer.concat([u32(4), u32(1), Buffer.from('c'), u32(maxRequestBytes - 21 + 1)]),
      `request is larger than ${maxRequestBytes} bytes`,
    ],
  ];
  for (const [name, bytes, message] of cases) {
    t.throws(() => requestDecoder().push(bytes), new WireError(message), name);
  }
});

t.test('a request of exactly the limits decodes', async (t) => {
  const args = Array<string>(maxRequestFields - 4).fill('');
  const many = { ...small, args };
  t.same(requestDecoder().push(encodeRequest(many)), many, `${maxRequestFields} fields`);

  const overhead = encodeRequest({ ...small, steps: [stdinStep('')] }).length;
  const full = { ...small, steps: [stdinStep('x'.repeat(maxRequestBytes - overhead))] };
  t.equal(encodeRequest(full).length, maxRequestBytes);
  t.same(requestDecoder().push(encodeRequest(full)), full, `${maxRequestBytes} bytes`);
});
