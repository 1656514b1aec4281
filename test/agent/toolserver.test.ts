// The real client (hooktools/client/jujuc.c, built here) against a real ToolServer with tiny
// test tools, and relation-set on a fake hook context: exact stdout, stderr and exit code of the
// client process.

import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { root } from '../helpers/root.js';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { ToolServer } from '../../agent/toolserver/server.js';
import { encodeRequest, maxRequestBytes, maxRequestFields, type ToolRequest } from '../../agent/toolserver/wire.js';
import type { ToolCommand } from '../../hooktools/cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { FlagSet } from '../../core/gnuflag.js';
import type { HookContext } from '../../core/hook-context.js';
import type { ToolFactory } from '../../hooktools/registry.js';
import { configGet } from '../../hooktools/tools/config-get.js';
import { relationSet } from '../../hooktools/tools/relation-set.js';
import { secretAdd } from '../../hooktools/tools/secret-add.js';
import { FakeContext } from '../hooktools/fake-context.js';
import { FakeSecrets, NEW_SECRET_URI } from '../hooktools/fakes/secrets.js';
import { sendBytes, sendRequest } from './toolserver/socket.js';

const source = path.join(root, 'hooktools', 'client', 'jujuc.c');

/** A test tool: positional args go to `run`. */
function tool(run: (io: ToolIO, args: string[]) => void, init: (args: string[]) => void = () => {}): ToolFactory {
  return () => {
    let positional: string[] = [];
    const cmd: ToolCommand = {
      info: () => ({ name: 'test-tool', purpose: 'tests the tool server' }),
      setFlags: (_f: FlagSet) => {},
      init: (args) => {
        init(args);
        positional = args;
      },
      run: (io) => run(io, positional),
    };
    return cmd;
  };
}

// The context is only passed through to the tool; `echo` proves which one arrived.
function fakeContext(unit: string): HookContext {
  return { unitName: () => unit } as HookContext;
}

let secrets = new FakeSecrets();

const registry = new Map<string, ToolFactory>([
  ['echo', (ctx) => tool((io, args) => io.stdout.write([ctx.unitName(), io.dir, ...args].join('\0')))(ctx)],
  ['cat', tool((io) => {
    const data = io.stdin();
    io.stdout.write(data);
    io.stderr.write(`${data.length} bytes\n`);
  })],
  ['usage', tool(() => {}, () => {
    throw new Error('bad usage');
  })],
  ['warn', tool((io) => {
    io.stdout.write('out\n');
    io.stderr.write('warning\n');
  })],
  ['relation-set', relationSet],
  ['config-get', configGet],
  ['secret-add', () => secretAdd(secrets)],
]);

