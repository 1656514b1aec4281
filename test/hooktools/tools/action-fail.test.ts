import t from 'tap';
import { ActionFailCommand } from '../../../hooktools/tools/action-fail.js';
import { FakeAction } from '../fakes/action.js';
import { runWith } from '../fakes/run.js';

const cases: Array<{ name: string; args: string[]; message?: string; stderr?: string; code?: number }> = [
  { name: 'no message', args: [], message: 'action failed without reason given, check action for errors' },
  { name: 'a message (ops 3.0-3.3)', args: ['the disk is full'], message: 'the disk is full' },
  { name: 'a message after -- (ops 3.4+)', args: ['--', '-1 is not a size'], message: '-1 is not a size' },
  { name: 'an empty message (ops event.fail())', args: ['--', ''], message: '' },
  { name: 'two words', args: ['the', 'disk'], stderr: 'ERROR unrecognized args: ["disk"]\n', code: 2 },
  { name: 'an option', args: ['-m', 'x'], stderr: 'ERROR option provided but not defined: -m\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeAction({});
    t.same(runWith(new ActionFailCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same({ message: ctx.message, failed: ctx.failed }, { message: c.message, failed: c.message !== undefined });
  });
}

t.test('outside an action', async (t) => {
  t.same(runWith(new ActionFailCommand(new FakeAction()), ['x']), { code: 1, stdout: '', stderr: 'ERROR not running an action\n' });
});

t.test('help', async (t) => {
  t.same(runWith(new ActionFailCommand(new FakeAction()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: action-fail ["<failure message>"]

Summary:
Mark the running action as failed.

Details:
Sets the running action to fail with the given message, or with a general one when
none is given. The action still runs to its end, and its results are kept.

Examples:

    action-fail 'the backup target is full'
`,
  });
});
