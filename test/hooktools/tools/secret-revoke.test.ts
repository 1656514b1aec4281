import t from 'tap';
import type { SecretAccess } from '../../../core/hook-context.js';
import { SecretRevokeCommand } from '../../../hooktools/tools/secret-revoke.js';
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
  revoked?: [string, SecretAccess];
  stderr?: string;
  code?: number;
  writeFailure?: string;
}

const cases: Case[] = [
  // Juju's TestRevokeSecretInvalidArgs (outside a relation hook), …ForApp, …ForRelation, …ForRelationUnit.
  { name: 'no URI', args: [], ...usage('missing secret URI') },
  { name: 'nobody to revoke from', args: [uri], ...usage('missing relation or application or unit') },
  { name: 'not an application', args: [uri, '--app', '0/foo'], ...usage('application "0/foo" not valid') },
  { name: 'application and unit', args: [uri, '--app', 'foo', '--unit', 'foo/0'], ...usage('specify only one of application or unit') },
  { name: 'not a unit', args: [uri, '--unit', 'foo'], ...usage('unit "foo" not valid') },
  { name: 'an unknown relation', args: [uri, '--relation', '-666'], ...usage('invalid value "-666" for option --relation: relation not found') },
  { name: 'an application', args: [uri, '--app', 'mediawiki'], revoked: [uri, { applicationName: 'mediawiki' }] },
  { name: 'a relation', hook: 1, args: [uri, '--relation', 'db:1'], revoked: [uri, { applicationName: 'mediawiki' }] },
  {
    name: 'a unit in a relation',
    hook: 1,
    args: [uri, '--relation', 'db:1', '--unit', 'mediawiki/0'],
    revoked: [uri, { applicationName: 'mediawiki', unitName: 'mediawiki/0' }],
  },

  { name: '--application is --app', args: [uri, '--application', 'wordpress'], revoked: [uri, { applicationName: 'wordpress' }] },
  { name: 'a unit', args: [uri, '--unit', 'wordpress/3'], revoked: [uri, { unitName: 'wordpress/3' }] },
  { name: 'the hook relation counts as given', hook: 2, args: [uri], revoked: [uri, { applicationName: 'wordpress' }] },
  { name: 'so --app in a relation hook is one too many', hook: 2, args: [uri, '--app', 'wordpress'], ...usage('do not specify both relation and app') },
  { name: 'and so is -r with --app', args: [uri, '-r', '1', '--app', 'wordpress'], ...usage('do not specify both relation and app') },
  { name: 'the names are checked before the relation', hook: 2, args: [uri, '--app', 'Foo'], ...usage('application "Foo" not valid') },
  { name: 'the URI is checked first', args: ['foo', '--app', 'Foo'], ...usage('secret URI "foo" not valid') },
  { name: 'too many arguments', args: [uri, '--app', 'x', 'y'], ...usage('unrecognized args: ["y"]') },
  { name: 'ops: --relation N ID', args: ['--relation', '2', uri], revoked: [uri, { applicationName: 'wordpress' }] },
  { name: 'ops: --app A ID', args: ['--app', 'wordpress', uri], revoked: [uri, { applicationName: 'wordpress' }] },
  { name: 'ops: --unit U ID', args: ['--unit', 'wordpress/0', id], revoked: [uri, { unitName: 'wordpress/0' }] },
  {
    name: 'the revoke fails',
    args: [uri, '--app', 'x'],
    writeFailure: 'permission denied',
    revoked: [uri, { applicationName: 'x' }],
    stderr: 'ERROR permission denied\n',
    code: 1,
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = context(c.hook, c.writeFailure);
    t.same(runWith(new SecretRevokeCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.calls, c.revoked ? [['revokeSecret', ...c.revoked]] : []);
  });
}

t.test('help', async (t) => {
  const help = runWith(new SecretRevokeCommand(context(undefined)), ['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: secret-revoke \[options\] <ID>\n/);
  t.match(help.stdout, '\n--app, --application (= "")\n    Revoke access from this application\n');
  t.match(help.stdout, '\n-r, --relation  (= )\n');
});
