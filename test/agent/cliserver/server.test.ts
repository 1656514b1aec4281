// The command-line server with the real command line and a fake control handler, spoken to over
// its socket as the front end speaks: what each call prints and exits with, the steps it asks
// for, and everything a bad or vanishing caller can do, none of which may stop it serving.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { CommandLineServer } from '../../../agent/cliserver/server.js';
import {
  commandLineMessageDecoder,
  encodeCommandLineRequest,
  encodeStepOutcome,
  type CommandLineMessage,
  type CommandLineRequest,
} from '../../../agent/cliserver/wire.js';
import type { ControlHandler } from '../../../agent/control/client.js';
import type { ClientStep } from '../../../core/tool-io.js';
import type { TakenStep } from '../../../agent/toolserver/wire.js';

const dir = mkdtempSync(join(tmpdir(), 'jsim-cli-'));
const address = join(dir, 'cli.sock');
const status = { model: { name: 'default' }, applications: {} };
let aborted = 0;
/** Settle waits until its caller is gone; run says what it was asked; status answers. */
const handle: ControlHandler = async (request, signal) => {
  if (request.method === 'status') return { result: status };
  if (request.method === 'settle') {
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    aborted++;
    return { result: { errors: [] } };
  }
  return { error: { message: `${request.method} ${JSON.stringify(request.params)}` } };
};
const server = new CommandLineServer(address, pino({ level: 'silent' }), handle, { requestTimeoutMs: 300 });
await server.start();
t.teardown(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  stdout: string;
  stderr: string;
  /** The exit status; undefined when the connection closed without one. */
  code?: number;
  error?: string;
  steps: ClientStep[];
  /** Whether the server said it took the connection up (always, first). */
  greeted?: boolean;
}

/** What the front end does with a step: an outcome to send, 'close' to go away, or 'wait'. */
type Answer = (step: ClientStep) => TakenStep | 'close' | 'wait';

const request = (args: string[], more: Partial<CommandLineRequest> = {}): Buffer =>
  encodeCommandLineRequest({ name: 'juju-sim', dir: '/work', args, env: {}, stdout: undefined, stderr: undefined, ...more });

/** Sends bytes as the front end does and collects every message until the server closes. */
function converse(bytes: Buffer, answer: Answer = () => 'close', after?: (conn: net.Socket) => void): Promise<Seen> {
  return new Promise((resolve) => {
    const seen: Seen = { stdout: '', stderr: '', steps: [] };
    let first = true;
    const conn = net.connect(address, () => {
      conn.write(bytes);
      after?.(conn);
    });
    const onMessage = (message: CommandLineMessage): void => {
      if (first !== (message.kind === 'greeting')) seen.error = `out of order: ${message.kind}`;
      first = false;
      if (message.kind === 'stdout' || message.kind === 'stderr') seen[message.kind] += message.data.toString();
      else if (message.kind === 'result') seen.code = message.code;
      else if (message.kind === 'error') seen.error = message.message;
      else if (message.kind === 'greeting') seen.greeted = true;
      else if (message.kind === 'interactive') seen.error = 'asked to run a program on the terminal';
      else {
        seen.steps.push(message.step);
        const outcome = answer(message.step);
        if (outcome === 'close') conn.destroy();
        else if (outcome !== 'wait') conn.write(encodeStepOutcome(outcome));
      }
    };
    let decoder = commandLineMessageDecoder();
    conn.on('data', (data: Buffer) => {
      let chunk = data;
      for (;;) {
        const message = decoder.push(chunk);
        if (message === undefined) return;
        chunk = decoder.leftover();
        decoder = commandLineMessageDecoder();
        onMessage(message);
        if (chunk.length === 0 || conn.destroyed) return;
      }
    });
    conn.on('error', () => {});
    conn.on('close', () => {
      if (!seen.greeted) seen.error ??= 'no greeting';
      delete seen.greeted;
      resolve(seen);
    });
  });
}

const read = (path: string, data: string, error = ''): TakenStep => ({ kind: 'read', path, error, data: Buffer.from(data) });

