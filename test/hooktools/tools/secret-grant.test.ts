import t from 'tap';
import type { SecretAccess } from '../../../core/hook-context.js';
import { SecretGrantCommand } from '../../../hooktools/tools/secret-grant.js';
import { fakeRelations } from '../fakes/relations.js';
import { runWith } from '../fakes/run.js';
import { FakeSecrets } from '../fakes/secrets.js';

const id = '9m4e2mr0ui3e8a215n4g';
const uri = `secret:${id}`;
const usage = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 2 });

function context(hook: number | undefined, writeFailure?: string) {
  const relations = fakeRelations(
    [
      { id: 1, endpoint: 'db', remoteApp: 'mediawiki' },
      { id: 2, endpoint: 'website', remoteApp: 'wordpress' },
    ],
    hook,
  );
  return Object.assign(new FakeSecrets([], {}, writeFailure), relations);
}

interface Case {
  name: string;
  /** The relation of the running hook. */
  hook?: number;
  args: string[];
  granted?: [string, SecretAccess];
  stderr?: string;
  code?: number;
  writeFailure?: string;
}

const cases: Case[] = [
  // Juju's TestGrantSecretInvalidArgs (in a db:1 relation hook), TestGrantSecret, …Unit, …WrongUnit.
  { name: 'no URI', hook: 1, args: [], ...usage('missing secret URI') },
  { name: 'not a URI', hook: 1, args: ['foo'], ...usage('secret URI "foo" not valid') },
  { name: 'not a unit', hook: 1, args: [uri, '--unit', 'foo'], ...usage('unit "foo" not valid') },
  { name: 'not a relation', hook: 1, args: [uri, '--relation', 'foo'], ...usage('invalid value "foo" for option --relation: invalid relation id') },
  { name: 'an unknown relation', hook: 1, args: [uri, '--relation', '-666'], ...usage('invalid value "-666" for option --relation: relation not found') },
  { name: 'the related application', hook: 1, args: [uri, '--relation', 'db:1'], granted: [uri, { relationId: 1, applicationName: 'mediawiki' }] },
  {
    name: 'one unit of it',
    hook: 1,
    args: [uri, '--relation', 'db:1', '--unit', 'mediawiki/0'],
    granted: [uri, { relationId: 1, applicationName: 'mediawiki', unitName: 'mediawiki/0' }],
  },
  {
    name: 'a unit of another application',
    hook: 1,
    args: [uri, '--relation', 'db:1', '--unit', 'foo/0'],
    ...usage('cannot specify unit "foo/0" in relation to application "mediawiki"'),
  },

  { name: 'the hook relation', hook: 1, args: [uri], granted: [uri, { relationId: 1, applicationName: 'mediawiki' }] },
  { name: 'another relation than the hook one', hook: 1, args: [uri, '-r', '2'], granted: [uri, { relationId: 2, applicationName: 'wordpress' }] },
  { name: 'no relation outside a relation hook', args: [uri], ...usage('no relation id specified') },
  { name: 'the URI is checked first', args: ['foo'], ...usage('secret URI "foo" not valid') },
  { name: 'a URI error as ParseURI words it', hook: 1, args: ['http://x/y'], ...usage('secret URI scheme "http" not valid') },
  { name: 'too many arguments', hook: 1, args: [uri, 'x'], ...usage('unrecognized args: ["x"]') },
  {
    name: 'ops 3.4+: --relation N [--unit U] ID',
    args: ['--relation', '2', '--unit', 'wordpress/1', uri],
    granted: [uri, { relationId: 2, applicationName: 'wordpress', unitName: 'wordpress/1' }],
  },
  { name: 'ops 3.0-3.3: ID --relation N', args: [uri, '--relation', '2'], granted: [uri, { relationId: 2, applicationName: 'wordpress' }] },
  { name: '-r endpoint:id', args: ['-r', 'website:2', id], granted: [uri, { relationId: 2, applicationName: 'wordpress' }] },
  {
    name: 'the grant fails',
    hook: 1,
    args: [uri],
    writeFailure: 'permission denied',
    granted: [uri, { relationId: 1, applicationName: 'mediawiki' }],
    stderr: 'ERROR permission denied\n',
    code: 1,
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = context(c.hook, c.writeFailure);
    t.same(runWith(new SecretGrantCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.calls, c.granted ? [['grantSecret', ...c.granted]] : []);
  });
}

t.test('help', async (t) => {
  const help = runWith(new SecretGrantCommand(context(1)), ['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: secret-grant \[options\] <ID>\n/);
  t.match(help.stdout, '\n-r, --relation  (= db:1)\n');
  t.match(help.stdout, '\n--unit (= "")\n');
});
