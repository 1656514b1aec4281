import t from 'tap';
import { checkEmpty, helpText, runCommand, type ToolCommand, type ToolInfo } from '../../hooktools/cmd.js';
import { NeedClientStepError, toolIO, type ClientStep, type StepOutcome, type ToolIO } from '../../core/tool-io.js';
import { UsageError } from '../../core/errors.js';
import { FlagSet, type FlagRef } from '../../core/gnuflag.js';
import { Output } from '../../hooktools/output.js';

interface Recording {
  io: ToolIO;
  stdout(): string;
  stderr(): string;
}

/** A ToolIO whose client has taken no step. */
function recordingIO(): Recording {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  return {
    io: toolIO(
      '/tmp',
      () => undefined,
      { write: (data) => out.push(Buffer.from(data)) },
      { write: (data) => err.push(Buffer.from(data)) },
    ),
    stdout: () => Buffer.concat(out).toString(),
    stderr: () => Buffer.concat(err).toString(),
  };
}

/** A tool that echoes its one argument; `--fail` makes run fail, `--stdin` makes it read stdin,
 *  `--read <path>` a file. */
class EchoCommand implements ToolCommand {
  readonly calls: string[] = [];
  private readonly out = new Output();
  private fail!: FlagRef<boolean>;
  private stdin!: FlagRef<boolean>;
  private read!: FlagRef<string>;
  private word = '';

  constructor(private readonly infoOverride: Partial<ToolInfo> = {}) {}

  info(): ToolInfo {
    return { name: 'echo-tool', args: '<word>', purpose: 'Echo a word.', ...this.infoOverride };
  }

  setFlags(f: FlagSet): void {
    this.calls.push('setFlags');
    this.out.addFlags(f);
    this.fail = f.bool(['fail'], false, 'Fail in run');
    this.stdin = f.bool(['stdin'], false, 'Read stdin');
    this.read = f.string(['read'], '', 'Read a file');
  }

  init(args: string[]): void {
    this.calls.push('init');
    if (args.length === 0) throw new Error('no word specified');
    if (args[0] === 'need-stdin') throw new NeedClientStepError({ kind: 'stdin' });
    this.word = args[0];
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    this.calls.push('run');
    if (this.fail.value) throw new Error('cannot echo: permission denied');
    if (this.stdin.value) this.out.write(io, io.stdin().toString());
    else if (this.read.value !== '') this.out.write(io, io.readFile(this.read.value).toString());
    else this.out.write(io, this.word);
  }
}

const runs: Array<{ name: string; args: string[]; code: number; stdout: string; stderr: string; calls: string[] }> = [
  { name: 'success', args: ['hi'], code: 0, stdout: 'hi\n', stderr: '', calls: ['setFlags', 'init', 'run'] },
  { name: 'interspersed', args: ['hi', '--format', 'json'], code: 0, stdout: '"hi"\n', stderr: '', calls: ['setFlags', 'init', 'run'] },
  {
    name: 'unknown option exits 2 before init',
    args: ['--nope', 'hi'],
    code: 2,
    stdout: '',
    stderr: 'ERROR option provided but not defined: --nope\n',
    calls: ['setFlags'],
  },
  {
    name: 'bad option value exits 2',
    args: ['--format=xml', 'hi'],
    code: 2,
    stdout: '',
    stderr: 'ERROR invalid value "xml" for option --format: unknown format "xml"\n',
    calls: ['setFlags'],
  },
  { name: 'init error exits 2', args: [], code: 2, stdout: '', stderr: 'ERROR no word specified\n', calls: ['setFlags', 'init'] },
  {
    name: 'extra args exit 2',
    args: ['a', 'b', 'c d'],
    code: 2,
    stdout: '',
    stderr: 'ERROR unrecognized args: ["b" "c d"]\n',
    calls: ['setFlags', 'init'],
  },
  {
    name: 'run error exits 1',
    args: ['--fail', 'hi'],
    code: 1,
    stdout: '',
    stderr: 'ERROR cannot echo: permission denied\n',
    calls: ['setFlags', 'init', 'run'],
  },
  { name: '-h prints help and stops', args: ['hi', '-h'], code: 0, stdout: 'HELP', stderr: '', calls: ['setFlags'] },
  { name: '--help wins over a later bad option', args: ['--help', '--nope'], code: 0, stdout: 'HELP', stderr: '', calls: ['setFlags'] },
  {
    name: 'a bad option before --help is an error',
    args: ['--nope', '--help'],
    code: 2,
    stdout: '',
    stderr: 'ERROR option provided but not defined: --nope\n',
    calls: ['setFlags'],
  },
];

t.test('runCommand exit codes and output', async (t) => {
  for (const c of runs) {
    const cmd = new EchoCommand();
    const rec = recordingIO();
    const code = runCommand(cmd, c.args, rec.io);
    t.equal(code, c.code, `${c.name}: code`);
    const help = helpText(cmd.info(), helpFlags());
    t.equal(rec.stdout(), c.stdout === 'HELP' ? help : c.stdout, `${c.name}: stdout`);
    t.equal(rec.stderr(), c.stderr, `${c.name}: stderr`);
    t.same(cmd.calls, c.calls, `${c.name}: calls`);
  }
});

function helpFlags(): FlagSet {
  const f = new FlagSet('echo-tool');
  new EchoCommand().setFlags(f);
  return f;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}

