import t from 'tap';
import { StatusSetCommand } from '../../../hooktools/tools/status-set.js';
import { fakeStatus, type FakeStatus } from '../fakes/status.js';
import { runWith as run } from '../fakes/run.js';

const failure = (message: string, code: number) => ({ stderr: `ERROR ${message}\n`, code });
const unit = (status: string, info = '') => ({ application: false, status: { status, info, data: {} } });
const app = (status: string, info = '') => ({ application: true, status: { status, info, data: {} } });

const cases: Array<{
  name: string;
  leader?: boolean;
  args: string[];
  writes?: FakeStatus['writes'];
  stderr?: string;
  code?: number;
}> = [
  { name: 'status only', args: ['maintenance'], writes: [unit('maintenance')] },
  { name: 'status and message', args: ['active', 'all good'], writes: [unit('active', 'all good')] },
  { name: 'blocked', args: ['blocked', 'need a database'], writes: [unit('blocked', 'need a database')] },
  { name: 'waiting', args: ['waiting'], writes: [unit('waiting')] },
  { name: 'ops 3.4+: --application=False STATUS -- MESSAGE', args: ['--application=False', 'active', '--', ''], writes: [unit('active')] },
  { name: 'a message that looks like an option', args: ['--application=False', 'blocked', '--', '--fix me'], writes: [unit('blocked', '--fix me')] },
  { name: 'ops 3.0-3.3: --application=False STATUS MESSAGE', args: ['--application=False', 'waiting', 'for db'], writes: [unit('waiting', 'for db')] },
  { name: 'charmhelpers: status and an empty message', args: ['maintenance', ''], writes: [unit('maintenance')] },
  { name: 'option after the arguments', leader: true, args: ['active', 'ok', '--application'], writes: [app('active', 'ok')] },
  { name: 'leader: --application=True', leader: true, args: ['--application=True', 'active', '--', 'ready'], writes: [app('active', 'ready')] },
  { name: 'leader: --application', leader: true, args: ['--application', 'blocked', 'x'], writes: [app('blocked', 'x')] },
  { name: 'non-leader: --application', leader: false, args: ['--application', 'active'], ...failure('this unit is not the leader', 1) },
  { name: 'no arguments', args: [], ...failure('invalid args, require <status> [message]', 2) },
  { name: 'only --', args: ['--'], ...failure('invalid args, require <status> [message]', 2) },
  {
    name: 'bad status (reference vector)',
    args: ['bogus'],
    ...failure('invalid status "bogus", expected one of [maintenance blocked waiting active]', 2),
  },
  { name: 'Juju-only statuses are refused', args: ['error', 'x'], ...failure('invalid status "error", expected one of [maintenance blocked waiting active]', 2) },
  { name: 'status is case sensitive', args: ['Active'], ...failure('invalid status "Active", expected one of [maintenance blocked waiting active]', 2) },
  { name: 'the message is one argument', args: ['active', 'two', 'words'], ...failure('unrecognized args: ["words"]', 2) },
  { name: 'bad bool', args: ['--application=yes', 'active'], ...failure('invalid value "yes" for option --application: strconv.ParseBool: parsing "yes": invalid syntax', 2) },
  { name: 'no --format', args: ['--format=json', 'active'], ...failure('option provided but not defined: --format', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = fakeStatus({ leader: c.leader ?? false });
    const got = run(new StatusSetCommand(ctx), c.args);
    t.same(got, { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.writes, c.writes ?? []);
  });
}

t.test('help', async (t) => {
  const got = run(new StatusSetCommand(fakeStatus({ leader: false })), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: status-set \[options\] <maintenance \| blocked \| waiting \| active> \[message\]\n/);
  t.match(got.stdout, '\n--application  (= false)\n');
});
