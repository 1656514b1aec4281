// Every registered hook tool, called over the socket with random arguments (a fixed seed, so a
// failure can be replayed): each call must end as a Juju tool call ends, exit 0, 1 or 2 with
// `ERROR ...` on stderr for a failure, and the server must stay up.

import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { ToolServer } from '../../../agent/toolserver/server.js';
import { stepPath, type Reply, type ToolRequest } from '../../../agent/toolserver/wire.js';
import { toolNames } from '../../../hooktools/registry.js';
import { FakeContext } from '../../hooktools/fake-context.js';
import { sendRequest } from './socket.js';
import { generator } from '../../helpers/random.js';

const callsPerTool = 8;

const random = generator(20260801);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

// Options and values the tools know, with the awkward ones around them. A file named by -o is
// written by the client, which here only pretends to.
const vocabulary = [
  '', '-', '--', '-h', '--help', '--format', 'json', 'yaml', 'smart', '--format=json', '-o', 'out.txt',
  '--output=out.txt', '-r', 'db:3', '3', 'cluster:1', 'nope:9', '-r3', '--relation=db:3', '--app', '--app=false',
  '--file', 'settings.yaml', 'missing.yaml', 'sub', '-', 'k=v', 'k=', '=v', ' k = v ', 'a=1', 'wordpress/0',
  'mysql/0', 'mysql', 'mysql/9', '80', '80/tcp', '1000-2000/udp', 'icmp', '0', '-1', '65536', '99999999999999999999',
  '--endpoints', 'website,db', 'maintenance', 'active', 'blocked', 'waiting', '--application', '--include-data',
  'private-address', 'ingress-address', '--primary-address', '--bind-address', '--ingress-address',
  '--egress-subnets', '--log-level', 'DEBUG', '--debug', '-l', 'WARNING', 'data/0', 'data', '--now', '--keys',
  '--all', '--label', '--owner', 'unit', '--description', 'a message', 'ünï©ødé', '\t', '\n', '"', '=', '==',
  'x'.repeat(1000), ' '.repeat(100),
];

/** A token from the vocabulary, or now and then a random string without a slash. */
function token(): string {
  if (random() < 0.85) return pick(vocabulary);
  const length = Math.floor(random() * 12);
  return Array.from({ length }, () => {
    const code = random() < 0.8 ? 0x20 + Math.floor(random() * 0x5f) : Math.floor(random() * 0x3000);
    return code === 0x2f ? '_' : String.fromCodePoint(code);
  }).join('');
}

/** Random arguments; half the time a --file with a few likely companions, so that the stdin and
 *  file steps of relation-set and state-set are met too. */
function argv(): string[] {
  if (random() < 0.5) return Array.from({ length: Math.floor(random() * 6) }, token);
  const companions = Array.from({ length: Math.floor(random() * 3) }, () => pick(['k=v', 'a=1', 'k=', '--app', '-r', 'db:3']));
  return ['--file', pick(['-', 'settings.yaml', 'missing.yaml', 'sub']), ...companions];
}

function context(): FakeContext {
  return new FakeContext({
    unit: 'wordpress/0',
    leader: random() < 0.5,
    hookRelation: 3,
    remoteUnit: 'mysql/0',
    remoteApp: 'mysql',
    relations: [
      {
        id: 3,
        endpoint: 'db',
        remoteApp: 'mysql',
        members: ['mysql/0'],
        bags: { 'mysql/0': { host: 'h' }, mysql: { token: 't' }, 'wordpress/0': { base: 'v' } },
      },
      { id: 1, endpoint: 'cluster', remoteApp: 'wordpress', peer: true, members: ['wordpress/1'], bags: { 'wordpress/1': {} } },
    ],
    config: { name: 'blog', port: 80, debug: false },
    storage: { 'data/0': { kind: 'filesystem', location: '/srv/data' } },
  });
}

/** Texts of JavaScript's own errors: a tool that shows one has a bug, whatever its exit code. */
const javascriptError = /Cannot read properties|is not a function|is not iterable|Maximum call stack|Invalid array length/;

/** What a client might send when asked for stdin or a file. */
const inputs = ['{"k": "v"}', '', 'a: [', 'k: &a v\nj: *a\n', '\u0000\u00ff', 'x: y\n'.repeat(100)];

/** One call as the client makes it: the request, then again with each step the server asks for
 *  taken, a failure now and then. */
async function call(address: string, req: ToolRequest): Promise<Reply | undefined> {
  for (let round = 0; round < 4; round++) {
    const reply = await sendRequest(address, req);
    if (reply?.kind !== 'step') return reply;
    const { step } = reply;
    const failure = step.kind !== 'stdin' && random() < 0.3 ? `open ${step.path}: no such file or directory` : '';
    const data = step.kind !== 'write' && failure === '' ? Buffer.from(pick(inputs)) : Buffer.alloc(0);
    req = { ...req, steps: [...req.steps, { kind: step.kind, path: stepPath(step), error: failure, data }] };
  }
  return undefined;
}

// A directory of its own under the temporary directory: a unix socket path must stay short, and
// the root test's testdir is shared with the rest of agent/ (test/agent.test.ts).
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'jsim-fuzz-')));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'settings.yaml'), 'a: b\n');
mkdirSync(path.join(dir, 'sub'));
const address = path.join(dir, 'agent.socket');
const server = new ToolServer(address, pino({ level: 'silent' }));
t.before(() => server.start());
t.teardown(() => server.stop());

t.test('random arguments to every tool get an answer in Juju shape', async (t) => {

  const wrong: Array<{ tool: string; args: string[]; reply: unknown }> = [];
  let calls = 0;
  for (const tool of toolNames) {
    for (let i = 0; i < callsPerTool; i++) {
      const contextId = `wordpress/0-fuzz-${calls++}`;
      server.register(contextId, context());
      const args = argv();
      const reply = await call(address, { contextId, dir, commandName: tool, args, steps: [] });
      server.unregister(contextId);
      const stderr = reply?.kind === 'result' ? reply.stderr.toString() : '';
      const shaped =
        reply?.kind === 'result' &&
        (reply.code === 0 || ((reply.code === 1 || reply.code === 2) && /ERROR [^]*\n$/.test(stderr))) &&
        !javascriptError.test(stderr);
      if (!shaped) {
        wrong.push({ tool, args, reply: reply?.kind === 'result' ? { ...reply, stdout: '…', stderr } : reply });
      }
    }
  }
  t.ok(calls >= 300, `${calls} calls`);
  t.same(wrong, [], 'every call exits 0, 1 or 2, a failure with ERROR on stderr');

  server.register('wordpress/0-after', context());
  const after = await sendRequest(address, {
    contextId: 'wordpress/0-after',
    dir,
    commandName: 'is-leader',
    args: ['--format=json'],
    steps: [],
  });
  t.match(after, { kind: 'result', code: 0 }, 'the server still answers');
});
