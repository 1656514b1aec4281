import { readFileSync } from 'node:fs';
import t from 'tap';
import { SecretGetCommand } from '../../../hooktools/tools/secret-get.js';
import { runWith } from '../fakes/run.js';
import { FakeSecrets, type FakeSecret, type SecretCall } from '../fakes/secrets.js';

const id = '9m4e2mr0ui3e8a215n4g';
const uri = `secret:${id}`;
const uuid = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const awkward = 'secret:d1t0l8pgcfe1l4mpvqkg';

const secrets: FakeSecret[] = [
  { uri, label: 'label', content: { cert: b64('cert'), key: b64('key') } },
  { uri: `secret://${uuid}/cd88u16ffbaql5kgmlh0`, label: 'db', content: { password: b64('s3cret!') } },
  {
    uri: awkward,
    label: 'awkward',
    content: { pem: b64('-----BEGIN KEY-----\nMIIF\n-----END KEY-----\n'), port: b64('12345'), html: b64('<a&b>'), empty: '' },
  },
  { uri: 'secret:d1t0l8pgcfe1l4mpvql0', label: 'corrupt', content: { good: b64('x'), bad: 'abc' } },
  { uri: 'secret:d1t0l8pgcfe1l4mpvqlg', label: 'nothing', content: {} },
  {
    uri: 'secret:d1t0l8pgcfe1l4mpvqmg',
    label: 'binary',
    content: { raw: Buffer.from([0x61, 0xff, 0xfe, 0x62]).toString('base64'), long: Buffer.alloc(60, 0xff).toString('base64'), text: b64('héllo') },
  },
];

interface Case {
  name: string;
  args: string[];
  stdout?: string;
  stderr?: string;
  code?: number;
  call?: SecretCall;
}

const usage = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 2 });
const failure = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 1 });
const get = (uri: string | undefined, label: string, refresh = false, peek = false): SecretCall => ['getSecret', uri, label, refresh, peek];