// Its own directory, not the root test's testdir: this file runs in one process with the rest of
// agent/ (test/agent.test.ts), where fuzz.test.ts's root testdir would be the same one.
const dir = mkdtempSync(path.join(tmpdir(), 'jsim-toolserver-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'charm', 'sub'), { recursive: true });
const charmDir = realpathSync(path.join(dir, 'charm'));
const bin = path.join(dir, 'bin');
mkdirSync(bin);
const build = spawnSync('cc', ['-O2', '-Wall', '-Wextra', '-o', path.join(bin, 'jujuc'), source], { encoding: 'utf8' });
t.equal(build.status, 0, 'client builds');
t.equal(build.stderr, '', 'client builds without warnings');
for (const name of [...registry.keys(), 'no-such-tool']) {
  symlinkSync('jujuc', path.join(bin, name));
}

const socketPath = path.join(dir, 'agent.socket');
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
const server = new ToolServer(socketPath, logger, registry);
const contextId = 'mysql/0-config-changed-123';
server.register(contextId, fakeContext('mysql/0'));
server.register('mysql/1-install-7', fakeContext('mysql/1'));

const hookEnv = {
  JUJU_CONTEXT_ID: contextId,
  JUJU_AGENT_SOCKET_ADDRESS: socketPath,
  JUJU_AGENT_SOCKET_NETWORK: 'unix',
};

// wordpress/0 in its db-relation-changed hook, for relation-set.
const relationHookId = 'wordpress/0-db-relation-changed-5';
function relationHook(): FakeContext {
  const ctx = new FakeContext({ unit: 'wordpress/0', hookRelation: 3, relations: [{ id: 3, endpoint: 'db', remoteApp: 'mysql' }] });
  server.register(relationHookId, ctx);
  return ctx;
}
const relationEnv = { ...hookEnv, JUJU_CONTEXT_ID: relationHookId };

// wordpress/0 in its config-changed hook, for config-get -o: `big` is larger than a pipe holds,
// `nan` cannot be written as JSON.
const configHookId = 'wordpress/0-config-changed-6';
server.register(configHookId, new FakeContext({ unit: 'wordpress/0', config: { name: 'blog', big: 'x'.repeat(1 << 20), nan: NaN } }));
const configEnv = { ...hookEnv, JUJU_CONTEXT_ID: configHookId };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Written to the client's stdin, which is then closed; by default stdin stays open. */
  input?: Buffer;
  /** Run through `sh -c` with the tool path as $0 and args as $1…, e.g. to merge stdout into stderr. */
  shell?: string;
}

/** Runs the client as `name`; stdin is a pipe that never closes unless `input` is given. */
function runTool(name: string, args: string[], opts: RunOptions = {}): Promise<Run & { raw: Buffer }> {
  const toolPath = path.join(bin, name);
  const [file, argv] = opts.shell ? ['/bin/sh', ['-c', opts.shell, toolPath, ...args]] : [toolPath, args];
  const child = spawn(file, argv, { cwd: opts.cwd ?? charmDir, env: opts.env ?? hookEnv });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  if (opts.input) {
    child.stdin.end(opts.input);
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      const raw = Buffer.concat(out);
      resolve({ code, stdout: raw.toString(), stderr: Buffer.concat(err).toString(), raw });
    });
  });
}

t.before(() => server.start());
t.teardown(() => server.stop());

t.test('the socket is for the daemon user only', async (t) => {
  t.equal(statSync(socketPath).mode & 0o777, 0o600);
});

t.test('missing or empty environment, checked in the order Juju checks it', async (t) => {
  const cases: Array<[Record<string, string>, string]> = [
    [{}, 'ERROR JUJU_CONTEXT_ID not set\n'],
    [{ ...hookEnv, JUJU_CONTEXT_ID: '' }, 'ERROR JUJU_CONTEXT_ID not set\n'],
    [{ JUJU_AGENT_SOCKET_NETWORK: 'unix', JUJU_CONTEXT_ID: contextId }, 'ERROR JUJU_AGENT_SOCKET_ADDRESS not set\n'],
    [{ ...hookEnv, JUJU_AGENT_SOCKET_ADDRESS: '' }, 'ERROR JUJU_AGENT_SOCKET_ADDRESS not set\n'],
    [{ JUJU_CONTEXT_ID: contextId, JUJU_AGENT_SOCKET_ADDRESS: socketPath }, 'ERROR JUJU_AGENT_SOCKET_NETWORK not set\n'],
    [{ ...hookEnv, JUJU_AGENT_SOCKET_NETWORK: '' }, 'ERROR JUJU_AGENT_SOCKET_NETWORK not set\n'],
    [
      { ...hookEnv, JUJU_AGENT_SOCKET_NETWORK: 'tcp' },
      `ERROR dial tcp ${socketPath}: unsupported network tcp (juju-sim's hook tools use unix sockets)\n`,
    ],
  ];
  for (const [env, stderr] of cases) {
    t.same(await runTool('echo', ['x'], { env }), { code: 1, stdout: '', stderr, raw: Buffer.alloc(0) }, JSON.stringify(env));
  }
});

t.test('request errors are printed as Juju prints RPC errors', async (t) => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['no-such-tool', hookEnv, 'ERROR bad request: unknown hook command: no-such-tool\n'],
    ['echo', { ...hookEnv, JUJU_CONTEXT_ID: 'mysql/0-install-9' }, 'ERROR bad request: wrong context ID; got "mysql/0-install-9"\n'],
    ['echo', { ...hookEnv, JUJU_CONTEXT_ID: 'tab\there\x7f' }, 'ERROR bad request: wrong context ID; got "tab\\there\\x7f"\n'],
  ];
  for (const [name, env, stderr] of cases) {
    const run = await runTool(name, [], { env });
    t.same({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 1, stdout: '', stderr }, stderr);
  }
});