t.test('a step the client has not taken is passed to the caller from init and run', async (t) => {
  const fromInit = thrown(() => runCommand(new EchoCommand(), ['need-stdin'], recordingIO().io));
  t.type(fromInit, NeedClientStepError);
  t.same((fromInit as NeedClientStepError).step, { kind: 'stdin' });
  const rec = recordingIO();
  const fromRun = thrown(() => runCommand(new EchoCommand(), ['--stdin', 'x'], rec.io));
  t.same((fromRun as NeedClientStepError).step, { kind: 'stdin' });
  t.equal(rec.stderr(), '');
  t.equal(rec.stdout(), '');
});

t.test('a file to read is asked for by its path', async (t) => {
  const rec = recordingIO();
  const err = thrown(() => runCommand(new EchoCommand(), ['--read', '/charm/settings.yaml', 'x'], rec.io));
  t.type(err, NeedClientStepError);
  t.same((err as NeedClientStepError).step, { kind: 'read', path: '/charm/settings.yaml' });
  t.equal(rec.stderr(), '');
});

t.test('createFile: one write step, the contents formatted before it', async (t) => {
  const sink = { write: () => undefined };
  const asked: ClientStep[] = [];
  const io = (outcome?: StepOutcome) =>
    toolIO('/charm', (step) => (asked.push(step), outcome), sink, sink);
  const written: StepOutcome = { error: '', data: Buffer.alloc(0) };
  const notCreated: StepOutcome = { error: 'open /charm/x: no such file or directory', data: Buffer.alloc(0) };
  const contents = () => Buffer.from('a: b\n');
  const failing = () => {
    throw new Error('json: unsupported value: NaN');
  };

  const need = thrown(() => io().createFile('/charm/x', contents));
  t.type(need, NeedClientStepError, 'not written yet: the client is asked to');
  t.same((need as NeedClientStepError).step, { kind: 'write', path: '/charm/x', data: Buffer.from('a: b\n') });
  t.doesNotThrow(() => io(written).createFile('/charm/x', contents), 'written');
  t.throws(() => io(notCreated).createFile('/charm/x', contents), { message: notCreated.error }, 'the failure in Go words');

  // Go creates the file before formatting: the client creates it and writes nothing, then the
  // formatting error is the tool's error, unless the file could not be created.
  t.same((thrown(() => io().createFile('/charm/x', failing)) as NeedClientStepError).step.kind, 'write');
  t.same(asked.at(-1), { kind: 'write', path: '/charm/x', data: Buffer.alloc(0) }, 'nothing to write');
  t.throws(() => io(written).createFile('/charm/x', failing), { message: 'json: unsupported value: NaN' });
  t.throws(() => io(notCreated).createFile('/charm/x', failing), { message: notCreated.error });
});

t.test('help layout', async (t) => {
  t.equal(
    helpText(
      {
        name: 'relation-get',
        args: '<key> <unit id>',
        purpose: '  Get relation settings.\n',
        doc: '\nPrints the value of a setting.\n\nCurrent default unit id is "x/0".\n',
        examples: '\n    relation-get password\n',
      },
      relationGetFlags(),
    ),
    'Usage: relation-get [options] <key> <unit id>\n' +
      '\n' +
      'Summary:\n' +
      'Get relation settings.\n' +
      '\n' +
      'Options:\n' +
      '--app  (= false)\n' +
      '    Get the relation data for the overall application, not just a unit\n' +
      '--format  (= smart)\n' +
      '    Specify output format (json|smart|yaml)\n' +
      '-o, --output (= "")\n' +
      '    Specify an output file\n' +
      '-r, --relation (= "db:1")\n' +
      '    Specify a relation by id\n' +
      '\n' +
      'Details:\n' +
      'Prints the value of a setting.\n' +
      '\n' +
      'Current default unit id is "x/0".\n' +
      '\n' +
      'Examples:\n' +
      '\n' +
      '    relation-get password\n',
  );

  // Sections without content are left out; examples are printed exactly as given.
  const noFlags = new FlagSet('is-leader');
  t.equal(helpText({ name: 'is-leader', purpose: 'Print leadership status.' }, noFlags), 'Usage: is-leader\n\nSummary:\nPrint leadership status.\n');
  t.equal(helpText({ name: 'x', purpose: '' }, noFlags), 'Usage: x\n');
  t.equal(helpText({ name: 'x', purpose: '', args: '<a>', examples: 'x a' }, noFlags), 'Usage: x <a>\n\nExamples:\nx a');
  t.equal(helpText({ name: 'x', purpose: '', doc: 'd' }, noFlags), 'Usage: x\n\nDetails:\nd\n');
  t.equal(
    helpText({ name: 'x', purpose: 'p' }, relationGetFlags()).split('\n').slice(0, 6).join('\n'),
    'Usage: x [options]\n\nSummary:\np\n\nOptions:',
  );
});

function relationGetFlags(): FlagSet {
  const f = new FlagSet('relation-get');
  new Output().addFlags(f);
  f.string(['r', 'relation'], 'db:1', 'Specify a relation by id');
  f.bool(['app'], false, 'Get the relation data for the overall application, not just a unit');
  return f;
}

t.test('checkEmpty', async (t) => {
  t.doesNotThrow(() => checkEmpty([]));
  t.throws(() => checkEmpty(['a']), new UsageError('unrecognized args: ["a"]'));
  t.throws(() => checkEmpty(['a', 'b']), { message: 'unrecognized args: ["a" "b"]' });
  t.throws(() => checkEmpty(['say "hi"', 'tab\there', '']), { message: 'unrecognized args: ["say \\"hi\\"" "tab\\there" ""]' });
});