const cases: Case[] = [
  // Juju's TestSecretGetInit.
  { name: '--peek and --refresh', args: [uri, '--peek', '--refresh'], ...usage('specify one of --peek or --refresh but not both') },
  { name: 'neither URI nor label', args: [], ...usage('require either a secret URI or label') },

  // Juju's TestSecretGetJson, TestSecretGetViaURI, …ViaLabel, …Peek…, …Update…, TestSecretGetKey, …KeyBase64.
  { name: 'json', args: [uri, '--format', 'json'], stdout: '{"cert":"cert","key":"key"}\n', call: get(uri, '') },
  { name: 'by URI', args: [uri], stdout: 'cert: cert\nkey: key\n', call: get(uri, '') },
  { name: 'by label', args: ['--label', 'label'], stdout: 'cert: cert\nkey: key\n', call: get(undefined, 'label') },
  { name: 'peek by URI', args: [uri, '--peek'], stdout: 'cert: cert\nkey: key\n', call: get(uri, '', false, true) },
  { name: 'peek by label', args: ['--label', 'label', '--peek'], stdout: 'cert: cert\nkey: key\n', call: get(undefined, 'label', false, true) },
  { name: 'refresh by URI', args: [uri, '--refresh'], stdout: 'cert: cert\nkey: key\n', call: get(uri, '', true) },
  { name: 'refresh by label', args: ['--label', 'label', '--refresh'], stdout: 'cert: cert\nkey: key\n', call: get(undefined, 'label', true) },
  { name: 'refresh with URI and label', args: [uri, '--label', 'label', '--refresh'], stdout: 'cert: cert\nkey: key\n', call: get(uri, 'label', true) },
  { name: 'one key', args: [uri, 'cert'], stdout: 'cert\n', call: get(uri, '') },
  { name: 'one key still encoded', args: [uri, 'cert#base64'], stdout: 'Y2VydA==\n', call: get(uri, '') },

  // The argv ops sends.
  {
    name: 'ops 3.4+: a URI with the model UUID',
    args: ['--format=json', `secret://${uuid}/cd88u16ffbaql5kgmlh0`, '--label', 'db', '--refresh'],
    stdout: '{"password":"s3cret!"}\n',
    call: get(`secret://${uuid}/cd88u16ffbaql5kgmlh0`, 'db', true),
  },
  { name: 'ops 3.4+: by label, peeking', args: ['--format=json', '--label', 'db', '--peek'], stdout: '{"password":"s3cret!"}\n', call: get(undefined, 'db', false, true) },
  { name: 'ops 3.0-3.3: --format=json last', args: [uri, '--format=json'], stdout: '{"cert":"cert","key":"key"}\n', call: get(uri, '') },
  { name: 'a bare ID', args: [id, '--format=json'], stdout: '{"cert":"cert","key":"key"}\n', call: get(uri, '') },
  { name: 'ops hookcmds: --format=json first, -o', args: ['--format=json', uri, 'key'], stdout: '"key"\n', call: get(uri, '') },

  // Output shapes.
  {
    name: 'yaml: block scalars, quoting',
    args: ['--label', 'awkward'],
    stdout: 'empty: ""\nhtml: <a&b>\npem: |\n  -----BEGIN KEY-----\n  MIIF\n  -----END KEY-----\nport: "12345"\n',
    call: get(undefined, 'awkward'),
  },
  {
    name: 'json: HTML escaped, keys sorted',
    args: ['--label', 'awkward', '--format', 'json'],
    stdout: '{"empty":"","html":"\\u003ca\\u0026b\\u003e","pem":"-----BEGIN KEY-----\\nMIIF\\n-----END KEY-----\\n","port":"12345"}\n',
    call: get(undefined, 'awkward'),
  },
  { name: 'an empty value prints as yaml ""', args: [awkward, 'empty'], stdout: '""\n', call: get(awkward, '') },
  { name: 'a value that looks like a number', args: [awkward, 'port', '--format', 'yaml'], stdout: '"12345"\n', call: get(awkward, '') },
  { name: 'a key needs a URI: with --label the key is read as one', args: ['--label', 'awkward', 'port'], ...usage('secret URI "port" not valid') },
  { name: 'no content, yaml', args: ['--label', 'nothing'], stdout: '{}\n', call: get(undefined, 'nothing') },
  { name: 'no content, json', args: ['--label', 'nothing', '--format=json'], stdout: '{}\n', call: get(undefined, 'nothing') },

  // Bytes that are not UTF-8: yaml.v2 encodes them as !!binary, in lines of 70 once that long;
  // encoding/json writes each bad byte as \ufffd; one key prints raw.
  {
    name: 'yaml: !!binary for bytes that are not UTF-8',
    args: ['--label', 'binary'],
    stdout: `long: !!binary |\n  ${'/'.repeat(70)}\n  ${'/'.repeat(10)}\nraw: !!binary Yf/+Yg==\ntext: héllo\n`,
    call: get(undefined, 'binary'),
  },
  {
    name: 'json: \\ufffd for each byte that is not UTF-8',
    args: ['--label', 'binary', '--format', 'json'],
    stdout: `{"long":"${'\\ufffd'.repeat(60)}","raw":"a\\ufffd\\ufffdb","text":"héllo"}\n`,
    call: get(undefined, 'binary'),
  },
  { name: 'one key of bytes that are not UTF-8, yaml', args: ['secret:d1t0l8pgcfe1l4mpvqmg', 'raw'], stdout: '!!binary Yf/+Yg==\n', call: get('secret:d1t0l8pgcfe1l4mpvqmg', '') },

  // Errors.
  { name: 'not a URI', args: ['foo'], ...usage('secret URI "foo" not valid') },
  { name: 'whatever ParseURI says', args: [`:${id}`], ...usage(`secret URI ":${id}" not valid`) },
  { name: 'the URI is read before the flags are checked', args: ['foo', '--peek', '--refresh'], ...usage('secret URI "foo" not valid') },
  { name: 'too many arguments', args: [uri, 'cert', 'key'], ...usage('unrecognized args: ["key"]') },
  { name: 'smart is not offered', args: [uri, '--format', 'smart'], ...usage('invalid value "smart" for option --format: unknown format "smart"') },
  { name: 'an unknown key', args: [uri, 'nope'], ...failure('secret key value "nope" not found'), call: get(uri, '') },
  { name: 'an unknown key, encoded', args: [uri, 'nope#base64'], ...failure('secret key value "nope" not found'), call: get(uri, '') },
  { name: 'an unknown secret', args: ['secret:d1t0l8pgcfe1l4mpvqm0'], ...failure('secret "secret:d1t0l8pgcfe1l4mpvqm0" not found'), call: get('secret:d1t0l8pgcfe1l4mpvqm0', '') },
  {
    name: 'content that does not decode fails even for another key',
    args: ['secret:d1t0l8pgcfe1l4mpvql0', 'good'],
    ...failure('illegal base64 data at input byte 0'),
    call: get('secret:d1t0l8pgcfe1l4mpvql0', ''),
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeSecrets(secrets);
    const got = runWith(new SecretGetCommand(ctx), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
    t.same(ctx.calls, c.call ? [c.call] : []);
  });
}

t.test('-o writes the file in the caller directory', async (t) => {
  const dir = t.testdir({});
  const got = runWith(new SecretGetCommand(new FakeSecrets(secrets)), [uri, '-o', 'out.json', '--format', 'json'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(`${dir}/out.json`, 'utf8'), '{"cert":"cert","key":"key"}\n');
});

t.test('help', async (t) => {
  const help = runWith(new SecretGetCommand(new FakeSecrets()), ['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: secret-get \[options\] <ID> \[key\[#base64\]\]\n/);
  t.match(help.stdout, '\n--format  (= yaml)\n    Specify output format (json|yaml)\n');
  t.match(help.stdout, '\n--peek  (= false)\n');
});
