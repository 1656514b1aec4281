import t from 'tap';
import { ActionSetCommand } from '../../../hooktools/tools/action-set.js';
import { FakeAction } from '../fakes/action.js';
import { runWith } from '../fakes/run.js';

const keyRule = 'must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods';

const cases: Array<{ name: string; args: string[]; results?: Array<[string[], string]>; stderr?: string; code?: number }> = [
  { name: 'nothing to set', args: [] },
  { name: 'one value', args: ['result=ok'], results: [[['result'], 'ok']] },
  { name: 'a dotted key', args: ['outfile.size=10G'], results: [[['outfile', 'size'], '10G']] },
  {
    // Juju's help example; the context nests them (last write wins at each path).
    name: 'several, in order (ops flattens nested dicts this way)',
    args: ['foo.bar=2', 'foo.baz.val=3', 'foo.bar.zab=4', 'foo.baz=1'],
    results: [
      [['foo', 'bar'], '2'],
      [['foo', 'baz', 'val'], '3'],
      [['foo', 'bar', 'zab'], '4'],
      [['foo', 'baz'], '1'],
    ],
  },
  { name: 'the value keeps its = signs and spaces', args: ['cmd= a=b '], results: [[['cmd'], ' a=b ']] },
  { name: 'an empty value', args: ['empty='], results: [[['empty'], '']] },
  { name: 'digits and hyphens', args: ['0=a', 'a-1.2-b=c'], results: [[['0'], 'a'], [['a-1', '2-b'], 'c']] },
  { name: 'a value after --', args: ['--', 'msg=-x'], results: [[['msg'], '-x']] },

  { name: 'no =', args: ['result'], stderr: 'ERROR argument "result" must be of the form key...=value\n', code: 2 },
  { name: 'an upper-case key', args: ['Result=1'], stderr: `ERROR key "Result" ${keyRule}\n`, code: 2 },
  { name: 'an underscore', args: ['a_b=1'], stderr: `ERROR key "a_b" ${keyRule}\n`, code: 2 },
  { name: 'a trailing hyphen', args: ['a-=1'], stderr: `ERROR key "a-" ${keyRule}\n`, code: 2 },
  { name: 'an empty key', args: ['=1'], stderr: `ERROR key "" ${keyRule}\n`, code: 2 },
  { name: 'an empty segment', args: ['a..b=1'], stderr: `ERROR key "" ${keyRule}\n`, code: 2 },
  { name: 'a leading hyphen after --', args: ['--', '-a=1'], stderr: `ERROR key "-a" ${keyRule}\n`, code: 2 },
  { name: 'a leading hyphen is an option', args: ['-a=1'], stderr: 'ERROR option provided but not defined: -a\n', code: 2 },
  { name: 'reserved: stdout', args: ['stdout=x'], stderr: 'ERROR cannot set reserved action key "stdout"\n', code: 2 },
  { name: 'reserved: stderr', args: ['stderr=x'], stderr: 'ERROR cannot set reserved action key "stderr"\n', code: 2 },
  { name: 'reserved: stdout-encoding', args: ['stdout-encoding=x'], stderr: 'ERROR cannot set reserved action key "stdout-encoding"\n', code: 2 },
  { name: 'reserved: any segment', args: ['out.stderr-encoding=x'], stderr: 'ERROR cannot set reserved action key "stderr-encoding"\n', code: 2 },
  { name: 'a reserved key as a prefix is fine', args: ['stdout-lines=3'], results: [[['stdout-lines'], '3']] },
  { name: 'one bad argument sets nothing', args: ['a=1', 'B=2', 'c=3'], stderr: `ERROR key "B" ${keyRule}\n`, code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeAction({});
    t.same(runWith(new ActionSetCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(
      ctx.results,
      (c.results ?? []).map(([keys, value]) => ({ keys, value })),
    );
  });
}

t.test('outside an action', async (t) => {
  t.same(runWith(new ActionSetCommand(new FakeAction()), ['a=1']), { code: 1, stdout: '', stderr: 'ERROR not running an action\n' });
});

t.test('help', async (t) => {
  t.same(runWith(new ActionSetCommand(new FakeAction()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: action-set <key>=<value> [<key>=<value> ...]

Summary:
Add values to the running action's results.

Details:
Sets each key to its value (always a string) in the results of the running action.
A dotted key (a.b.c) sets a value in nested maps; a later value for the same key,
or for a key above or below it, replaces the earlier one. Each part of a key is
lowercase letters, digits and hyphens, and starts and ends with a letter or digit.
The keys stdout, stdout-encoding, stderr, stderr-encoding are reserved.

Examples:

    action-set outfile.size=10G
    action-set result.code=0 result.message="all done"
`,
  });
});
