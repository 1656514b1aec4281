import { readFileSync } from 'node:fs';
import t from 'tap';
import { RelationIdsCommand } from '../../../hooktools/tools/relation-ids.js';
import { fakeRelations } from '../fakes/relations.js';
import { runWith } from '../fakes/run.js';

// wordpress/0 with two db relations (ids 2 and 10, so text order differs from number order),
// a dead one, a cache relation and a peer relation.
function context(hookRelation?: number) {
  return fakeRelations(
    [
      { id: 2, endpoint: 'db', remoteApp: 'mysql' },
      { id: 10, endpoint: 'db', remoteApp: 'mysql' },
      { id: 11, endpoint: 'db', remoteApp: 'mariadb', dead: true },
      { id: 4, endpoint: 'cache', remoteApp: 'memcached' },
      { id: 1, endpoint: 'cluster', remoteApp: 'wordpress', peer: true },
    ],
    { hookRelation },
  );
}

const cases: Array<{ name: string; hook?: number; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  { name: 'explicit endpoint, sorted as text, dead left out', args: ['db'], stdout: 'db:10\ndb:2\n' },
  { name: 'default endpoint from the hook', hook: 4, args: [], stdout: 'cache:4\n' },
  { name: 'explicit endpoint overrides the hook', hook: 4, args: ['cluster'], stdout: 'cluster:1\n' },
  { name: 'unknown endpoint: nothing', args: ['z'], stdout: '' },
  { name: 'empty endpoint: nothing', args: [''], stdout: '' },
  { name: 'smart', args: ['--format', 'smart', 'db'], stdout: 'db:10\ndb:2\n' },
  { name: 'json', args: ['--format', 'json', 'db'], stdout: '["db:10","db:2"]\n' },
  { name: 'json, flag after the argument', args: ['db', '--format=json'], stdout: '["db:10","db:2"]\n' },
  { name: 'json, no match', args: ['--format=json', 'z'], stdout: '[]\n' },
  { name: 'yaml', args: ['--format', 'yaml', 'db'], stdout: '- db:10\n- db:2\n' },
  { name: 'yaml, no match', args: ['--format', 'yaml', 'z'], stdout: '[]\n' },
  { name: '-- ends options', args: ['--format=json', '--', 'cache'], stdout: '["cache:4"]\n' },
  {
    name: 'no endpoint outside a relation hook',
    args: [],
    stdout: '',
    stderr: 'ERROR no endpoint name specified\n',
    code: 2,
  },
  {
    name: 'extra arguments',
    args: ['db', 'cache', 'x'],
    stdout: '',
    stderr: 'ERROR unrecognized args: ["cache" "x"]\n',
    code: 2,
  },
  {
    name: 'bad format',
    args: ['--format', 'xml', 'db'],
    stdout: '',
    stderr: 'ERROR invalid value "xml" for option --format: unknown format "xml"\n',
    code: 2,
  },
  {
    name: 'unknown option',
    args: ['-r', '2'],
    stdout: '',
    stderr: 'ERROR option provided but not defined: -r\n',
    code: 2,
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new RelationIdsCommand(context(c.hook)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('-o writes the output to a file in the caller directory', async (t) => {
  const dir = t.testdir();
  const got = runWith(new RelationIdsCommand(context()), ['-o', 'ids', 'db'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(`${dir}/ids`, 'utf8'), 'db:10\ndb:2\n');
});

t.test('help', async (t) => {
  const inHook = runWith(new RelationIdsCommand(context(4)), ['--help']);
  t.equal(inHook.code, 0);
  t.match(inHook.stdout, /^Usage: relation-ids \[options\] \[<name>\]\n/);
  t.match(inHook.stdout, 'Current default endpoint name is "cache".');
  t.match(inHook.stdout, '--format  (= smart)\n');

  const outside = runWith(new RelationIdsCommand(context()), ['-h']);
  t.equal(outside.code, 0);
  t.match(outside.stdout, /^Usage: relation-ids \[options\] <name>\n/);
  t.notMatch(outside.stdout, 'Current default endpoint name');
});