t.test('each call runs the command line: its output, then its exit status', async (t) => {
  const cases: Array<[string[], Partial<Seen>]> = [
    [['status', '--format', 'json'], { stdout: `${JSON.stringify(status)}\n`, stderr: '', code: 0 }],
    [['nosuch'], { stdout: '', stderr: 'ERROR juju-sim: "nosuch" is not a juju-sim command. See "juju-sim --help".\n', code: 2 }],
    [['deploy', '--bogus', 'x'], { stdout: '', stderr: 'ERROR option provided but not defined: --bogus\n', code: 2 }],
    [['add-unit', 'a'], { stdout: '', stderr: 'ERROR add-unit {"application":"a","numUnits":1}\n', code: 1 }],
  ];
  for (const [args, expected] of cases) t.same(await converse(request(args)), { steps: [], ...expected }, args.join(' '));
  const help = await converse(request(['help', 'settle']));
  t.match(help, { code: 0, stderr: '' });
  t.match(help.stdout, /^Usage: juju-sim settle \[options\]\n/);
  t.match(help.stdout, /\(default:\n +600000\)/, 'not a terminal: 80 columns, as commander takes');
  const wide = await converse(request(['help', 'settle'], { stdout: { columns: 200 } }));
  t.match(wide.stdout, /\(default: 600000\)\n/, 'the caller\'s terminal width');
});

t.test('the caller\'s files and stdin are steps the front end takes', async (t) => {
  const relative = await converse(request(['run', 'a/0', 'act', '--params', 'p.yaml']), () =>
    read('/work/p.yaml', '', 'open /work/p.yaml: no such file or directory'),
  );
  t.same(relative, {
    stdout: '',
    stderr: 'ERROR open /work/p.yaml: no such file or directory\n',
    code: 1,
    steps: [{ kind: 'read', path: '/work/p.yaml' }],
  }, 'a relative path, from the caller\'s directory; the failure in Go\'s words');
  const file = await converse(request(['run', 'a/0', 'act', '--params', '/p.yaml']), () => read('/p.yaml', 'k: v\n'));
  t.equal(file.stderr, 'ERROR run {"receivers":["a/0"],"action":"act","params":{"k":"v"}}\n', 'the bytes the front end read');
  const stdin = await converse(request(['run', 'a/0', 'act', '--params', '-']), () => ({ kind: 'stdin', path: '', error: '', data: Buffer.from('n: 1\n') }));
  t.match(stdin, { code: 1, stderr: 'ERROR run {"receivers":["a/0"],"action":"act","params":{"n":1}}\n', steps: [{ kind: 'stdin' }] });
  t.same((await converse(request(['status', '--format', 'json']))).steps, [], 'a command that reads nothing asks for nothing');
});

t.test('bad requests are refused, and bad callers dropped, while the server goes on', async (t) => {
  t.same(await converse(request(['status'], { dir: 'relative' })), { stdout: '', stderr: '', steps: [], error: 'bad request: Dir is not absolute' });
  t.same(await converse(Buffer.alloc(0)), { stdout: '', stderr: '', steps: [], error: 'bad request: request not complete after 0.3 s' }, 'silence');
  const huge = Buffer.alloc(8);
  huge.writeUInt32LE(6, 0);
  huge.writeUInt32LE(64 << 20, 4);
  t.same(await converse(huge), { stdout: '', stderr: '', steps: [], error: 'bad request: request is larger than 16777216 bytes' }, 'too large');

  const wrong = await converse(request(['run', 'a/0', 'act', '--params', '/p.yaml']), () => ({ kind: 'stdin', path: '', error: '', data: Buffer.alloc(0) }));
  t.same(wrong, { stdout: '', stderr: '', steps: [{ kind: 'read', path: '/p.yaml' }] }, 'the outcome of another step: dropped');
  const gone = await converse(request(['run', 'a/0', 'act', '--params', '-']), () => 'close');
  t.same(gone.steps, [{ kind: 'stdin' }], 'a caller gone while its step was awaited');

  const before = aborted;
  const unasked = await converse(request(['settle']), () => 'wait', (conn) => setTimeout(() => conn.write('junk'), 50));
  t.same(unasked, { stdout: '', stderr: '', steps: [] }, 'bytes nobody asked for: dropped');
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(aborted, before + 1, 'and its wait ended');
  t.same(await converse(request(['status', '--format', 'json'])), { stdout: `${JSON.stringify(status)}\n`, stderr: '', code: 0, steps: [] }, 'still serving');
});

t.test('calls do not wait for each other; a caller gone ends its command\'s wait', async (t) => {
  const before = aborted;
  let settling: net.Socket | undefined;
  const settle = converse(request(['settle']), () => 'wait', (conn) => (settling = conn));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const [a, b] = await Promise.all([converse(request(['status', '--format', 'json'])), converse(request(['status', '--format', 'json']))]);
  t.same([a.code, b.code], [0, 0], 'two status calls while a settle waits');
  t.equal(aborted, before, 'the settle still waits');
  settling!.destroy();
  t.same(await settle, { stdout: '', stderr: '', steps: [] });
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(aborted, before + 1, 'its wait ended with its caller');
});
