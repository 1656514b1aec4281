import { readFileSync } from 'node:fs';
import t from 'tap';
import { runCommand } from '../../../hooktools/cmd.js';
import { NeedClientStepError, toolIO, type StepOutcome } from '../../../core/tool-io.js';
import type { SecretUpsert } from '../../../core/hook-context.js';
import { SecretAddCommand } from '../../../hooktools/tools/secret-add.js';
import { runWith } from '../fakes/run.js';
import { FakeSecrets, NEW_SECRET_URI } from '../fakes/secrets.js';
import { SecretBuffer } from '../../../agent/context/secrets.js';
import type { HookContextAPI } from '../../../agent/controller/uniter-api.js';

interface Case {
  name: string;
  /** `{dir}` stands for the test directory, which holds the files below. */
  args: string[];
  /** The createSecret argument, when the tool gets that far. */
  created?: SecretUpsert;
  stderr?: string;
  code?: number;
  writeFailure?: string;
}

const usage = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 2 });
const failure = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 1 });

const files = {
  // Juju's TestAddSecretFromFile (with a binary value that is valid UTF-8).
  'secret.yaml': '\n    key: |-\n      secret\n    another-key: !!binary |\n      aGVs\n      bG8=\n',
  'empty.yaml': '{}\n',
  password: 's3cret\n',
  'ca.pem': '-----BEGIN CERTIFICATE-----\nMIIF\n-----END CERTIFICATE-----\n',
};

const cases: Case[] = [
  // Juju's TestAddSecretInvalidArgs.
  { name: 'nothing to store', args: [], ...usage('missing secret value or filename') },
  { name: 'a value without a key', args: ['s3cret'], ...usage('key value "s3cret" not valid') },
  { name: 'an unknown rotate policy', args: ['foo=bar', '--rotate', 'foo'], ...usage('rotate policy "foo" not valid') },
  { name: 'an unknown owner', args: ['foo=bar', '--owner', 'foo'], ...usage('secret owner "foo" not valid') },
  { name: 'a negative duration', args: ['foo=bar', '--expire', '-1h'], ...usage('negative expire duration "-1h" not valid') },
  { name: 'a date', args: ['foo=bar', '--expire', '2022-01-01'], ...usage('expire time or duration "2022-01-01" not valid') },

  // Juju's TestAddSecretExpireTimestamp, TestAddSecretBase64, TestAddSecretFromFile.
  {
    name: 'every option',
    args: ['--rotate', 'daily', '--expire', '2022-03-04T06:06:06', '--description', 'sssshhhh', '--label', 'foobar', 'data=secret'],
    created: {
      value: { data: 'c2VjcmV0' },
      rotatePolicy: 'daily',
      expireTime: '2022-03-04T06:06:06Z',
      description: 'sssshhhh',
      label: 'foobar',
      owner: 'application',
    },
  },
  { name: 'a #base64 value, owned by the unit', args: ['token#base64=key=', '--owner', 'unit'], created: { value: { token: 'key=' }, owner: 'unit' } },
  {
    name: 'values from --file and arguments',
    args: ['token#base64=key=', '--file', '{dir}/secret.yaml'],
    created: { value: { token: 'key=', key: 'c2VjcmV0', 'another-key': 'aGVsbG8=' }, owner: 'application' },
  },

  // The argv ops sends: 3.4+ writes each value to a file and always names the owner.
  {
    name: 'ops 3.4+',
    args: [
      '--label', 'db', '--description', 'the password', '--expire', '2030-01-01T06:06:06.123456Z', '--rotate', 'hourly',
      '--owner', 'unit', 'password#file={dir}/password', 'ca-cert#file={dir}/ca.pem',
    ],
    created: {
      value: { password: 'czNjcmV0Cg==', 'ca-cert': Buffer.from(files['ca.pem']).toString('base64') },
      rotatePolicy: 'hourly',
      expireTime: '2030-01-01T06:06:06.123456Z',
      description: 'the password',
      label: 'db',
      owner: 'unit',
    },
  },
  {
    name: 'ops 3.0-3.3: isoformat() expiry with an offset, no --owner',
    args: ['--expire', '2030-01-01T06:06:06+02:00', 'password#file={dir}/password'],
    created: { value: { password: 'czNjcmV0Cg==' }, expireTime: '2030-01-01T04:06:06Z', owner: 'application' },
  },
  {
    name: 'ops 3.0-3.3: a naive isoformat() expiry',
    args: ['password#file={dir}/password', '--expire=2030-01-01T06:06:06.5'],
    created: { value: { password: 'czNjcmV0Cg==' }, expireTime: '2030-01-01T06:06:06.5Z', owner: 'application' },
  },
  { name: 'empty options are not set', args: ['--label=', '--description', '', '--rotate=', 'abc=x'], created: { value: { abc: 'eA==' }, owner: 'application' } },
  { name: 'rotate never', args: ['--rotate', 'never', 'abc=x'], created: { value: { abc: 'eA==' }, rotatePolicy: 'never', owner: 'application' } },

  // Errors.
  { name: 'a file of nothing', args: ['--file', '{dir}/empty.yaml'], ...failure('empty secret value not valid') },
  { name: 'a missing --file', args: ['--file={dir}/missing.yaml'], ...usage('open {dir}/missing.yaml: no such file or directory') },
  { name: '--file - is a file name, not stdin', args: ['--file', '{dir}/-'], ...usage('open {dir}/-: no such file or directory') },
  {
    name: 'a missing #file',
    args: ['abc#file={dir}/missing'],
    ...usage('reading content for secret key "abc": open {dir}/missing: no such file or directory'),
  },
  { name: 'a bad key', args: ['ab=x'], ...usage('key "ab" not valid') },
  { name: 'an unknown option', args: ['--foo', 'abc=x'], ...usage('option provided but not defined: --foo') },
  { name: '--format is not an option', args: ['--format=json', 'abc=x'], ...usage('option provided but not defined: --format') },
  {
    name: 'a non-leader adding an application secret',
    args: ['abc=x'],
    writeFailure: 'this unit is not the leader',
    created: { value: { abc: 'eA==' }, owner: 'application' },
    ...failure('this unit is not the leader'),
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const dir = t.testdir(files);
    const ctx = new FakeSecrets([], {}, c.writeFailure);
    const args = c.args.map((a) => a.replaceAll('{dir}', dir));
    const got = runWith(new SecretAddCommand(ctx), args, { dir });
    const ok = c.code === undefined;
    t.same(got, { code: c.code ?? 0, stdout: ok ? `${NEW_SECRET_URI}\n` : '', stderr: (c.stderr ?? '').replaceAll('{dir}', dir) });
    t.same(ctx.calls, c.created ? [['createSecret', c.created]] : []);
  });
}