t.test('validation order and texts for requests only a foreign client can send', async (t) => {
  const base: ToolRequest = { contextId, dir: charmDir, commandName: 'echo', args: [], steps: [] };
  const cases: Array<[Partial<ToolRequest>, string]> = [
    [{ commandName: '', dir: 'relative', contextId: 'nope' }, 'bad request: command not specified'],
    [{ dir: 'relative', contextId: 'nope' }, 'bad request: Dir is not absolute'],
    [{ dir: '', contextId: 'nope' }, 'bad request: Dir is not absolute'],
    [{ contextId: 'nope', commandName: 'no-such-tool' }, 'bad request: wrong context ID; got "nope"'],
    [{ contextId: '' }, 'bad request: wrong context ID; got ""'],
  ];
  for (const [change, message] of cases) {
    t.same(await sendRequest(socketPath, { ...base, ...change }), { kind: 'error', message }, message);
  }
  const garbage = await sendBytes(socketPath, Buffer.from('01000000', 'hex'));
  t.same(garbage, { kind: 'error', message: 'bad request: request has 1 fields, want at least 4' });
});

t.test('arguments, cwd and context arrive intact', async (t) => {
  const big = 'x'.repeat(100 * 1024);
  const cases: Array<[string, string[], string, Record<string, string>]> = [
    ['no args', [], charmDir, hookEnv],
    ['empty string', [''], charmDir, hookEnv],
    ['several empty strings', ['', '', 'a', ''], charmDir, hookEnv],
    ['spaces', [' ', 'a b', '  lead', 'trail  '], charmDir, hookEnv],
    ['newlines', ['\n', 'a\nb\n', '\r\n'], charmDir, hookEnv],
    ['non-ASCII', ['ünï©ødé', '☃', '日本語', '🦄'], charmDir, hookEnv],
    ['quotes and backslashes', ['"', "'", '\\', '$HOME', '*'], charmDir, hookEnv],
    ['100 KB argument', [big, 'after'], charmDir, hookEnv],
    ['subdirectory', ['a'], path.join(charmDir, 'sub'), hookEnv],
    ['another context', ['a'], charmDir, { ...hookEnv, JUJU_CONTEXT_ID: 'mysql/1-install-7' }],
  ];
  for (const [name, args, cwd, env] of cases) {
    const unit = env.JUJU_CONTEXT_ID.split('-')[0];
    const run = await runTool('echo', args, { cwd, env });
    t.same(
      { code: run.code, stdout: run.stdout, stderr: run.stderr },
      { code: 0, stdout: [unit, cwd, ...args].join('\0'), stderr: '' },
      name,
    );
  }
});

t.test('the cwd is $PWD when it names the working directory, cleaned, as Go reports it', async (t) => {
  const link = path.join(dir, 'link');
  symlinkSync(charmDir, link);
  const cases: Array<[string | undefined, string]> = [
    [`${link}/./sub/..//`, link],
    [`/..${link}`, link],
    [link, link],
    [path.join(dir, 'charm', 'sub'), charmDir],
    ['relative', charmDir],
    [undefined, charmDir],
  ];
  for (const [pwd, want] of cases) {
    const env: Record<string, string> = pwd === undefined ? hookEnv : { ...hookEnv, PWD: pwd };
    const run = await runTool('echo', [], { cwd: link, env });
    t.equal(run.stdout, ['mysql/0', want].join('\0'), `PWD=${pwd}`);
  }
});

t.test('stdout then stderr, and the exit code', async (t) => {
  t.same(await runTool('warn', []), { code: 0, stdout: 'out\n', stderr: 'warning\n', raw: Buffer.from('out\n') });
  const merged = await runTool('warn', [], { shell: 'exec "$0" 2>&1' });
  t.equal(merged.stdout, 'out\nwarning\n', 'stdout is written before stderr');
  const usage = await runTool('usage', ['a']);
  t.same({ code: usage.code, stdout: usage.stdout, stderr: usage.stderr }, { code: 2, stdout: '', stderr: 'ERROR bad usage\n' });
});

