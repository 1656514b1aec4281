import t from 'tap';
import { StateDeleteCommand } from '../../../hooktools/tools/state-delete.js';
import { FakeCharmState } from '../fakes/charm-state.js';
import { runWith } from '../fakes/run.js';

const cases: Array<{ name: string; args: string[]; deleted?: string[]; stderr?: string; code?: number }> = [
  { name: 'a key', args: ['one'], deleted: ['one'] },
  // The context makes deleting a missing key a no-op; the tool asks all the same.
  { name: 'a key that is not set', args: ['missing'], deleted: ['missing'] },
  { name: 'no key does nothing', args: [] },
  { name: 'an empty key does nothing', args: [''] },
  { name: 'a key after --', args: ['--', '-x'], deleted: ['-x'] },
  { name: 'two keys', args: ['one', 'two'], stderr: 'ERROR unrecognized args: ["two"]\n', code: 2 },
  { name: 'an option', args: ['--format=json', 'one'], stderr: 'ERROR option provided but not defined: --format\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeCharmState({ one: '1' });
    t.same(runWith(new StateDeleteCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(
      ctx.writes,
      (c.deleted ?? []).map((key) => ['delete', key]),
    );
  });
}

t.test('state-get no longer sees the key', async (t) => {
  const ctx = new FakeCharmState({ one: '1', two: '2' });
  t.equal(runWith(new StateDeleteCommand(ctx), ['one']).code, 0);
  t.same(ctx.getCharmState(), { two: '2' });
});

t.test('help', async (t) => {
  t.same(runWith(new StateDeleteCommand(new FakeCharmState()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: state-delete <key>

Summary:
Delete a key from the unit's charm state.

Details:
Removes <key> and its value from the unit's charm state. state-get stops seeing
the key at once; the removal is saved when the hook succeeds. Deleting a key that
is not set does nothing.

See also: state-get, state-set.
`,
  });
});
