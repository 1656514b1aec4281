// The command line's protocol (agent/cliserver/wire.ts) as tables: the bytes the front end
// (hooktools/client/jujuc.c) sends and reads, and every malformed request refused with its text.
import t from 'tap';
import {
  commandLineMessageDecoder,
  commandLineRequestDecoder,
  encodeCommandLineMessage,
  encodeCommandLineRequest,
  encodeInteractiveOutcome,
  encodeStepOutcome,
  interactiveOutcomeDecoder,
  stepOutcomeDecoder,
  type CommandLineMessage,
  type CommandLineRequest,
} from '../../../agent/cliserver/wire.js';
import { encodeFields, maxRequestBytes, WireError, type Decoder } from '../../../agent/toolserver/wire.js';

const hex = (s: string): string => Buffer.from(s).toString('hex');
/** One field as the front end writes it: u32 length (little-endian), bytes. */
const f = (s: string): string => {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(Buffer.byteLength(s));
  return length.toString('hex') + hex(s);
};
const count = (n: number): string => Buffer.from([n, 0, 0, 0]).toString('hex');

const request: CommandLineRequest = {
  name: 'juju-sim',
  dir: '/d',
  args: ['status', '--format', 'json'],
  env: { JUJU_SIM_HOME: '/h' },
  stdout: undefined,
  stderr: { columns: 120 },
};

/** Decodes bytes fed one at a time: a message may arrive in chunks of any size. */
function byteByByte<T>(decoder: Decoder<T>, bytes: Buffer): T | undefined {
  let result: T | undefined;
  for (const byte of bytes) result = decoder.push(Buffer.of(byte));
  return result;
}

t.test('a request is laid out field by field, as the front end sends it', async (t) => {
  const expected =
    count(10) + f('juju-sim') + f('/d') + f('3') + f('status') + f('--format') + f('json') + f('1') + f('JUJU_SIM_HOME=/h') + f('') + f('120');
  t.equal(encodeCommandLineRequest(request).toString('hex'), expected);
  t.same(byteByByte(commandLineRequestDecoder(), Buffer.from(expected, 'hex')), request);
});

t.test('requests round-trip', async (t) => {
  const cases: CommandLineRequest[] = [
    request,
    { name: 'juju', dir: '/', args: [], env: {}, stdout: { columns: 0 }, stderr: undefined },
    { name: 'juju-sim', dir: '/a b', args: ['', 'x=y=z', 'ü'], env: { HOME: '', XDG_DATA_HOME: 'a=b' }, stdout: { columns: 80 }, stderr: { columns: 80 } },
  ];
  for (const req of cases) t.same(commandLineRequestDecoder().push(encodeCommandLineRequest(req)), req, req.args.join(' '));
});

t.test('malformed requests are refused with what is wrong', async (t) => {
  const cases: Array<[string, string[], string]> = [
    ['too few fields', ['juju-sim', '/d', '0', '0', ''], 'request has 5 fields, want at least 6'],
    ['argument count not a number', ['juju-sim', '/d', 'x', '0', '', ''], 'argument count is "x", want a number up to 3'],
    ['argument count beyond the fields', ['juju-sim', '/d', '9', '0', '', ''], 'argument count is "9", want a number up to 3'],
    ['environment count beyond the fields', ['juju-sim', '/d', '0', '3', '', ''], 'environment count is "3", want a number up to 2'],
    ['an environment entry without =', ['juju-sim', '/d', '0', '1', 'HOME', '', ''], 'environment entry "HOME" is not NAME=value'],
    ['an environment entry without a name', ['juju-sim', '/d', '0', '1', '=x', '', ''], 'environment entry "=x" is not NAME=value'],
    ['a field too many', ['juju-sim', '/d', '0', '0', '', '', ''], '3 fields after the environment, want 2'],
    ['a terminal width that is no number', ['juju-sim', '/d', '0', '0', 'wide', ''], 'terminal width is "wide", want a number or ""'],
    ['a negative terminal width', ['juju-sim', '/d', '0', '0', '', '-1'], 'terminal width is "-1", want a number or ""'],
  ];
  for (const [name, fields, message] of cases) {
    t.throws(() => commandLineRequestDecoder().push(encodeFields(fields)), new WireError(message), name);
  }
  const huge = Buffer.alloc(8);
  huge.writeUInt32LE(6, 0);
  huge.writeUInt32LE(maxRequestBytes, 4);
  t.throws(() => commandLineRequestDecoder().push(huge), new WireError(`request is larger than ${maxRequestBytes} bytes`), 'announced beyond the bound, before any of it is buffered');
});