t.test('stdin is sent only when the tool asks for it', async (t) => {
  const binary = Buffer.from([0, 1, 2, 255, 10, 13, 0]);
  const large = Buffer.alloc(3 * 1024 * 1024, 'abc\n');
  const cases: Array<[string, Buffer]> = [
    ['text', Buffer.from('key: value\n')],
    ['binary', binary],
    ['empty', Buffer.alloc(0)],
    ['3 MB', large],
  ];
  for (const [name, input] of cases) {
    const run = await runTool('cat', [], { input });
    t.equal(run.code, 0, name);
    t.ok(run.raw.equals(input), `${name}: stdout is stdin`);
    t.equal(run.stderr, `${input.length} bytes\n`, name);
  }
  // /dev/null is an empty stdin, not a missing one.
  const devNull = await runTool('cat', [], { shell: 'exec "$0" </dev/null' });
  t.same({ code: devNull.code, stdout: devNull.stdout, stderr: devNull.stderr }, { code: 0, stdout: '', stderr: '0 bytes\n' });
});

t.test('a tool that does not read stdin does not wait for it', async (t) => {
  // runTool leaves stdin an open pipe; a client that read it would be killed by the timer.
  const run = await runTool('echo', ['a']);
  t.same({ code: run.code, stdout: run.stdout }, { code: 0, stdout: ['mysql/0', charmDir, 'a'].join('\0') });
});

t.test('every call is logged at debug level with unit, context and tool', async (t) => {
  logLines.length = 0;
  await runTool('warn', []);
  const entries = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
  t.match(entries, [{ level: 20, unit: 'mysql/0', context: contextId, tool: 'warn' }]);
});

t.test('a dead server is a dial error', async (t) => {
  const missing = path.join(dir, 'missing.socket');
  const run = await runTool('echo', [], { env: { ...hookEnv, JUJU_AGENT_SOCKET_ADDRESS: missing } });
  t.same(
    { code: run.code, stdout: run.stdout, stderr: run.stderr },
    { code: 1, stdout: '', stderr: `ERROR dial unix ${missing}: connect: no such file or directory\n` },
  );

  // A socket file whose listener was killed: refused, and the next server replaces it.
  const stale = path.join(dir, 'stale.socket');
  spawnSync(process.execPath, [
    '-e',
    `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`,
  ]);
  t.ok(existsSync(stale), 'a stale socket file is left behind');
  const refused = await runTool('echo', [], { env: { ...hookEnv, JUJU_AGENT_SOCKET_ADDRESS: stale } });
  t.same(
    { code: refused.code, stdout: refused.stdout, stderr: refused.stderr },
    { code: 1, stdout: '', stderr: `ERROR dial unix ${stale}: connect: connection refused\n` },
  );
  const second = new ToolServer(stale, logger, registry);
  second.register(contextId, fakeContext('mysql/0'));
  await second.start();
  const served = await runTool('echo', ['b'], { env: { ...hookEnv, JUJU_AGENT_SOCKET_ADDRESS: stale } });
  t.equal(served.code, 0, 'a new server takes over a stale socket');

  await second.stop();
  t.notOk(existsSync(stale), 'stop removes the socket');
  const stopped = await runTool('echo', [], { env: { ...hookEnv, JUJU_AGENT_SOCKET_ADDRESS: stale } });
  t.same(
    { code: stopped.code, stderr: stopped.stderr },
    { code: 1, stderr: `ERROR dial unix ${stale}: connect: no such file or directory\n` },
  );
});

t.test('an unregistered context is unknown again', async (t) => {
  server.register('gone/0-start-1', fakeContext('gone/0'));
  server.unregister('gone/0-start-1');
  const run = await runTool('echo', [], { env: { ...hookEnv, JUJU_CONTEXT_ID: 'gone/0-start-1' } });
  t.equal(run.stderr, 'ERROR bad request: wrong context ID; got "gone/0-start-1"\n');
});