// Juju's secretsChangeRecorder.create refuses a label one of the hook's new secrets has, at
// once: ops then raises ModelError from secret-add, not a failed hook at commit. Against the
// hook context's real buffer, which the fake above does not model; creating reads nothing from
// the controller.
t.test("a label another of this hook's new secrets has", async (t) => {
  const buffer = new SecretBuffer({ controller: {} as HookContextAPI, unitName: () => 'web/0', isLeader: () => true });
  const add = (...args: string[]) => runWith(new SecretAddCommand(buffer), args);
  t.equal(add('--label', 'db', '--owner', 'unit', 'abc=x').code, 0);
  t.same(add('--label', 'db', 'abc=y'), { code: 1, stdout: '', stderr: 'ERROR secret with label "db" already exists\n' });
  t.equal(add('--label', 'other', 'abc=z').code, 0, 'another label is fine');
  t.equal(add('abc=z').code, 0, 'and so is none');
  t.equal(buffer.pending()?.creates.length, 3);
});

t.test('the client is asked for one file at a time, in the order Juju reads them', async (t) => {
  const dir = t.testdir(files);
  const args = ['--owner', 'unit', '--file', `${dir}/secret.yaml`, `password#file=${dir}/password`, `ca-cert#file=${dir}/ca.pem`];
  const read = new Map<string, StepOutcome>();
  const sink = { write: () => undefined };
  for (;;) {
    const io = toolIO(dir, (step) => (step.kind === 'read' ? read.get(step.path) : undefined), sink, sink);
    try {
      t.equal(runCommand(new SecretAddCommand(new FakeSecrets()), args, io), 0);
      break;
    } catch (err) {
      const { step } = err as NeedClientStepError;
      if (step.kind !== 'read' || read.has(step.path)) throw err;
      read.set(step.path, { error: '', data: readFileSync(step.path) });
    }
  }
  t.same([...read.keys()], [`${dir}/password`, `${dir}/ca.pem`, `${dir}/secret.yaml`]);
});

t.test('a duration expires that long from now', async (t) => {
  const ctx = new FakeSecrets();
  const before = Date.now();
  const got = runWith(new SecretAddCommand(ctx), ['--expire', '1h', 'data=secret']);
  const after = Date.now();
  t.equal(got.code, 0);
  const [call] = ctx.calls;
  const expire = call[0] === 'createSecret' ? call[1].expireTime : undefined;
  t.match(expire, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const at = Date.parse(expire!);
  t.ok(at >= before + 3600_000 && at <= after + 3600_000, `${expire} is an hour from now`);
});

t.test('help', async (t) => {
  t.same(runWith(new SecretAddCommand(new FakeSecrets()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: secret-add [options] [key[#base64|#file]=value...]

Summary:
Create a secret.

Options:
--description (= "")
    What the secret is for
--expire (= "")
    When the secret expires: a time (RFC 3339) or a duration (24h)
--file (= "")
    A YAML or JSON file of keys and values to store
--label (= "")
    A name for the secret that hooks can use instead of its ID
--owner (= "application")
    Who owns the secret: application or unit
--rotate (= "")
    How often the secret should be rotated: never, hourly, daily, weekly, monthly, quarterly, yearly

Details:
Stores the given keys and values as a new secret and prints its URI. Values are
stored base64-encoded: a key ending in #base64 takes a value that already is, and
a key ending in #file takes the path of a file to read the value from. Keys are
at least three characters of a-z, 0-9 and single dashes, starting with a letter.

The secret belongs to the application unless --owner unit is given; only the
leader may create an application secret. It is saved when the hook succeeds.

Examples:

    secret-add password=s3cret
    secret-add --owner unit --label tls cert#file=/tmp/cert.pem key#file=/tmp/key.pem
    secret-add --expire 24h --rotate daily token#base64=czNjcmV0
    secret-add --description "admin login" --file creds.yaml
`,
  });
});
