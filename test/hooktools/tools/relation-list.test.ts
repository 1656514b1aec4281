import t from 'tap';
import { RelationListCommand } from '../../../hooktools/tools/relation-list.js';
import { fakeRelations } from '../fakes/relations.js';
import { runWith } from '../fakes/run.js';

function context(hookRelation?: number) {
  return fakeRelations(
    [
      // The context answers the members sorted as text, so mysql/10 comes before mysql/2.
      { id: 2, endpoint: 'db', remoteApp: 'mysql', members: ['mysql/10', 'mysql/2', 'mysql/0'] },
      { id: 3, endpoint: 'db', remoteApp: 'galaxy', members: [] },
      { id: 1, endpoint: 'cluster', remoteApp: 'wordpress', peer: true, members: ['wordpress/1'] },
    ],
    { hookRelation },
  );
}

const err = (message: string, code = 2) => ({ stdout: '', stderr: `ERROR ${message}\n`, code });

const cases: Array<{ name: string; hook?: number; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  { name: 'no relation outside a relation hook', args: [], ...err('no relation id specified') },
  {
    name: 'bad -r outside a relation hook',
    args: ['-r', 'bad'],
    ...err('invalid value "bad" for option -r: invalid relation id'),
  },
  {
    name: 'unknown -r outside a relation hook',
    args: ['-r', 'unknown:123'],
    ...err('invalid value "unknown:123" for option -r: relation not found'),
  },
  {
    name: 'bad -r in a relation hook',
    hook: 2,
    args: ['-r', 'bad'],
    ...err('invalid value "bad" for option -r: invalid relation id'),
  },
  {
    name: 'unknown -r in a relation hook',
    hook: 2,
    args: ['-r', 'unknown:123'],
    ...err('invalid value "unknown:123" for option -r: relation not found'),
  },
  { name: 'default relation', hook: 2, args: [], stdout: 'mysql/0\nmysql/10\nmysql/2\n' },
  { name: 'default relation, no members', hook: 3, args: [], stdout: '' },
  { name: 'peers list the other peers', args: ['-r', '1'], stdout: 'wordpress/1\n' },
  { name: '-r 2', args: ['-r', '2'], stdout: 'mysql/0\nmysql/10\nmysql/2\n' },
  { name: '-r2', args: ['-r2'], stdout: 'mysql/0\nmysql/10\nmysql/2\n' },
  { name: '-r db:2', args: ['-r', 'db:2'], stdout: 'mysql/0\nmysql/10\nmysql/2\n' },
  { name: 'the endpoint in -r is ignored', hook: 3, args: ['-r', 'ignored:2'], stdout: 'mysql/0\nmysql/10\nmysql/2\n' },
  { name: '--relation=db:1', args: ['--relation=db:1'], stdout: 'wordpress/1\n' },
  {
    name: '-r=2 is not an id',
    args: ['-r=2'],
    ...err('invalid value "=2" for option -r: invalid relation id'),
  },
  {
    name: '-r with no value',
    args: ['-r'],
    ...err('option needs an argument: -r'),
  },
  { name: 'json', hook: 2, args: ['--format', 'json'], stdout: '["mysql/0","mysql/10","mysql/2"]\n' },
  { name: 'json, no members', hook: 3, args: ['--format=json'], stdout: '[]\n' },
  { name: 'yaml', hook: 2, args: ['--format', 'yaml'], stdout: '- mysql/0\n- mysql/10\n- mysql/2\n' },
  { name: 'yaml, no members', hook: 3, args: ['--format', 'yaml'], stdout: '[]\n' },
  { name: 'smart, no members', hook: 3, args: ['--format', 'smart'], stdout: '' },
  { name: '--app with no units left', hook: 3, args: ['--app'], stdout: 'galaxy\n' },
  { name: '--app on a peer relation is the own application', args: ['--app', '-r', 'cluster:1'], stdout: 'wordpress\n' },
  { name: '--app=True', hook: 2, args: ['--app=True'], stdout: 'mysql\n' },
  { name: '--app=false', hook: 2, args: ['--app=false'], stdout: 'mysql/0\nmysql/10\nmysql/2\n' },
  { name: '--app json', hook: 2, args: ['--format=json', '--app'], stdout: '"mysql"\n' },
  { name: 'unexpected argument', hook: 2, args: ['mysql/0'], ...err('unrecognized args: ["mysql/0"]') },
  { name: 'arguments after --', hook: 2, args: ['--', '--app'], ...err('unrecognized args: ["--app"]') },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new RelationListCommand(context(c.hook)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('help', async (t) => {
  const inHook = runWith(new RelationListCommand(context(2)), ['--help']);
  t.equal(inHook.code, 0);
  t.match(inHook.stdout, /^Usage: relation-list \[options\]\n/);
  t.match(inHook.stdout, '-r, --relation  (= db:2)\n');
  t.notMatch(inHook.stdout, 'Details:');

  const outside = runWith(new RelationListCommand(context()), ['--help']);
  t.equal(outside.code, 0);
  t.match(outside.stdout, '-r, --relation  (= )\n');
  t.match(outside.stdout, 'Details:\nOutside a relation hook the relation must be given with -r.\n');
});