t.test('the daemon\'s messages: the greeting, output, steps, the end', async (t) => {
  const cases: Array<[CommandLineMessage, string]> = [
    [{ kind: 'greeting' }, '07'],
    [{ kind: 'stdout', data: Buffer.from('out') }, '05' + f('out')],
    [{ kind: 'stderr', data: Buffer.from('err') }, '06' + f('err')],
    [{ kind: 'step', step: { kind: 'stdin' } }, '01'],
    [{ kind: 'step', step: { kind: 'read', path: '/p' } }, '03' + f('/p')],
    [{ kind: 'step', step: { kind: 'write', path: '/p', data: Buffer.from('x') } }, '04' + f('/p') + f('x')],
    [{ kind: 'result', code: 2, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }, '00' + '02000000' + f('') + f('')],
    [{ kind: 'error', message: 'bad request: Dir is not absolute' }, '02' + f('bad request: Dir is not absolute')],
    [
      { kind: 'interactive', program: { cwd: '/c', argv: ['/bin/bash', '--norc'], env: { A: '1', PS1: 'u % ' } } },
      '08' + count(7) + f('/c') + f('2') + f('/bin/bash') + f('--norc') + f('2') + f('A=1') + f('PS1=u % '),
    ],
  ];
  for (const [message, bytes] of cases) {
    t.equal(encodeCommandLineMessage(message).toString('hex'), bytes, message.kind);
    t.same(byteByByte(commandLineMessageDecoder(), Buffer.from(bytes, 'hex')), message, `${message.kind} decodes`);
  }
  t.throws(() => commandLineMessageDecoder().push(Buffer.of(9)), new WireError('unknown reply kind'));
  const programs: Array<[string[], string]> = [
    [['/c', '1'], 'program has 2 fields, want at least 3'],
    [['/c', '2', 'sh', '0'], 'no environment count after the arguments'],
    [['/c', '3', 'sh', '0'], 'argument count is "3", want a number up to 2'],
    [['/c', '1', 'sh', '1', 'A=1', 'B=2'], '1 fields after the environment, want 0'],
    [['/c', '1', 'sh', '1', 'A'], 'environment entry "A" is not NAME=value'],
  ];
  for (const [fields, message] of programs) {
    t.throws(() => commandLineMessageDecoder().push(Buffer.concat([Buffer.of(8), encodeFields(fields)])), new WireError(message), fields.join(' '));
  }
});

t.test('a program\'s outcome: why it could not run, or its exit code, or the signal that killed it', async (t) => {
  const cases = [
    { error: '', code: 0, signal: null },
    { error: '', code: 127, signal: null },
    { error: '', code: null, signal: 9 },
    { error: 'fork/exec /bin/bash: resource temporarily unavailable', code: null, signal: null },
  ];
  for (const outcome of cases) t.same(interactiveOutcomeDecoder().push(encodeInteractiveOutcome(outcome)), outcome, JSON.stringify(outcome));
  t.equal(encodeInteractiveOutcome({ error: '', code: null, signal: 1 }).toString('hex'), count(3) + f('') + f('') + f('1'));
  const malformed: Array<[string[], string]> = [
    [['', '', ''], 'a program outcome wants an exit code or a signal'],
    [['', '0', '9'], 'a program outcome wants an exit code or a signal'],
    [['', '-1', ''], 'exit code is "-1", want a number or ""'],
    [['', '', 'HUP'], 'signal is "HUP", want a number or ""'],
    [['', '0'], 'program outcome has 2 fields, want at least 3'],
  ];
  for (const [fields, message] of malformed) t.throws(() => interactiveOutcomeDecoder().push(encodeFields(fields)), new WireError(message), fields.join(' '));
});

t.test('a step outcome is the four fields a tool request carries for it', async (t) => {
  const read = { kind: 'read' as const, path: '/p', error: '', data: Buffer.from('k: v\n') };
  t.equal(encodeStepOutcome(read).toString('hex'), count(4) + f('read') + f('/p') + f('') + f('k: v\n'));
  t.same(stepOutcomeDecoder().push(encodeStepOutcome(read)), read);
  const failed = { kind: 'read' as const, path: '/p', error: 'open /p: no such file or directory', data: Buffer.alloc(0) };
  t.same(stepOutcomeDecoder().push(encodeStepOutcome(failed)), failed);
  const cases: Array<[string[], string]> = [
    [['read', '/p', ''], 'step outcome has 3 fields, want at least 4'],
    [['read', '/p', '', '', ''], 'step outcome has 5 fields, the most allowed is 4'],
    [['stdin', '/p', '', ''], 'a stdin step with a path or an error'],
    [['write', '/p', '', 'x'], 'a write step with bytes'],
    [['exec', '', '', ''], 'step kind is "exec", want "stdin", "read" or "write"'],
  ];
  for (const [fields, message] of cases) t.throws(() => stepOutcomeDecoder().push(encodeFields(fields)), new WireError(message), fields.join(' '));
});
