import t from 'tap';
import type { StorageAttachment } from '../../../core/hook-context.js';
import { StorageGetCommand } from '../../../hooktools/tools/storage-get.js';
import { FakeStorage } from '../fakes/storage.js';
import { runWith } from '../fakes/run.js';

const attachments: Record<string, StorageAttachment> = {
  'data/0': { kind: 'filesystem', location: '/srv/data' },
  'my-cache/1': { kind: 'block', location: '/dev/loop3' },
};

const cases: Array<{ name: string; hook?: string; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  { name: 'the hook storage', hook: 'data/0', args: [], stdout: 'kind: filesystem\nlocation: /srv/data\n' },
  { name: 'the hook storage, json', hook: 'data/0', args: ['--format=json'], stdout: '{"kind":"filesystem","location":"/srv/data"}\n' },
  { name: 'one attribute', hook: 'data/0', args: ['location'], stdout: '/srv/data\n' },
  { name: 'the kind', hook: 'data/0', args: ['kind'], stdout: 'filesystem\n' },
  { name: '-s outside a storage hook', args: ['-s', 'my-cache/1'], stdout: 'kind: block\nlocation: /dev/loop3\n' },
  { name: '-s overrides the hook storage', hook: 'data/0', args: ['-s', 'my-cache/1', 'kind'], stdout: 'block\n' },
  { name: '-s glued to its value', args: ['-smy-cache/1', 'kind'], stdout: 'block\n' },
  { name: 'ops 3.4+', args: ['--format=json', '-s', 'data/0'], stdout: '{"kind":"filesystem","location":"/srv/data"}\n' },
  { name: 'ops 3.0-3.3: a json string', args: ['-s', 'data/0', 'location', '--format=json'], stdout: '"/srv/data"\n' },
  { name: 'charm-helpers', args: ['--format=json', '-s', 'data/0', 'location'], stdout: '"/srv/data"\n' },

  { name: 'no storage', args: [], stdout: '', stderr: 'ERROR no storage instance specified\n', code: 2 },
  { name: 'no storage, with a key', args: ['location'], stdout: '', stderr: 'ERROR no storage instance specified\n', code: 2 },
  { name: 'not a storage id', args: ['-s', 'data'], stdout: '', stderr: 'ERROR invalid value "data" for option -s: invalid storage ID "data"\n', code: 2 },
  { name: 'a leading zero', args: ['-s', 'data/01'], stdout: '', stderr: 'ERROR invalid value "data/01" for option -s: invalid storage ID "data/01"\n', code: 2 },
  { name: 'upper case', args: ['-s', 'Data/0'], stdout: '', stderr: 'ERROR invalid value "Data/0" for option -s: invalid storage ID "Data/0"\n', code: 2 },
  {
    name: 'not attached',
    args: ['-s', 'data/5'],
    stdout: '',
    stderr: 'ERROR invalid value "data/5" for option -s: storage instance "data/5" not found\n',
    code: 2,
  },
  { name: 'an unknown attribute', hook: 'data/0', args: ['size'], stdout: '', stderr: 'ERROR invalid storage attribute "size"\n', code: 1 },
  { name: 'an inherited property is no attribute', hook: 'data/0', args: ['constructor'], stdout: '', stderr: 'ERROR invalid storage attribute "constructor"\n', code: 1 },
  { name: 'two keys', hook: 'data/0', args: ['kind', 'location'], stdout: '', stderr: 'ERROR unrecognized args: ["location"]\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new StorageGetCommand(new FakeStorage(attachments, c.hook)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('help in a storage hook shows the default as ops 3.0-3.3 parse it', async (t) => {
  const got = runWith(new StorageGetCommand(new FakeStorage(attachments, 'data/0')), ['--help']);
  t.same(got, {
    code: 0,
    stderr: '',
    stdout: `Usage: storage-get [options] [<key>]

Summary:
Print information about a storage instance attached to the unit.

Options:
--format  (= smart)
    Specify output format (json|smart|yaml)
-o, --output (= "")
    Specify an output file
-s  (= data/0)
    Specify a storage instance by id

Details:
Prints the kind (block or filesystem) and location of a storage instance, or the
one attribute named by <key>. In a storage hook the instance is the hook's own
unless -s names another (an id as storage-list prints it); elsewhere -s is needed.

Examples:

    storage-get location
    storage-get -s data/0 --format=json
`,
  });
  // ops' _STORAGE_KEY_RE.
  const match = /^-s\s+\(=\s+(?<key>[a-zA-Z0-9_-]+\/\d+)\)$/m.exec(got.stdout);
  t.equal(match?.groups?.key, 'data/0');
});

t.test('help outside a storage hook', async (t) => {
  t.match(runWith(new StorageGetCommand(new FakeStorage(attachments)), ['-h']).stdout, '\n-s  (= )\n');
});
