import t from 'tap';
import { IsLeaderCommand } from '../../../hooktools/tools/is-leader.js';
import { fakeLeadership } from '../fakes/leadership.js';
import { runWith as run } from '../fakes/run.js';
import { JujuSimError } from '../../../core/errors.js';

const failure = (message: string, code: number) => ({ code, stdout: '', stderr: `ERROR ${message}\n` });

const cases: Array<{ name: string; leader: boolean | Error; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  { name: 'leader, smart (reference vector)', leader: true, args: [], stdout: 'True\n' },
  { name: 'minion, smart (reference vector)', leader: false, args: [], stdout: 'False\n' },
  { name: 'leader, json (ops, charmhelpers)', leader: true, args: ['--format=json'], stdout: 'true\n' },
  { name: 'minion, json', leader: false, args: ['--format', 'json'], stdout: 'false\n' },
  { name: 'leader, yaml', leader: true, args: ['--format', 'yaml'], stdout: 'true\n' },
  { name: 'minion, yaml', leader: false, args: ['--format=yaml'], stdout: 'false\n' },
  {
    name: 'unknown leadership',
    leader: new JujuSimError('lease manager stopped'),
    args: [],
    ...failure('leadership status unknown: lease manager stopped', 1),
  },
  { name: 'no arguments', leader: true, args: ['x'], ...failure('unrecognized args: ["x"]', 2) },
  { name: 'bad format', leader: true, args: ['--format', 'text'], ...failure('invalid value "text" for option --format: unknown format "text"', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new IsLeaderCommand(fakeLeadership(c.leader)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('help', async (t) => {
  const got = run(new IsLeaderCommand(fakeLeadership(true)), ['-h']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: is-leader \[options\]\n\nSummary:\n/);
  t.match(got.stdout, '\n-o, --output (= "")\n');
});
