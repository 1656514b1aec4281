import { readFileSync } from 'node:fs';
import t from 'tap';
import { RelationGetCommand } from '../../../hooktools/tools/relation-get.js';
import { JujuSimError } from '../../../core/errors.js';
import { fakeLeadership } from '../fakes/leadership.js';
import { fakeRelations, type FakeRelationsSpec } from '../fakes/relations.js';
import { runWith } from '../fakes/run.js';
import { fakeUnit } from '../fakes/unit.js';

type Hook = Pick<FakeRelationsSpec, 'hookRelation' | 'remoteUnit' | 'remoteApp'> & { leader?: boolean | Error };

const mysql0 = { 'egress-subnets': '10.0.0.2/32', 'ingress-address': '10.0.0.2', 'private-address': '10.0.0.2' };

// wordpress/0 related to mysql (db:3) and to its peers (cluster:1). mysql/1 has departed but its
// databag stays readable; mysql/9 never existed; memcached/0 is not related at all.
function context({ leader = false, ...hook }: Hook = {}) {
  const unit = 'wordpress/0';
  const leadership = fakeLeadership(leader);
  const relations = fakeRelations(
    [
      {
        id: 3,
        endpoint: 'db',
        remoteApp: 'mysql',
        members: ['mysql/0', 'mysql/2'],
        bags: {
          'wordpress/0': { 'private-address': '10.0.0.1', user: 'wp' },
          'wordpress/1': { 'private-address': '10.0.0.5', user: 'wp1' },
          'mysql/0': mysql0,
          'mysql/1': { value: '12345' },
          'mysql/2': { pew: 'pew\npew\n' },
          mysql: { database: 'wp', port: '3306' },
          wordpress: { token: 'abc' },
        },
      },
      {
        id: 1,
        endpoint: 'cluster',
        remoteApp: 'wordpress',
        peer: true,
        members: ['wordpress/1'],
        bags: { 'wordpress/1': { 'private-address': '10.0.0.5' }, wordpress: { shared: 'yes' } },
      },
    ],
    { unit, isLeader: leadership.isLeader, ...hook },
  );
  return { ...fakeUnit(unit), ...leadership, ...relations };
}

/** A db relation-changed hook for mysql/0. */
const changed: Hook = { hookRelation: 3, remoteUnit: 'mysql/0', remoteApp: 'mysql' };

const fail = (message: string, code: number) => ({ stdout: '', stderr: `ERROR ${message}\n`, code });

