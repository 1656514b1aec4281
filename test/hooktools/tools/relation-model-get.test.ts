import t from 'tap';
import { RelationModelGetCommand } from '../../../hooktools/tools/relation-model-get.js';
import { fakeRelations, MODEL_UUID } from '../fakes/relations.js';
import { runWith as run } from '../fakes/run.js';

const failure = (message: string, code: number) => ({ stderr: `ERROR ${message}\n`, code });
const remote = '5c1d1a2b-0bad-4c0d-8000-0123456789ab';

function context(hook?: number) {
  return fakeRelations(
    [
      { id: 0, endpoint: 'db', remoteApp: 'mysql' },
      { id: 1, endpoint: 'website', remoteApp: 'haproxy', remoteModelUUID: remote },
    ],
    { hookRelation: hook },
  );
}

const cases: Array<{ name: string; hook?: number; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  // Juju's init vectors.
  { name: 'no relation outside a relation hook', args: [], ...failure('no relation id specified', 2) },
  { name: '-r one', args: ['-r', 'one'], ...failure('invalid value "one" for option -r: invalid relation id', 2) },
  { name: '-r one in a relation hook', hook: 1, args: ['-r', 'one'], ...failure('invalid value "one" for option -r: invalid relation id', 2) },
  { name: '-r ignored:one', args: ['-r', 'ignored:one'], ...failure('invalid value "ignored:one" for option -r: invalid relation id', 2) },
  { name: '-r 2', args: ['-r', '2'], ...failure('invalid value "2" for option -r: relation not found', 2) },
  { name: '-r ignored:2 in a relation hook', hook: 1, args: ['-r', 'ignored:2'], ...failure('invalid value "ignored:2" for option -r: relation not found', 2) },
  { name: 'no arguments', hook: 0, args: ['x'], ...failure('unrecognized args: ["x"]', 2) },

  { name: 'the hook relation, smart', hook: 0, args: [], stdout: `uuid: ${MODEL_UUID}\n` },
  { name: 'the hook relation, json', hook: 0, args: ['--format', 'json'], stdout: `{"uuid":"${MODEL_UUID}"}\n` },
  { name: 'yaml', hook: 0, args: ['--format=yaml'], stdout: `uuid: ${MODEL_UUID}\n` },
  { name: '-r ignored:0 in another relation hook', hook: 1, args: ['-r', 'ignored:0'], stdout: `uuid: ${MODEL_UUID}\n` },
  { name: 'a cross-model relation', args: ['-r', '1'], stdout: `uuid: ${remote}\n` },
  { name: 'ops 3.7+: --format=json -r ep:id', args: ['--format=json', '-r', 'website:1'], stdout: `{"uuid":"${remote}"}\n` },
  { name: 'ops 3.0-3.3: -r N --format=json', args: ['-r', '1', '--format=json'], stdout: `{"uuid":"${remote}"}\n` },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new RelationModelGetCommand(context(c.hook)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('help', async (t) => {
  const inHook = run(new RelationModelGetCommand(context(1)), ['--help']);
  t.equal(inHook.code, 0);
  t.match(inHook.stdout, '\n-r, --relation  (= website:1)\n');
  t.notMatch(inHook.stdout, 'Details:');
  const outside = run(new RelationModelGetCommand(context()), ['--help']);
  t.match(outside.stdout, 'Details:\nOutside a relation hook the relation must be given with -r.\n');
});