t.test('a server that breaks the protocol', async (t) => {
  const cases: Array<[string, (conn: net.Socket) => void, string]> = [
    ['asks for stdin twice', (conn) => conn.end(Buffer.of(1)), 'ERROR hook tool requires stdin, none supplied\n'],
    ['hangs up without a reply', (conn) => conn.end(), 'ERROR unexpected EOF\n'],
    ['hangs up mid-reply', (conn) => conn.end(Buffer.from('0000000000ff', 'hex')), 'ERROR unexpected EOF\n'],
    ['sends an unknown reply kind', (conn) => conn.end(Buffer.of(9)), 'ERROR malformed reply from the hook tool server\n'],
    ['asks for a file twice', (conn) => conn.end(Buffer.from('03020000002f78', 'hex')), 'ERROR hook tool asked twice to read /x\n'],
    ['asks for a write twice', (conn) => conn.end(Buffer.from('04090000002f6465762f6e756c6c00000000', 'hex')), 'ERROR hook tool asked twice to write /dev/null\n'],
  ];
  for (const [name, answer, stderr] of cases) {
    const address = path.join(dir, 'rogue.socket');
    const rogue = net.createServer((conn) => conn.once('data', () => answer(conn)));
    await new Promise<void>((resolve) => rogue.listen(address, resolve));
    const run = await runTool('echo', [], { env: { ...hookEnv, JUJU_AGENT_SOCKET_ADDRESS: address }, input: Buffer.from('in') });
    await new Promise((resolve) => rogue.close(resolve));
    t.same({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 1, stdout: '', stderr }, name);
  }
});

t.test('--file is read by the client, and what it reads is set', async (t) => {
  const dir = realpathSync(t.testdir({ 'settings.yaml': 'a: from file\nb: "2"\n', sub: {} }));
  const ctx = relationHook();
  const run = await runTool('relation-set', ['--file', 'settings.yaml', 'c=arg'], { cwd: dir, env: relationEnv });
  t.same({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 0, stdout: '', stderr: '' });
  t.same(ctx.pending(3).unit, { a: 'from file', b: '2', c: 'arg' });

  // Failures read exactly as the tool prints them when it opens the file itself (Juju's words).
  const cases: Array<[string, string]> = [
    ['missing.yaml', `ERROR open ${dir}/missing.yaml: no such file or directory\n`],
    ['./sub/../missing.yaml', `ERROR open ${dir}/missing.yaml: no such file or directory\n`],
    ['settings.yaml/x', `ERROR open ${dir}/settings.yaml/x: not a directory\n`],
    ['sub', `ERROR read ${dir}/sub: is a directory\n`],
  ];
  for (const [file, stderr] of cases) {
    const failed = relationHook();
    const got = await runTool('relation-set', ['--file', file, 'c=arg'], { cwd: dir, env: relationEnv });
    t.same({ code: got.code, stdout: got.stdout, stderr: got.stderr }, { code: 1, stdout: '', stderr }, file);
    t.same(failed.pending(3).unit, {}, `${file}: nothing set`);
  }
});

t.test('--file - reads stdin', async (t) => {
  const ctx = relationHook();
  const run = await runTool('relation-set', ['--file', '-'], { env: relationEnv, input: Buffer.from('{"k": "from stdin"}') });
  t.same({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 0, stdout: '', stderr: '' });
  t.same(ctx.pending(3).unit, { k: 'from stdin' });
});

// 128 MiB of address space: enough for a request at the limit, far too little for /dev/zero
// read without one (the client would say "out of memory").
const boundedMemory = 'ulimit -v 131072; exec "$0" "$@"';
const limitText = 'more than the hook tool request limit of 16 MiB';