const cases: Array<{ name: string; hook?: Hook; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  // Choosing the relation.
  { name: 'no relation outside a relation hook', args: [], ...fail('no relation id specified', 2) },
  {
    name: 'unknown relation',
    args: ['-r', 'burble:123'],
    ...fail('invalid value "burble:123" for option -r: relation not found', 2),
  },
  {
    name: 'relation id not a number',
    hook: changed,
    args: ['-r', 'one'],
    ...fail('invalid value "one" for option -r: invalid relation id', 2),
  },
  { name: '-r 3', args: ['-r', '3', 'user', 'wordpress/0'], stdout: 'wp\n' },
  { name: '-r3', args: ['-r3', 'user', 'wordpress/0'], stdout: 'wp\n' },
  { name: '-r db:3', args: ['-r', 'db:3', 'user', 'wordpress/0'], stdout: 'wp\n' },
  { name: '--relation 3', args: ['--relation', '3', 'user', 'wordpress/0'], stdout: 'wp\n' },
  {
    name: '-r=3 is not an id',
    args: ['-r=3', 'user', 'wordpress/0'],
    ...fail('invalid value "=3" for option -r: invalid relation id', 2),
  },
  { name: '-r overrides the hook relation', hook: changed, args: ['-r', 'cluster:1', '-', 'wordpress/1'], stdout: 'private-address: 10.0.0.5\n' },

  // Choosing the databag.
  {
    name: 'relation hook without a remote unit or app',
    hook: { hookRelation: 3 },
    args: [],
    ...fail('no unit or application specified', 2),
  },
  { name: '-r without a remote unit', args: ['-r', 'db:3'], ...fail('no unit or application specified', 2) },
  { name: '--app without a remote app', args: ['-r', '3', '--app'], ...fail('no unit or application specified', 2) },
  {
    name: 'extra arguments',
    hook: changed,
    args: ['-', '--app', 'mysql', 'args'],
    ...fail('unrecognized args: ["args"]', 2),
  },
  {
    name: 'remote unit, all keys, json (reference vector)',
    hook: changed,
    args: ['--format=json', '-', 'mysql/0'],
    stdout: '{"egress-subnets":"10.0.0.2/32","ingress-address":"10.0.0.2","private-address":"10.0.0.2"}\n',
  },
  {
    name: 'default remote unit, all keys',
    hook: changed,
    args: [],
    stdout: 'egress-subnets: 10.0.0.2/32\ningress-address: 10.0.0.2\nprivate-address: 10.0.0.2\n',
  },
  { name: 'default remote unit, one key', hook: changed, args: ['ingress-address'], stdout: '10.0.0.2\n' },
  { name: 'missing key (reference vector)', hook: changed, args: ['nokey', 'mysql/0'], stdout: '' },
  { name: 'missing key, json', hook: changed, args: ['--format', 'json', 'nokey'], stdout: 'null\n' },
  { name: 'missing key, yaml', hook: changed, args: ['--format', 'yaml', 'nokey'], stdout: '' },
  { name: 'key=value is just a key', hook: changed, args: ['key=value'], stdout: '' },
  { name: 'multi-line value', args: ['-r', '3', 'pew', 'mysql/2'], stdout: 'pew\npew\n\n' },
  { name: 'multi-line value, all keys', args: ['-r', '3', '-', 'mysql/2'], stdout: 'pew: |\n  pew\n  pew\n' },
  { name: 'multi-line value, json', args: ['-r', '3', '--format=json', '-', 'mysql/2'], stdout: '{"pew":"pew\\npew\\n"}\n' },
  { name: 'departed unit stays readable', args: ['-r', '3', 'value', 'mysql/1'], stdout: '12345\n' },
  { name: 'string that looks like a number, yaml', args: ['-r', '3', '--format', 'yaml', 'value', 'mysql/1'], stdout: '"12345"\n' },
  { name: 'map with such a string, yaml', args: ['-r', '3', '--format', 'yaml', '-', 'mysql/1'], stdout: 'value: "12345"\n' },
  { name: 'json string', args: ['-r', '3', '--format', 'json', 'value', 'mysql/1'], stdout: '"12345"\n' },
  {
    name: 'options anywhere',
    args: ['private-address', '-r', '3', 'mysql/0', '--format', 'json'],
    stdout: '"10.0.0.2"\n',
  },
  { name: '-- ends options', hook: changed, args: ['--format=json', '--', '-r', 'mysql/0'], stdout: 'null\n' },
  {
    name: 'unit that never existed',
    hook: changed,
    args: ['-', 'mysql/9'],
    ...fail('cannot read settings for unit "mysql/9" in relation "db:3": unit "mysql/9": settings not found', 1),
  },
  { name: 'unit of an unrelated application', hook: changed, args: ['-', 'memcached/0'], ...fail('permission denied', 1) },
  { name: 'own unit', hook: changed, args: ['-', 'wordpress/0'], stdout: 'private-address: 10.0.0.1\nuser: wp\n' },
  { name: 'peer unit', args: ['-r', '1', '-', 'wordpress/1'], stdout: 'private-address: 10.0.0.5\n' },
  { name: 'a unit of the own application on a regular relation', hook: changed, args: ['-', 'wordpress/1'], stdout: 'private-address: 10.0.0.5\nuser: wp1\n' },

  // Application databags.
  { name: '--app: the remote application', hook: changed, args: ['--app'], stdout: 'database: wp\nport: "3306"\n' },
  { name: '--app=True', hook: changed, args: ['--app=True', 'port'], stdout: '3306\n' },
  { name: '--app=false', hook: changed, args: ['--app=false', 'port'], stdout: '' },
  { name: '--app with a unit name reads its application', hook: changed, args: ['--app', '-', 'mysql/2'], stdout: 'database: wp\nport: "3306"\n' },
  { name: '--app with a bad name reads no databag', hook: changed, args: ['--app', '-', 'Not_A_Name'], ...fail('permission denied', 1) },
  {
    name: 'app-level relation-changed defaults to --app',
    hook: { hookRelation: 3, remoteApp: 'mysql' },
    args: ['port'],
    stdout: '3306\n',
  },
  {
    // Observable on a peer relation: the switch makes the leader read its application databag.
    name: 'app-level relation-changed on a peer relation, leader',
    hook: { hookRelation: 1, remoteApp: 'wordpress', leader: true },
    args: [],
    stdout: 'shared: "yes"\n',
  },
  {
    name: 'own application, leader, --app',
    hook: { ...changed, leader: true },
    args: ['--app', '-', 'wordpress'],
    stdout: 'token: abc\n',
  },
  {
    name: 'own application, non-leader, --app (reference vector)',
    hook: { ...changed, leader: false },
    args: ['--app', '-', 'wordpress'],
    ...fail('permission denied', 1),
  },
  {
    name: 'own application, non-leader, --app, peer relation',
    hook: { leader: false },
    args: ['-r', '1', '--app', '-', 'wordpress'],
    stdout: 'shared: "yes"\n',
  },
  {
    name: 'own application, leadership unknown',
    hook: { ...changed, leader: new JujuSimError('lease manager stopped') },
    args: ['--app', '-', 'wordpress'],
    ...fail('cannot determine leadership status: lease manager stopped', 1),
  },

  // Names are checked before anything is read (Juju 3.6's determineUnitOrAppName), exit 2.
  { name: 'remote application name without --app', hook: changed, args: ['-', 'mysql'], ...fail('expected unit name, got application name "mysql"', 2) },
  { name: 'own application name without --app', hook: { ...changed, leader: true }, args: ['-', 'wordpress'], ...fail('expected unit name, got application name "wordpress"', 2) },
  { name: 'invalid unit name', hook: changed, args: ['-', 'unit//0'], ...fail('invalid unit name "unit//0"', 2) },
  { name: 'invalid name, key given', hook: changed, args: ['key', 'Not_A_Name'], ...fail('invalid unit name "Not_A_Name"', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new RelationGetCommand(context(c.hook)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('own databags show this hook\'s pending writes', async (t) => {
  const ctx = context({ ...changed, leader: true });
  const unit = ctx.relation(3).settings();
  unit.set('user', 'admin');
  unit.delete('private-address');
  unit.set('new', 'x');
  ctx.relation(3).applicationSettings().set('token', 'def');
  t.same(runWith(new RelationGetCommand(ctx), ['-', 'wordpress/0']), { code: 0, stdout: 'new: x\nuser: admin\n', stderr: '' });
  t.same(runWith(new RelationGetCommand(ctx), ['private-address', 'wordpress/0']), { code: 0, stdout: '', stderr: '' });
  t.same(runWith(new RelationGetCommand(ctx), ['--app', 'token', 'wordpress']), { code: 0, stdout: 'def\n', stderr: '' });
});

t.test('-o writes to a file relative to the caller', async (t) => {
  const dir = t.testdir();
  const got = runWith(new RelationGetCommand(context()), ['-r', '3', '--output', 'some-file', 'pew', 'mysql/2'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(`${dir}/some-file`, 'utf8'), 'pew\npew\n\n');
});

t.test('help', async (t) => {
  const inHook = runWith(new RelationGetCommand(context(changed)), ['--help']);
  t.equal(inHook.code, 0);
  t.match(inHook.stdout, /^Usage: relation-get \[options\] \[<key> \[<unit id>\]\]\n/);
  t.match(inHook.stdout, 'Current default unit id is "mysql/0".\n');
  t.match(inHook.stdout, '-r, --relation  (= db:3)\n');
  t.match(inHook.stdout, '--app  (= false)\n');

  const outside = runWith(new RelationGetCommand(context()), ['-h']);
  t.equal(outside.code, 0);
  t.match(outside.stdout, /^Usage: relation-get \[options\] <key> <unit id>\n/);
  t.notMatch(outside.stdout, 'Current default unit id');
  t.match(outside.stdout, '-r, --relation  (= )\n');
});
