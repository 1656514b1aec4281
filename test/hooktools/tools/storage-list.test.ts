import t from 'tap';
import { StorageListCommand } from '../../../hooktools/tools/storage-list.js';
import { FakeStorage } from '../fakes/storage.js';
import { runWith } from '../fakes/run.js';

const fs = { kind: 'filesystem', location: '/srv' } as const;
const attached = { 'data/0': fs, 'data/1': fs, 'data-old/0': fs, 'logs/0': fs };

const cases: Array<{ name: string; none?: boolean; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  { name: 'every instance', args: [], stdout: 'data/0\ndata/1\ndata-old/0\nlogs/0\n' },
  { name: 'json', args: ['--format=json'], stdout: '["data/0","data/1","data-old/0","logs/0"]\n' },
  { name: 'yaml', args: ['--format=yaml'], stdout: '- data/0\n- data/1\n- data-old/0\n- logs/0\n' },
  { name: 'one storage name', args: ['data'], stdout: 'data/0\ndata/1\n' },
  { name: 'ops 3.4+', args: ['--format=json', 'data'], stdout: '["data/0","data/1"]\n' },
  { name: 'ops 3.0-3.3', args: ['data-old', '--format=json'], stdout: '["data-old/0"]\n' },
  { name: 'an unknown name', args: ['--format=json', 'nope'], stdout: '[]\n' },
  { name: 'an unknown name, smart', args: ['nope'], stdout: '' },
  { name: 'no storage, json', none: true, args: ['--format=json'], stdout: '[]\n' },
  { name: 'no storage, yaml', none: true, args: ['--format=yaml'], stdout: '[]\n' },
  { name: 'no storage, smart', none: true, args: [], stdout: '' },
  { name: 'two names', args: ['data', 'logs'], stdout: '', stderr: 'ERROR unrecognized args: ["logs"]\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new StorageListCommand(new FakeStorage(c.none ? {} : attached)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('help', async (t) => {
  t.same(runWith(new StorageListCommand(new FakeStorage({})), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: storage-list [options] [<storage-name>]

Summary:
List the storage instances attached to the unit.

Options:
--format  (= smart)
    Specify output format (json|smart|yaml)
-o, --output (= "")
    Specify an output file

Details:
Prints the id (<storage name>/<number>) of each storage instance attached to the
unit, or only of those with the given storage name. An id can be passed to
storage-get with -s.

Examples:

    storage-list
    storage-list pgdata
`,
  });
});
