import t from 'tap';
import { LeaderSetCommand } from '../../../hooktools/tools/leader-set.js';
import { fakeLeadership } from '../fakes/leadership.js';
import { runWith as run } from '../fakes/run.js';
import { JujuSimError } from '../../../core/errors.js';

const failure = (message: string, code: number) => ({ code, stdout: '', stderr: `ERROR ${message}\n` });

const initial = { keep: 'me', gone: 'soon' };

const cases: Array<{
  name: string;
  leader?: boolean | Error;
  args: string[];
  stderr?: string;
  code?: number;
  /** The leader settings afterwards. */
  settings?: Record<string, string>;
}> = [
  { name: 'merge', args: ['a=1', 'b=two words'], settings: { ...initial, a: '1', b: 'two words' } },
  { name: 'empty value deletes (charmhelpers None)', args: ['gone='], settings: { keep: 'me' } },
  { name: 'whitespace is trimmed', args: [' a = 1 '], settings: { ...initial, a: '1' } },
  { name: 'value with =', args: ['url=a=b'], settings: { ...initial, url: 'a=b' } },
  { name: 'no arguments writes nothing', args: [], settings: initial },
  { name: 'not a pair', args: ['haha'], ...failure('expected "key=value", got "haha"', 2) },
  { name: 'empty key', args: ['=haha'], ...failure('expected "key=value", got "=haha"', 2) },
  { name: 'duplicate key', args: ['a=1', 'a=2'], ...failure('key "a" specified more than once', 2) },
  {
    name: 'not the leader',
    leader: false,
    args: ['a=1'],
    ...failure('cannot write leadership settings: cannot write settings: not the leader', 1),
  },
  {
    name: 'leadership unknown',
    leader: new JujuSimError('lease manager stopped'),
    args: ['a=1'],
    ...failure('cannot write leadership settings: lease manager stopped', 1),
  },
  { name: 'no options', args: ['--format=json', 'a=1'], ...failure('option provided but not defined: --format', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = fakeLeadership(c.leader ?? true, initial);
    const got = run(new LeaderSetCommand(ctx), c.args);
    t.same(got, { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.settings, c.settings ?? initial);
  });
}

t.test('help has no options section', async (t) => {
  const got = run(new LeaderSetCommand(fakeLeadership(true)), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: leader-set <key>=<value> \[\.\.\.\]\n\nSummary:\n/);
  t.notMatch(got.stdout, 'Options:');
});
