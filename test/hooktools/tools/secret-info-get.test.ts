import t from 'tap';
import type { SecretMetadata } from '../../../core/hook-context.js';
import { SecretInfoGetCommand } from '../../../hooktools/tools/secret-info-get.js';
import { runWith } from '../fakes/run.js';
import { FakeSecrets } from '../fakes/secrets.js';

const id = '9m4e2mr0ui3e8a215n4g';
const uri = `secret:${id}`;
const uuid = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';

// What Juju's ContextSuite holds for secret-info-get's tests.
const juju: SecretMetadata = {
  id,
  owner: 'application',
  label: 'label',
  description: 'description',
  rotatePolicy: 'hourly',
  latestRevision: 666,
  access: [],
};
const bare: SecretMetadata = {
  id: 'cd88u16ffbaql5kgmlh0',
  owner: 'unit',
  label: '',
  description: '',
  rotatePolicy: '',
  latestRevision: 1,
  access: [],
};
const timed: SecretMetadata = {
  id: 'd1t0l8pgcfe1l4mpvqkg',
  owner: 'application',
  label: 'tls',
  description: '',
  rotatePolicy: 'daily',
  latestRevision: 3,
  latestExpireTime: '2030-01-01T00:00:00Z',
  nextRotateTime: '2029-06-01T12:30:00.5Z',
  access: [
    { target: 'application-gitlab', scope: 'relation-key', role: 'view' },
    { target: 'unit-wordpress-0', scope: 'relation-other', role: 'view' },
  ],
};
const owned = { [id]: juju, [bare.id]: bare, [timed.id]: timed };

const usage = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 2 });
const failure = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 1 });

const jujuYaml = `${id}:\n  revision: 666\n  label: label\n  owner: application\n  description: description\n  rotation: hourly\n`;

const cases: Array<{ name: string; metadata?: Record<string, SecretMetadata>; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  // Juju's TestSecretGetInit, TestSecretInfoGetURI, …WithGrants, …FailedNotFound, …ByLabelFailedNotFound, …ByLabel.
  { name: 'neither URI nor label', args: [], ...usage('require either a secret URI or label') },
  { name: 'both URI and label', args: [uri, '--label', 'foo'], ...usage('specify either a secret URI or label but not both') },
  { name: 'by URI', args: [uri], stdout: jujuYaml },
  {
    name: 'with grants',
    metadata: { [id]: { ...juju, access: [{ target: 'application-gitlab', scope: 'relation-key', role: 'view' }] } },
    args: [uri],
    stdout: `${jujuYaml}  access:\n  - target: application-gitlab\n    scope: relation-key\n    role: view\n`,
  },
  { name: 'an unknown URI', args: ['secret:cd88u16ffbaql5kgmlh0'], metadata: { [id]: juju }, ...failure('secret "cd88u16ffbaql5kgmlh0" not found') },
  { name: 'an unknown label', args: ['--label', 'not-found-label'], ...failure('secret "not-found-label" not found') },
  { name: 'by label', args: ['--label', 'label'], stdout: jujuYaml },

  // The argv ops sends.
  {
    name: 'ops: --format=json ID',
    args: ['--format=json', id],
    stdout: `{"${id}":{"revision":666,"label":"label","owner":"application","description":"description","rotation":"hourly"}}\n`,
  },
  { name: 'ops: a URI with the model UUID', args: ['--format=json', `secret://${uuid}/${id}`], stdout: `{"${id}":{"revision":666,"label":"label","owner":"application","description":"description","rotation":"hourly"}}\n` },
  {
    name: 'ops: --format=json --label L, with times and grants',
    args: ['--format=json', '--label', 'tls'],
    stdout:
      '{"d1t0l8pgcfe1l4mpvqkg":{"revision":3,"label":"tls","owner":"application","rotation":"daily",' +
      '"expiry":"2030-01-01T00:00:00Z","rotates":"2029-06-01T12:30:00.5Z","access":[' +
      '{"target":"application-gitlab","scope":"relation-key","role":"view"},' +
      '{"target":"unit-wordpress-0","scope":"relation-other","role":"view"}]}}\n',
  },

  { name: 'empty fields: label stays, the others go', args: ['secret:cd88u16ffbaql5kgmlh0'], stdout: 'cd88u16ffbaql5kgmlh0:\n  revision: 1\n  label: ""\n  owner: unit\n' },
  { name: 'empty fields in json', args: ['secret:cd88u16ffbaql5kgmlh0', '--format', 'json'], stdout: '{"cd88u16ffbaql5kgmlh0":{"revision":1,"label":"","owner":"unit"}}\n' },
  { name: 'an empty --label is no label', args: ['--label='], ...usage('require either a secret URI or label') },
  { name: 'not a URI', args: ['foo'], ...usage('secret URI "foo" not valid') },
  { name: 'whatever ParseURI says', args: ['http://x/y'], ...usage('secret URI "http://x/y" not valid') },
  { name: 'too many arguments', args: [uri, 'x'], ...usage('unrecognized args: ["x"]') },
  { name: 'smart is not offered', args: [uri, '--format=smart'], ...usage('invalid value "smart" for option --format: unknown format "smart"') },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeSecrets([], c.metadata ?? owned);
    t.same(runWith(new SecretInfoGetCommand(ctx), c.args), { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
    t.same(ctx.calls, c.code === 2 ? [] : [['secretMetadata']]);
  });
}

// Go's yaml encoder writes a time.Time as a plain scalar.
t.test('times in yaml', async (t) => {
  const got = runWith(new SecretInfoGetCommand(new FakeSecrets([], owned)), ['--label', 'tls']);
  t.equal(
    got.stdout,
    'd1t0l8pgcfe1l4mpvqkg:\n  revision: 3\n  label: tls\n  owner: application\n  rotation: daily\n' +
      '  expiry: 2030-01-01T00:00:00Z\n  rotates: 2029-06-01T12:30:00.5Z\n  access:\n' +
      '  - target: application-gitlab\n    scope: relation-key\n    role: view\n' +
      '  - target: unit-wordpress-0\n    scope: relation-other\n    role: view\n',
  );
});

t.test('help', async (t) => {
  const help = runWith(new SecretInfoGetCommand(new FakeSecrets()), ['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: secret-info-get \[options\] <ID>\n/);
  t.match(help.stdout, '\n--format  (= yaml)\n    Specify output format (json|yaml)\n');
});
