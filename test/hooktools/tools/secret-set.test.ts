import t from 'tap';
import type { SecretUpsert } from '../../../core/hook-context.js';
import { SecretSetCommand } from '../../../hooktools/tools/secret-set.js';
import { runWith } from '../fakes/run.js';
import { FakeSecrets } from '../fakes/secrets.js';

const id = '9m4e2mr0ui3e8a215n4g';
const uri = `secret:${id}`;
const uuid = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';

interface Case {
  name: string;
  /** `{dir}` stands for the test directory, which holds the files below. */
  args: string[];
  /** The updateSecret call, when the tool gets that far. */
  updated?: [string, SecretUpsert];
  stderr?: string;
  code?: number;
  writeFailure?: string;
}

const usage = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 2 });
const failure = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 1 });

const files = {
  'secret.yaml': '\n    key: |-\n      secret\n    another-key: !!binary |\n      aGVs\n      bG8=\n',
  password: 'n3w\n',
};

const cases: Case[] = [
  // Juju's TestUpdateSecretInvalidArgs.
  { name: 'no URI', args: [], ...usage('missing secret URI') },
  { name: 'not a URI', args: ['foo'], ...usage('secret URI "foo" not valid') },
  { name: 'a value without a key', args: [uri, 's3cret'], ...usage('key value "s3cret" not valid') },
  { name: 'an unknown rotate policy', args: [uri, 'foo=bar', '--rotate', 'foo'], ...usage('rotate policy "foo" not valid') },
  { name: 'a negative duration', args: [uri, 'foo=bar', '--expire', '-1h'], ...usage('negative expire duration "-1h" not valid') },
  { name: 'a date', args: [uri, 'foo=bar', '--expire', '2022-01-01'], ...usage('expire time or duration "2022-01-01" not valid') },

  // Juju's TestUpdateSecretBase64, TestUpdateSecretRotateInterval, TestUpdateSecretFromFile.
  { name: 'a #base64 value', args: [uri, 'token#base64=key='], updated: [uri, { value: { token: 'key=' } }] },
  { name: 'metadata only', args: ['--rotate', 'daily', uri], updated: [uri, { rotatePolicy: 'daily' }] },
  {
    name: 'values from --file and arguments',
    args: [uri, 'token#base64=key=', '--file', '{dir}/secret.yaml'],
    updated: [uri, { value: { token: 'key=', key: 'c2VjcmV0', 'another-key': 'aGVsbG8=' } }],
  },
  {
    name: 'every option',
    args: [uri, 'data=secret', '--rotate', 'weekly', '--expire', '2030-01-01T00:00:00Z', '--description', 'sssshhhh', '--label', 'foobar'],
    updated: [uri, { value: { data: 'c2VjcmV0' }, rotatePolicy: 'weekly', expireTime: '2030-01-01T00:00:00Z', description: 'sssshhhh', label: 'foobar' }],
  },
  { name: 'nothing to change', args: [uri], updated: [uri, {}] },

  // The argv ops sends.
  {
    name: 'ops 3.4+: --owner application is checked and ignored',
    args: ['--label', 'db', '--owner', 'application', `secret://${uuid}/${id}`, 'password#file={dir}/password'],
    updated: [`secret://${uuid}/${id}`, { value: { password: 'bjN3Cg==' }, label: 'db' }],
  },
  { name: 'ops 3.4+: a unit secret', args: ['--owner', 'unit', id, 'password#file={dir}/password'], updated: [uri, { value: { password: 'bjN3Cg==' } }] },
  {
    name: 'ops 3.0-3.3: the URI first',
    args: [uri, '--expire', '2030-01-01T00:00:00', 'password#file={dir}/password'],
    updated: [uri, { value: { password: 'bjN3Cg==' }, expireTime: '2030-01-01T00:00:00Z' }],
  },
  { name: 'an unknown owner', args: ['--owner', 'model', uri], ...usage('secret owner "model" not valid') },
  { name: 'the URI is checked first', args: ['--rotate', 'often', 'foo'], ...usage('secret URI "foo" not valid') },
  { name: 'a URI with another scheme', args: ['http://x/y'], ...usage('secret URI scheme "http" not valid') },
  { name: 'a URI Go cannot parse', args: [`:${id}`], ...usage(`parse ":${id}": missing protocol scheme`) },
  { name: 'a missing #file', args: [uri, 'abc#file={dir}/nope'], ...usage('reading content for secret key "abc": open {dir}/nope: no such file or directory') },
  { name: 'a secret the unit may not change', args: [uri, 'abc=x'], writeFailure: 'permission denied', updated: [uri, { value: { abc: 'eA==' } }], ...failure('permission denied') },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const dir = t.testdir(files);
    const ctx = new FakeSecrets([], {}, c.writeFailure);
    const args = c.args.map((a) => a.replaceAll('{dir}', dir));
    const got = runWith(new SecretSetCommand(ctx), args, { dir });
    t.same(got, { code: c.code ?? 0, stdout: '', stderr: (c.stderr ?? '').replaceAll('{dir}', dir) });
    t.same(ctx.calls, c.updated ? [['updateSecret', ...c.updated]] : []);
  });
}

t.test('a duration expires that long from now (Juju: TestUpdateSecret)', async (t) => {
  const ctx = new FakeSecrets();
  const before = Date.now();
  t.equal(runWith(new SecretSetCommand(ctx), [uri, '--expire', '90m']).code, 0);
  const after = Date.now();
  const [call] = ctx.calls;
  const at = Date.parse(call[0] === 'updateSecret' ? call[2].expireTime! : '');
  t.ok(at >= before + 5400_000 && at <= after + 5400_000);
});

t.test('help', async (t) => {
  const help = runWith(new SecretSetCommand(new FakeSecrets()), ['-h']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: secret-set \[options\] <ID> \[key\[#base64\|#file\]=value\.\.\.\]\n\nSummary:\nUpdate a secret\.\n/);
  t.match(help.stdout, '\n--owner (= "application")\n');
});