t.test('an endless input ends in an error from the client, in bounded memory', async (t) => {
  const ctx = relationHook();
  const file = await runTool('relation-set', ['--file', '/dev/zero'], { env: relationEnv, shell: boundedMemory });
  t.same(
    { code: file.code, stdout: file.stdout, stderr: file.stderr },
    { code: 1, stdout: '', stderr: `ERROR read /dev/zero: ${limitText}\n` },
    '--file /dev/zero',
  );
  const stdin = await runTool('relation-set', ['--file', '-'], { env: relationEnv, shell: `${boundedMemory} </dev/zero` });
  t.same(
    { code: stdin.code, stdout: stdin.stdout, stderr: stdin.stderr },
    { code: 1, stdout: '', stderr: `ERROR cannot read stdin: read /dev/stdin: ${limitText}\n` },
    '--file - from /dev/zero',
  );
  t.same(ctx.pending(3).unit, {});
});

t.test('client and server agree on the limits', async (t) => {
  // The largest stdin the client sends is one the server takes; one byte more never leaves it.
  const stdin = { kind: 'stdin', path: '', error: '', data: Buffer.alloc(0) } as const;
  const overhead = encodeRequest({ contextId, dir: charmDir, commandName: 'cat', args: [], steps: [stdin] }).length;
  const largest = maxRequestBytes - overhead;
  const fits = await runTool('cat', [], { input: Buffer.alloc(largest, 'y') });
  t.same({ code: fits.code, stderr: fits.stderr, bytes: fits.raw.length }, { code: 0, stderr: `${largest} bytes\n`, bytes: largest });
  const over = await runTool('cat', [], { input: Buffer.alloc(largest + 1, 'y') });
  t.same(
    { code: over.code, stdout: over.stdout, stderr: over.stderr },
    { code: 1, stdout: '', stderr: `ERROR cannot read stdin: read /dev/stdin: ${limitText}\n` },
  );

  const mostArgs = maxRequestFields - 4;
  const many = await runTool('echo', Array<string>(mostArgs).fill(''));
  t.same({ code: many.code, stderr: many.stderr }, { code: 0, stderr: '' }, `${mostArgs} arguments`);
  const tooMany = await runTool('echo', Array<string>(mostArgs + 1).fill(''));
  t.same(
    { code: tooMany.code, stdout: tooMany.stdout, stderr: tooMany.stderr },
    { code: 1, stdout: '', stderr: `ERROR too many arguments: ${mostArgs + 1}, the hook tool request limit is ${mostArgs}\n` },
  );
});

/**
 * Starts a hook tool whose client the server has answered and which then blocks in the hook's
 * own process (on a FIFO). end() checks it still waits, then kills it.
 */
