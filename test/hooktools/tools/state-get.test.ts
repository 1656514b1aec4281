import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { StateGetCommand } from '../../../hooktools/tools/state-get.js';
import { FakeCharmState } from '../fakes/charm-state.js';
import { runWith } from '../fakes/run.js';

const stored = { one: 'two', three: 'four', empty: '', lines: 'pew\npew\n', number: '12345' };

const cases: Array<{ name: string; state?: Record<string, string>; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  // Juju's state-get_test.go.
  { name: 'all values with no args', state: { one: 'two', three: 'four' }, args: [], stdout: 'one: two\nthree: four\n' },
  { name: 'all values with -', state: { one: 'two', three: 'four' }, args: ['-'], stdout: 'one: two\nthree: four\n' },
  { name: 'value of a key', args: ['one'], stdout: 'two\n' },
  { name: 'missing key with --strict', args: ['--strict', 'five'], stdout: '', stderr: 'ERROR "five" not found\n', code: 1 },
  { name: 'missing key', args: ['five'], stdout: '' },

  { name: 'missing key, json', args: ['--format=json', 'five'], stdout: '""\n' },
  { name: 'missing key, yaml', args: ['five', '--format', 'yaml'], stdout: '""\n' },
  { name: '--strict after the key', args: ['five', '--strict'], stdout: '', stderr: 'ERROR "five" not found\n', code: 1 },
  { name: '--strict=false', args: ['--strict=false', 'five'], stdout: '' },
  { name: '--strict with a key that is set', args: ['--strict', 'one'], stdout: 'two\n' },
  {
    name: 'the missing key is quoted as Go quotes it',
    args: ['--strict', 'a "b"\n'],
    stdout: '',
    stderr: 'ERROR "a \\"b\\"\\n" not found\n',
    code: 1,
  },
  { name: 'an inherited property is no key', args: ['--strict', 'constructor'], stdout: '', stderr: 'ERROR "constructor" not found\n', code: 1 },
  { name: 'an empty value', args: ['empty'], stdout: '' },
  { name: 'an empty value, json', args: ['--format=json', 'empty'], stdout: '""\n' },
  { name: 'an empty value with --strict is found', args: ['--strict', 'empty'], stdout: '' },
  { name: 'a multi-line value (as ops storage reads it)', args: ['lines'], stdout: 'pew\npew\n\n' },
  { name: 'a number-like value, json', args: ['--format=json', 'number'], stdout: '"12345"\n' },
  { name: 'a number-like value, yaml', args: ['--format=yaml', 'number'], stdout: '"12345"\n' },
  {
    name: 'the whole map, json (ops hookcmds)',
    args: ['--format=json'],
    stdout: '{"empty":"","lines":"pew\\npew\\n","number":"12345","one":"two","three":"four"}\n',
  },
  {
    name: 'the whole map, yaml',
    args: ['--format=yaml', '-'],
    stdout: 'empty: ""\nlines: |\n  pew\n  pew\nnumber: "12345"\none: two\nthree: four\n',
  },
  { name: 'an empty key is the whole map', state: { a: 'b' }, args: [''], stdout: 'a: b\n' },

  // GetCharmState answers a nil map when nothing is stored.
  { name: 'nothing stored', state: {}, args: [], stdout: '{}\n' },
  { name: 'nothing stored, yaml', state: {}, args: ['--format=yaml'], stdout: '{}\n' },
  { name: 'nothing stored, json', state: {}, args: ['--format=json'], stdout: 'null\n' },
  { name: 'nothing stored, json, with -', state: {}, args: ['-', '--format', 'json'], stdout: 'null\n' },
  { name: 'nothing stored, one key, json', state: {}, args: ['--format=json', 'k'], stdout: '""\n' },

  { name: 'two keys', args: ['one', 'three'], stdout: '', stderr: 'ERROR unrecognized args: ["three"]\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new StateGetCommand(new FakeCharmState(c.state ?? stored)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('-o with nothing stored writes json null', async (t) => {
  const dir = t.testdir();
  const got = runWith(new StateGetCommand(new FakeCharmState()), ['--format=json', '-o', 'state.json'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(join(dir, 'state.json'), 'utf8'), 'null\n');
});

t.test('help', async (t) => {
  t.same(runWith(new StateGetCommand(new FakeCharmState()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: state-get [options] [<key>]

Summary:
Print a value of the unit's charm state.

Options:
--format  (= smart)
    Specify output format (json|smart|yaml)
-o, --output (= "")
    Specify an output file
--strict  (= false)
    Fail when the key is not set

Details:
Prints the value stored under <key> in the unit's charm state, kept by the
controller. Without a key, or with "-", prints every key and value. A key that is
not set prints an empty value, or fails with --strict.

See also: state-set, state-delete.

Examples:

    state-get last-backup
    state-get --format=json
`,
  });
});
