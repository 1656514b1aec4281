import t from 'tap';
import { type ContextLeadership } from '../../../core/hook-context.js';
import { LeaderGetCommand } from '../../../hooktools/tools/leader-get.js';
import { fakeLeadership } from '../fakes/leadership.js';
import { runWith as run } from '../fakes/run.js';
import { JujuSimError } from '../../../core/errors.js';

const failure = (message: string, code: number) => ({ code, stdout: '', stderr: `ERROR ${message}\n` });

const settings = { key: 'value', sample: 'settings', port: '5432', multi: 'a\nb\n' };

const cases: Array<{ name: string; args: string[]; empty?: boolean; stdout?: string; stderr?: string; code?: number }> = [
  { name: 'all, smart', args: [], stdout: 'key: value\nmulti: |\n  a\n  b\nport: "5432"\nsample: settings\n' },
  { name: 'all with -, smart', args: ['-'], stdout: 'key: value\nmulti: |\n  a\n  b\nport: "5432"\nsample: settings\n' },
  {
    name: 'all, json (charmhelpers)',
    args: ['--format=json', '-'],
    stdout: '{"key":"value","multi":"a\\nb\\n","port":"5432","sample":"settings"}\n',
  },
  { name: 'all, yaml', args: ['--format', 'yaml'], stdout: 'key: value\nmulti: |\n  a\n  b\nport: "5432"\nsample: settings\n' },
  { name: 'nothing set, smart', args: [], empty: true, stdout: '{}\n' },
  { name: 'nothing set, json', args: ['--format=json', '-'], empty: true, stdout: '{}\n' },
  { name: 'one key, smart', args: ['key'], stdout: 'value\n' },
  { name: 'one key, json', args: ['--format=json', 'key'], stdout: '"value"\n' },
  { name: 'one key, yaml', args: ['--format', 'yaml', 'port'], stdout: '"5432"\n' },
  { name: 'missing key, smart', args: ['unknown'], stdout: '' },
  { name: 'missing key, yaml', args: ['--format', 'yaml', 'unknown'], stdout: '' },
  { name: 'missing key, json', args: ['--format=json', 'unknown'], stdout: 'null\n' },
  { name: 'key before format', args: ['key', '--format=json'], stdout: '"value"\n' },
  { name: 'a key with =', args: ['x=x'], ...failure('invalid key "x=x"', 2) },
  { name: 'the = check comes first', args: ['x=x', 'y'], ...failure('invalid key "x=x"', 2) },
  { name: 'two keys', args: ['key', 'sample'], ...failure('unrecognized args: ["sample"]', 2) },
  { name: 'bad format', args: ['--format', 'bad'], ...failure('invalid value "bad" for option --format: unknown format "bad"', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new LeaderGetCommand(fakeLeadership(false, c.empty ? {} : settings)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('a failing read is annotated', async (t) => {
  const broken: ContextLeadership = {
    ...fakeLeadership(true),
    leaderSettings: () => {
      throw new JujuSimError('zap');
    },
  };
  t.same(run(new LeaderGetCommand(broken), []), failure('cannot read leadership settings: zap', 1));
});