async function blockedClient(tool: string, args: string[], options: SpawnOptions): Promise<{ end(t: Test): Promise<void> }> {
  logLines.length = 0;
  const child = spawn(path.join(bin, tool), args, { ...options, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  while (!logLines.some((l) => l.includes(`"tool":"${tool}"`))) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    async end(t) {
      t.equal(child.exitCode, null, 'the client still waits');
      child.kill('SIGKILL');
      t.equal(await exited, 'SIGKILL');
    },
  };
}

/** Another unit's tool call is served meanwhile. */
async function anotherUnitIsServed(t: Test): Promise<void> {
  const other = await runTool('echo', ['meanwhile'], { env: { ...hookEnv, JUJU_CONTEXT_ID: 'mysql/1-install-7' } });
  t.same({ code: other.code, stdout: other.stdout }, { code: 0, stdout: ['mysql/1', charmDir, 'meanwhile'].join('\0') }, 'another unit');
}

t.test('a FIFO nobody writes blocks only the hook process that named it', async (t) => {
  const dir = realpathSync(t.testdir());
  const fifo = path.join(dir, 'settings.fifo');
  t.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  const ctx = relationHook();
  // The server has been asked once (and answered "needs file"); the client now waits on the FIFO.
  const blocked = await blockedClient('relation-set', ['--file', fifo], { cwd: dir, env: relationEnv });
  await anotherUnitIsServed(t);
  const same = await runTool('relation-set', ['k=v'], { env: relationEnv });
  t.equal(same.code, 0, 'another tool call of the same hook');
  t.same(ctx.pending(3).unit, { k: 'v' });

  await blocked.end(t);
});

t.test('the server refuses oversized requests from their lengths, and stays up', async (t) => {
  const cases: Array<[string, Buffer, string]> = [
    ['2^32-1 fields', Buffer.from('ffffffff', 'hex'), `bad request: request has 4294967295 fields, the most allowed is ${maxRequestFields}`],
    ['a field of 2^32-1 bytes', Buffer.from('08000000ffffffff', 'hex'), `bad request: request is larger than ${maxRequestBytes} bytes`],
  ];
  for (const [name, bytes, message] of cases) {
    t.same(await sendBytes(socketPath, bytes), { kind: 'error', message }, name);
  }
  t.equal((await runTool('echo', [])).code, 0, 'the server still answers');
});

t.test('a connection that never completes its request is closed', async (t) => {
  const address = path.join(dir, 'impatient.socket');
  const impatient = new ToolServer(address, logger, registry, { requestTimeoutMs: 300 });
  impatient.register(contextId, fakeContext('mysql/0'));
  await impatient.start();
  t.teardown(() => impatient.stop());
  const timeout = { kind: 'error', message: 'bad request: request not complete after 0.3 s' };
  t.same(await sendBytes(address, Buffer.from('09000000', 'hex')), timeout, 'silent after the field count');
  t.same(await sendBytes(address, Buffer.from('ffff0000', 'hex'), Buffer.from('00000000', 'hex')), timeout, 'a trickle of empty fields');
  t.same(await sendBytes(address, Buffer.from('09000000e8030000', 'hex'), Buffer.of(0x61)), timeout, 'a trickle of bytes in a field');

  // Garbage, seeded: every connection ends with a request error, by the bytes or by the clock.
  let seed = 8;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20; i++) {
    const garbage = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
    const reply = await sendBytes(address, garbage);
    t.match(reply, { kind: 'error', message: /^bad request: / }, garbage.toString('hex'));
  }
  const run = await runTool('echo', ['still'], { env: { ...hookEnv, JUJU_AGENT_SOCKET_ADDRESS: address } });
  t.equal(run.code, 0, 'the server still answers');
});

t.test('-o is written by the client, as Go\'s os.Create and a write leave it', async (t) => {
  const dir = realpathSync(t.testdir({ 'old.txt': 'a much longer previous content\n', sub: {} }));
  const run = async (args: string[], shell?: string) => {
    const got = await runTool('config-get', args, { cwd: dir, env: configEnv, shell });
    return { code: got.code, stdout: got.stdout, stderr: got.stderr };
  };
  const ok = { code: 0, stdout: '', stderr: '' };

  t.same(await run(['name', '-o', 'new.txt'], 'umask 027; exec "$0" "$@"'), ok, 'a new file');
  t.equal(readFileSync(path.join(dir, 'new.txt'), 'utf8'), 'blog\n');
  t.equal(statSync(path.join(dir, 'new.txt')).mode & 0o777, 0o640, 'created 0666 less the umask');
  t.same(await run(['--format=json', 'name', '--output', `${dir}/./sub/../old.txt`]), ok, 'an existing file');
  t.equal(readFileSync(path.join(dir, 'old.txt'), 'utf8'), '"blog"\n', 'truncated');

  // Failures read exactly as the tool printed them when the daemon wrote the file (Juju's words).
  t.same(await run(['name', '-o', 'missing/out.txt']), { code: 1, stdout: '', stderr: `ERROR open ${dir}/missing/out.txt: no such file or directory\n` });
  t.same(await run(['name', '-o', 'sub']), { code: 1, stdout: '', stderr: `ERROR open ${dir}/sub: is a directory\n` });
  t.same(await run(['name', '-o', '/dev/full']), { code: 1, stdout: '', stderr: 'ERROR write /dev/full: no space left on device\n' });
  // The file is created before the value is formatted, so a formatting error leaves it empty.
  t.same(await run(['--format=json', 'nan', '-o', 'old.txt']), { code: 1, stdout: '', stderr: 'ERROR json: unsupported value: NaN\n' });
  t.equal(readFileSync(path.join(dir, 'old.txt'), 'utf8'), '', 'created, then nothing written');
});

