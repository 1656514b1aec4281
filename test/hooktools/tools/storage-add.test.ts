import t from 'tap';
import { StorageAddCommand } from '../../../hooktools/tools/storage-add.js';
import { FakeStorage } from '../fakes/storage.js';
import { runWith } from '../fakes/run.js';

const cases: Array<{ name: string; args: string[]; added?: Record<string, number>; stderr?: string; code?: number; failure?: string }> = [
  { name: 'a name (ops)', args: ['data=1'], added: { data: 1 } },
  { name: 'a name alone is one instance', args: ['data'], added: { data: 1 } },
  { name: 'a count', args: ['data=676'], added: { data: 676 } },
  { name: 'several names', args: ['data=2', 'logs'], added: { data: 2, logs: 1 } },
  { name: 'an empty field is skipped', args: ['data=,3,'], added: { data: 3 } },
  { name: 'a zero size is no size', args: ['data=0M,2'], added: { data: 2 } },

  // Juju's storage-add_test.go.
  { name: 'no directive', args: [], stderr: 'ERROR storage add requires a storage directive\n', code: 2 },
  {
    name: 'a negative count',
    args: ['data=-676'],
    stderr: 'ERROR cannot parse constraints for storage "data": cannot parse count: count must be greater than zero, got "-676"\n',
    code: 2,
  },
  {
    name: 'no constraints after =',
    args: ['data='],
    stderr: 'ERROR cannot parse constraints for storage "data": storage constraints require at least one field to be specified\n',
    code: 2,
  },
  { name: 'a pool', args: ['data=pool'], stderr: 'ERROR only count can be specified for "data"\n', code: 2 },
  { name: 'a pool and a size', args: ['data=pool,1M'], stderr: 'ERROR only count can be specified for "data"\n', code: 2 },
  { name: 'a size', args: ['data=1M'], stderr: 'ERROR only count can be specified for "data"\n', code: 2 },
  { name: 'a count and a size', args: ['data=2,1M'], stderr: 'ERROR only count can be specified for "data"\n', code: 2 },
  { name: 'a good one and a bad one', args: ['cache', 'data=2,1.5GiB'], stderr: 'ERROR only count can be specified for "data"\n', code: 2 },

  {
    name: 'a zero count',
    args: ['data=0'],
    stderr: 'ERROR cannot parse constraints for storage "data": cannot parse count: count must be greater than zero, got "0"\n',
    code: 2,
  },
  {
    name: 'a zero size alone',
    args: ['data=0G'],
    stderr: 'ERROR cannot parse constraints for storage "data": storage constraints require at least one field to be specified\n',
    code: 2,
  },
  {
    name: 'a negative size',
    args: ['data=-1M'],
    stderr: 'ERROR cannot parse constraints for storage "data": cannot parse size: expected a non-negative number, got "-1M"\n',
    code: 2,
  },
  {
    name: 'something else',
    args: ['data=1x'],
    stderr: 'ERROR cannot parse constraints for storage "data": unrecognized storage constraint "1x" not valid\n',
    code: 2,
  },
  {
    name: 'a count too big for a uint64',
    args: ['data=99999999999999999999'],
    stderr: 'ERROR cannot parse constraints for storage "data": unrecognized storage constraint "99999999999999999999" not valid\n',
    code: 2,
  },
  {
    name: 'two counts',
    args: ['data=2,5'],
    stderr: 'ERROR cannot parse constraints for storage "data": storage instance count is already set to 2, new value 5 not valid\n',
    code: 2,
  },
  {
    name: 'two sizes (in MiB)',
    args: ['data=1G,1.5G'],
    stderr: 'ERROR cannot parse constraints for storage "data": storage size is already set to 1024, new value 1536 not valid\n',
    code: 2,
  },
  { name: 'a zero size does not count as set', args: ['data=0G,1G'], stderr: 'ERROR only count can be specified for "data"\n', code: 2 },
  {
    name: 'two pools',
    args: ['data=a,b'],
    stderr: 'ERROR cannot parse constraints for storage "data": pool name is already set to "a", new value "b" not valid\n',
    code: 2,
  },
  { name: 'no name', args: ['=3'], stderr: 'ERROR expected "name=constraints" or "name", got "=3"\n', code: 2 },
  { name: 'two =', args: ['data=1=2'], stderr: 'ERROR expected "name=constraints" or "name", got "data=1=2"\n', code: 2 },
  { name: 'a name twice', args: ['data', 'data=2'], stderr: 'ERROR storage "data" specified more than once\n', code: 2 },
  { name: 'the context refuses', args: ['data'], failure: 'storage "data" not found', stderr: 'ERROR storage "data" not found\n', code: 1 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeStorage({}, '', c.failure);
    t.same(runWith(new StorageAddCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.added, c.added ? [c.added] : []);
  });
}

t.test('help', async (t) => {
  t.same(runWith(new StorageAddCommand(new FakeStorage({})), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: storage-add <charm storage name>[=count] ...

Summary:
Add storage instances to the unit.

Details:
Asks for <count> more instances (1 when not given) of each named storage, as
declared in the charm metadata. The request is made when the hook succeeds; the
new instances then arrive through storage-attached hooks.

Examples:

    storage-add data
    storage-add logs=2 cache
`,
  });
});
