import t from 'tap';
import { ActionLogCommand } from '../../../hooktools/tools/action-log.js';
import { FakeAction } from '../fakes/action.js';
import { runWith } from '../fakes/run.js';

const cases: Array<{ name: string; args: string[]; logged?: string[]; stderr?: string; code?: number }> = [
  { name: 'a message (ops 3.0-3.3)', args: ['backing up'], logged: ['backing up'] },
  { name: 'a message after -- (ops 3.4+)', args: ['--', '-- 50% --'], logged: ['-- 50% --'] },
  { name: 'words are joined with spaces', args: ['50%', 'done'], logged: ['50% done'] },
  { name: 'an empty message', args: [''], logged: [''] },
  { name: 'no message', args: [], stderr: 'ERROR no message specified\n', code: 2 },
  { name: 'nothing after --', args: ['--'], stderr: 'ERROR no message specified\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeAction({});
    t.same(runWith(new ActionLogCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.logged, c.logged ?? []);
  });
}

t.test('outside an action', async (t) => {
  t.same(runWith(new ActionLogCommand(new FakeAction()), ['x']), { code: 1, stdout: '', stderr: 'ERROR not running an action\n' });
});

t.test('help', async (t) => {
  t.same(runWith(new ActionLogCommand(new FakeAction()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: action-log <message>

Summary:
Record a progress message for the running action.

Details:
The arguments are joined with spaces into one message, which the user sees at once.
`,
  });
});
