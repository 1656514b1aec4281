import t from 'tap';
import { NeedClientStepError } from '../../../core/tool-io.js';
import { StateSetCommand } from '../../../hooktools/tools/state-set.js';
import { FakeCharmState } from '../fakes/charm-state.js';
import { runWith } from '../fakes/run.js';

interface Case {
  name: string;
  args: string[];
  stdin?: string;
  /** Written to `values.yaml` in the caller's directory. */
  file?: string;
  /** The setCharmStateValue calls, in order. */
  set?: Array<[string, string]>;
  stderr?: string;
  code?: number;
}

const usage = (message: string): Partial<Case> => ({ stderr: `ERROR ${message}\n`, code: 2 });
const failure = (message: string): Partial<Case> => ({ stderr: `ERROR ${message}\n`, code: 1 });

const cases: Case[] = [
  // Juju's state-set_test.go.
  { name: 'no input', args: [] },
  { name: 'one value', args: ['one=two'], set: [['one', 'two']] },
  {
    name: 'two values',
    args: ['one=two', 'three=four'],
    set: [
      ['one', 'two'],
      ['three', 'four'],
    ],
  },
  {
    name: 'pairs from stdin, yaml',
    args: ['--file', '-'],
    stdin: '{one: two, three: four}',
    set: [
      ['one', 'two'],
      ['three', 'four'],
    ],
  },
  {
    name: 'stdin that is not a map',
    args: ['--file', '-'],
    stdin: 'one = two',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `one = two` into map[string]string'),
  },
  { name: 'a word without =', args: ['five'], ...usage('expected "key=value", got "five"') },
  { name: 'an empty value is stored, not deleted', args: ['one='], set: [['one', '']] },

  { name: 'key and value are trimmed', args: [' one =  two '], set: [['one', 'two']] },
  { name: 'a value with =', args: ['url=http://x/?a=b'], set: [['url', 'http://x/?a=b']] },
  { name: 'a duplicate key', args: ['k=1', 'k=2'], ...usage('key "k" specified more than once') },
  { name: 'an empty key', args: ['=v'], ...usage('expected "key=value", got "=v"') },
  {
    name: 'ops storage: a yaml block scalar on stdin',
    args: ['--file', '-'],
    stdin: '"Charm/StoredStateData[_stored]": |\n  {foo: 1}\n',
    set: [['Charm/StoredStateData[_stored]', '{foo: 1}\n']],
  },
  {
    name: 'ops hookcmds: json on stdin',
    args: ['--file', '-'],
    stdin: '{"a": "1", "b": ""}',
    set: [
      ['a', '1'],
      ['b', ''],
    ],
  },
  { name: 'a null in the file is stored empty', args: ['--file', '-'], stdin: 'a: null\nb: ~\n', set: [['a', ''], ['b', '']] },
  {
    name: 'pairs override the file',
    args: ['--file', 'values.yaml', 'a=arg', 'c=3'],
    file: 'a: file\nb: file\n',
    set: [
      ['a', 'arg'],
      ['b', 'file'],
      ['c', '3'],
    ],
  },
  { name: 'the file is read from the caller directory', args: ['--file=values.yaml'], file: 'k: v\n', set: [['k', 'v']] },
  { name: 'a missing file', args: ['--file', 'missing.yaml'], ...failure('open {dir}/missing.yaml: no such file or directory') },
  { name: 'an empty --file means no file', args: ['--file=', 'k=v'], set: [['k', 'v']] },

  // Juju's fixed quota on charm state.
  { name: 'a key of 256 bytes', args: [`${'k'.repeat(256)}=v`], set: [['k'.repeat(256), 'v']] },
  { name: 'a key of 257 bytes', args: [`${'k'.repeat(257)}=v`], ...failure('max allowed key length (256) exceeded') },
  { name: 'the key length is in bytes', args: [`${'é'.repeat(129)}=v`], ...failure('max allowed key length (256) exceeded') },
  { name: 'a value of 64 KiB', args: [`k=${'v'.repeat(65536)}`], set: [['k', 'v'.repeat(65536)]] },
  { name: 'a value of 64 KiB + 1', args: [`k=${'v'.repeat(65537)}`], ...failure('max allowed value length (65536) exceeded') },
  {
    name: 'a value over the quota in the file',
    args: ['--file', '-', 'ok=1'],
    stdin: `big: ${'x'.repeat(65537)}\n`,
    ...failure('max allowed value length (65536) exceeded'),
  },
  { name: 'nothing is set when one pair is over the quota', args: ['a=1', `${'k'.repeat(300)}=v`, 'b=2'], ...failure('max allowed key length (256) exceeded') },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const dir = t.testdir(c.file === undefined ? {} : { 'values.yaml': c.file });
    const ctx = new FakeCharmState();
    const got = runWith(new StateSetCommand(ctx), c.args, { dir, stdin: c.stdin });
    t.same(got, { code: c.code ?? 0, stdout: '', stderr: (c.stderr ?? '').replaceAll('{dir}', dir) });
    t.same(
      ctx.writes,
      (c.set ?? []).map(([k, v]) => ['set', k, v]),
    );
  });
}

t.test('--file - without stdin asks the client for it', async (t) => {
  const ctx = new FakeCharmState();
  let thrown: unknown;
  try {
    runWith(new StateSetCommand(ctx), ['--file', '-']);
  } catch (err) {
    thrown = err;
  }
  t.ok(thrown instanceof NeedClientStepError, 'the step reaches the tool server');
  t.same((thrown as NeedClientStepError).step, { kind: 'stdin' });
  t.same(ctx.writes, []);
});

t.test('--file <path> without the file asks the client for it, by its absolute path', async (t) => {
  const dir = t.testdir();
  const ctx = new FakeCharmState();
  let thrown: unknown;
  try {
    runWith(new StateSetCommand(ctx), ['--file', 'values.yaml', 'k=v'], { dir, fileNotSent: true });
  } catch (err) {
    thrown = err;
  }
  t.ok(thrown instanceof NeedClientStepError, 'the step reaches the tool server');
  t.same((thrown as NeedClientStepError).step, { kind: 'read', path: `${dir}/values.yaml` });
  t.same(ctx.writes, []);
});

t.test('state-get sees the writes at once', async (t) => {
  const ctx = new FakeCharmState({ old: 'x' });
  t.equal(runWith(new StateSetCommand(ctx), ['new=y', 'old=']).code, 0);
  t.same(ctx.getCharmState(), { old: '', new: 'y' });
});

t.test('help', async (t) => {
  t.same(runWith(new StateSetCommand(new FakeCharmState()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: state-set [options] key=value [key=value ...]

Summary:
Set values in the unit's charm state.

Options:
--file  (= )
    Read values from a YAML map in this file ("-" for stdin)

Details:
Stores each key and value in the unit's charm state, kept by the controller. The
writes are saved when the hook succeeds; state-get sees them at once. An empty
value is stored as an empty string (state-delete removes a key).

Values too long for a command line go in a YAML (or JSON) map passed with --file;
"--file -" reads that map from standard input. key=value arguments override keys
from the file.

A key may be at most 256 bytes long, a value at most 65536 bytes.

See also: state-get, state-delete.

Examples:

    state-set last-backup=2024-05-01
    echo '{"config": "a long value"}' | state-set --file -
`,
  });
});
