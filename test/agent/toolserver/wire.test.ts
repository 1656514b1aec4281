import t from 'tap';
import {
  encodeReply,
  encodeRequest,
  replyDecoder,
  requestDecoder,
  WireError,
  type Decoder,
  type Reply,
  type ToolRequest,
} from '../../../agent/toolserver/wire.js';

const small: ToolRequest = { contextId: 'c', dir: '/d', commandName: 'x', stdin: undefined, args: ['a'] };

// Field by field: count 6, then (length, bytes) for c, /d, x, "0", "", a.
const smallBytes = Buffer.from(
  '06000000' +
    '01000000' + '63' +
    '02000000' + '2f64' +
    '01000000' + '78' +
    '01000000' + '30' +
    '00000000' +
    '01000000' + '61',
  'hex',
);

t.test('encodeRequest lays fields out as the client does', async (t) => {
  t.same(encodeRequest(small), smallBytes);
  const withStdin = encodeRequest({ ...small, stdin: Buffer.from('in'), args: [] });
  t.same(withStdin, Buffer.from('05000000' + '0100000063' + '020000002f64' + '0100000078' + '0100000031' + '02000000696e', 'hex'));
});

t.test('encodeReply lays each kind out as the client reads it', async (t) => {
  const cases: Array<[Reply, string]> = [
    [{ kind: 'result', code: 2, stdout: Buffer.from('o'), stderr: Buffer.from('ee') }, '00' + '02000000' + '010000006f' + '020000006565'],
    [{ kind: 'result', code: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }, '00' + '00000000' + '00000000' + '00000000'],
    [{ kind: 'need-stdin' }, '01'],
    [{ kind: 'error', message: 'bad' }, '02' + '03000000626164'],
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
  ];
  for (const reply of replies) {
    const bytes = encodeReply(reply);
    for (let cut = 1; cut < bytes.length; cut++) {
      t.same(feed(replyDecoder(), bytes, [cut]), whole(reply, 2), `${reply.kind} cut at ${cut}`);
    }
  }
});

t.test('malformed bytes are a WireError, and stay one', async (t) => {
  const tooFew = Buffer.from('04000000' + '00000000'.repeat(4), 'hex');
  t.throws(() => requestDecoder().push(tooFew), new WireError('request has 4 fields, want at least 5'));

  const badFlag = Buffer.from(smallBytes);
  badFlag[4 + 5 + 6 + 5 + 4] = 0x32;
  const decoder = requestDecoder();
  t.throws(() => decoder.push(badFlag), new WireError('stdin flag is "2", want "0" or "1"'));
  t.throws(() => decoder.push(Buffer.alloc(1)), new WireError('stdin flag is "2", want "0" or "1"'), 'a failed decoder does not resume');

  t.throws(() => replyDecoder().push(Buffer.of(3)), new WireError('unknown reply kind'));
});