t.test('an -o FIFO nobody reads blocks only the hook process that named it', async (t) => {
  const dir = realpathSync(t.testdir());
  const fifo = path.join(dir, 'out.fifo');
  t.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  // Opened as os.Create opens it (read-write), a FIFO takes what a pipe holds, then blocks the
  // writer. Should the writer be the daemon, this reader frees it after a while, so that the
  // test fails instead of hanging.
  const reader = spawn('/bin/sh', ['-c', 'sleep 5; exec cat "$0" >/dev/null', fifo], { detached: true, stdio: 'ignore' });
  t.teardown(() => {
    if (reader.exitCode === null && reader.signalCode === null) process.kill(-reader.pid!, 'SIGKILL');
  });
  const blocked = await blockedClient('config-get', ['big', '-o', fifo], { cwd: dir, env: configEnv });
  await anotherUnitIsServed(t);
  await blocked.end(t);
});

t.test('secret-add: the client reads each file in turn', async (t) => {
  const dir = realpathSync(t.testdir({ password: 's3cret\n', 'ca.pem': 'PEM\n', 'more.yaml': 'token: t0k3n\n' }));
  secrets = new FakeSecrets();
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const args = ['--owner', 'unit', `password#file=${dir}/password`, `ca-cert#file=${dir}/ca.pem`, '--file', `${dir}/more.yaml`];
  const run = await runTool('secret-add', args);
  t.same({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 0, stdout: `${NEW_SECRET_URI}\n`, stderr: '' });
  t.same(secrets.calls, [['createSecret', { value: { password: b64('s3cret\n'), 'ca-cert': b64('PEM\n'), token: b64('t0k3n') }, owner: 'unit' }]]);

  secrets = new FakeSecrets();
  const missing = await runTool('secret-add', [`a-key#file=${dir}/password`, `b-key#file=${dir}/missing`]);
  t.same(
    { code: missing.code, stdout: missing.stdout, stderr: missing.stderr },
    { code: 2, stdout: '', stderr: `ERROR reading content for secret key "b-key": open ${dir}/missing: no such file or directory\n` },
  );
  t.same(secrets.calls, []);
});

t.test('a secret #file FIFO nobody writes blocks only the hook process that named it', async (t) => {
  const dir = realpathSync(t.testdir());
  const fifo = path.join(dir, 'value.fifo');
  t.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  // Should the daemon open the FIFO, this writer frees it after a while: the test fails, not hangs.
  const writer = spawn('/bin/sh', ['-c', 'sleep 5; echo late >"$0"', fifo], { detached: true, stdio: 'ignore' });
  t.teardown(() => {
    if (writer.exitCode === null && writer.signalCode === null) process.kill(-writer.pid!, 'SIGKILL');
  });
  const blocked = await blockedClient('secret-add', [`abc#file=${fifo}`], { env: hookEnv });
  await anotherUnitIsServed(t);
  await blocked.end(t);
});

t.test('relation-set --file - takes what ops writes up to the request limit; other YAML up to 1 MiB', async (t) => {
  const ctx = relationHook();
  const settings = { cert: 'c'.repeat(14 * 1024 * 1024), ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`key-${i}`, `"${i}"\n`])) };
  const json = await runTool('relation-set', ['--file', '-'], { env: relationEnv, input: Buffer.from(JSON.stringify(settings)) });
  t.same({ code: json.code, stdout: json.stdout, stderr: json.stderr }, { code: 0, stdout: '', stderr: '' });
  t.same(ctx.pending(3).unit, settings, 'every key and value set');

  const failed = relationHook();
  const yaml = Object.entries(settings).map(([key, value]) => `${key}: ${JSON.stringify(value)}\n`).join('');
  const refused = await runTool('relation-set', ['--file', '-'], { env: relationEnv, input: Buffer.from(yaml) });
  t.same(
    { code: refused.code, stdout: refused.stdout, stderr: refused.stderr },
    {
      code: 1,
      stdout: '',
      stderr: 'ERROR yaml: document too large for juju-sim: more than 1048576 bytes (a JSON object of ASCII strings has no such limit)\n',
    },
  );
  t.same(failed.pending(3).unit, {});
});
