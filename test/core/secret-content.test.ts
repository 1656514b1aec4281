import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { createSecretData, decodeSecretContent, readSecretData, secretKeyValue } from '../../core/secret-content.js';
import { outcome } from '../helpers/outcome.js';
import { fakeIO } from '../hooktools/fakes/io.js';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

t.test('key=value arguments (CreateSecretData)', async (t) => {
  const dir = t.testdir({
    'cert.pem': '-----BEGIN CERTIFICATE-----\nMIIF\n-----END CERTIFICATE-----',
    'binary.bin': Buffer.from([0x00, 0xff, 0xfe, 0x80]),
    'big.bin': Buffer.alloc(1000 * 1000 + 1, 'a'),
    'limit.bin': Buffer.alloc(750000, 'a'),
    'encoded.txt': 'czNjcmV0',
  });
  const cases: Array<{ name: string; args: string[]; want?: Record<string, string>; error?: string }> = [
    // Juju's core/secrets tests.
    {
      name: 'plain and #base64 values',
      args: ['foo=bar', 'hello=world', 'goodbye#base64=world'],
      want: { foo: 'YmFy', hello: 'd29ybGQ=', goodbye: 'world' },
    },
    { name: 'a key of two characters', args: ['fo=bar'], error: 'key "fo" not valid' },
    { name: 'no =', args: ['s3cret'], error: 'key value "s3cret" not valid' },
    { name: 'base64 padding is not the separator', args: ['token#base64=key='], want: { token: 'key=' } },
    {
      name: 'a #file value is read (Juju: TestSecretKeyFromFile)',
      args: ['key1=value1', `key2#file=${dir}/cert.pem`],
      want: { key1: 'dmFsdWUx', key2: b64('-----BEGIN CERTIFICATE-----\nMIIF\n-----END CERTIFICATE-----') },
    },

    { name: 'a value with = inside', args: ['abc=b=c=='], want: { abc: b64('b=c==') } },
    { name: 'an empty value', args: ['abc='], error: 'key value "abc=" not valid' },
    { name: 'an empty key', args: ['=abc'], error: 'key value "=abc" not valid' },
    { name: 'upper case', args: ['Abc=x'], error: 'key "Abc" not valid' },
    { name: 'a dash needs a character after it', args: ['a-b=x'], error: 'key "a-b" not valid' },
    { name: 'dashes', args: ['a-b-c=x'], want: { 'a-b-c': 'eA==' } },
    { name: 'a double dash', args: ['ab--c=x'], error: 'key "ab--c" not valid' },
    { name: 'a leading digit', args: ['1ab=x'], error: 'key "1ab" not valid' },
    { name: 'the key is checked without #base64', args: ['ab#base64=x'], error: 'key "ab" not valid' },
    { name: 'the last value of a key wins', args: ['abc=1', 'abc=2'], want: { abc: 'Mg==' } },
    { name: 'values are bytes of UTF-8', args: ['abc=é'], want: { abc: 'w6k=' } },
    { name: 'a #file value keeps its bytes', args: [`bin#file=${dir}/binary.bin`], want: { bin: 'AP/+gA==' } },
    { name: '#base64#file: an encoded value from a file', args: [`abc#base64#file=${dir}/encoded.txt`], want: { abc: 'czNjcmV0' } },
    {
      name: 'a missing #file',
      args: [`abc#file=${dir}/missing`],
      error: `reading content for secret key "abc": open ${dir}/missing: no such file or directory`,
    },
    {
      name: 'a #file directory',
      args: [`abc#file=${dir}`],
      error: `reading content for secret key "abc": read ${dir}: is a directory`,
    },
    {
      name: 'an unclean #file path is measured clean but read as given',
      args: [`abc#file=${dir}//./missing/`],
      error: `reading content for secret key "abc": open ${dir}//./missing/: no such file or directory`,
    },
    {
      name: 'a #file over 1 MB',
      args: [`abc#file=${dir}//big.bin`],
      error: `secret content in file "${dir}/big.bin" too large: 1000001 bytes`,
    },
    {
      name: 'a value just over 1 MB once encoded',
      args: [`abc=${'a'.repeat(750001)}`],
      error: 'base64 encoded secret content for key "abc" too large: 1000004 bytes',
    },
    {
      name: 'an encoded value counts as given',
      args: [`abc#base64=${'A'.repeat(1000001)}`],
      error: 'base64 encoded secret content for key "abc" too large: 1000001 bytes',
    },
    {
      name: 'the whole secret over 1 MB',
      args: [`abc=${'a'.repeat(600000)}`, `def=${'a'.repeat(150003)}`],
      error: 'base64 encoded secret content too large: 1000004 bytes',
    },
    { name: 'errors come in argument order', args: ['ab=1', 'x'], error: 'key value "x" not valid' },
  ];
  for (const c of cases) {
    t.test(c.name, async (t) => {
      const got = outcome(() => Object.fromEntries(createSecretData(c.args, fakeIO())));
      t.same(got, c.error !== undefined ? { error: c.error } : { value: c.want });
    });
  }

  t.test('exactly 1 MB once encoded', async (t) => {
    const got = outcome(() => createSecretData([`abc#file=${dir}/limit.bin`], fakeIO()).get('abc')?.length);
    t.same(got, { value: 1000000 });
  });
});

t.test('--file (ReadSecretData)', async (t) => {
  const dir = t.testdir({
    // Juju's TestYAMLFile and TestJSONFile (a trailing comma: not JSON, but YAML).
    'secret.yaml': '\n    hello: world\n    goodbye#base64: world\n    another-key: !!binary |\n      aGVs\n      bG8=\n',
    'secret.json': '{\n    "hello": "world",\n    "goodbye#base64": "world",\n}',
    'strict.json': '{"hello": "world", "nothing": null}',
    'numbers.json': '{"abc": 1, "def": true}',
    'empty.yaml': '',
    'null.json': 'null',
    'list.yaml': '- a\n- b\n',
    'bad-key.yaml': 'ab: x\n',
    'big.yaml': Buffer.alloc(1000 * 1000 + 1, 'a'),
  });
  const cases: Array<{ file: string; want?: Record<string, string>; error?: string }> = [
    { file: 'secret.yaml', want: { hello: 'd29ybGQ=', goodbye: 'world', 'another-key': 'aGVsbG8=' } },
    { file: 'secret.json', want: { hello: 'd29ybGQ=', goodbye: 'world' } },
    { file: 'strict.json', want: { hello: 'd29ybGQ=', nothing: '' } },
    { file: 'numbers.json', want: { abc: 'MQ==', def: 'dHJ1ZQ==' } },
    { file: 'empty.yaml', want: {} },
    { file: 'null.json', want: {} },
    { file: 'list.yaml', error: 'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]string' },
    { file: 'bad-key.yaml', error: 'key "ab" not valid' },
    { file: 'missing.yaml', error: `open ${dir}/missing.yaml: no such file or directory` },
    { file: '.', error: `read ${dir}: is a directory` },
    { file: 'big.yaml', error: `secret content in file "${dir}/big.yaml" too large: 1000001 bytes` },
  ];
  for (const c of cases) {
    t.test(c.file, async (t) => {
      const got = outcome(() => Object.fromEntries(readSecretData(join(dir, c.file), fakeIO())));
      t.same(got, c.error !== undefined ? { error: c.error } : { value: c.want });
    });
  }

  t.test('a path starting with ~/ is in $HOME', async (t) => {
    const home = process.env.HOME;
    t.teardown(() => {
      process.env.HOME = home;
    });
    process.env.HOME = dir;
    t.same(outcome(() => Object.fromEntries(readSecretData('~/strict.json', fakeIO()))), { value: { hello: 'd29ybGQ=', nothing: '' } });
  });

  t.test('a ~ further on names a user', async (t) => {
    t.same(outcome(() => readSecretData(`${dir}/~/x`, fakeIO())), { error: `user: unknown user ${dir}/` });
    t.same(outcome(() => readSecretData('~nosuchuser/x', fakeIO())), { error: 'user: unknown user nosuchuser' });
  });
});

t.test('the stored content read back (SecretValue)', async (t) => {
  const content = { cert: b64('cert'), key: b64('key') };
  t.same(decodeSecretContent(content), { cert: Buffer.from('cert'), key: Buffer.from('key') });
  t.same(outcome(() => decodeSecretContent({ ...content, bad: 'x' })), { error: 'illegal base64 data at input byte 0' });
  t.same(secretKeyValue(content, 'cert'), Buffer.from('cert'));
  t.same(secretKeyValue(content, 'cert#base64'), Buffer.from('Y2VydA=='));
  t.same(outcome(() => secretKeyValue(content, 'nope')), { error: 'secret key value "nope" not found' });
  t.same(outcome(() => secretKeyValue(content, 'nope#base64')), { error: 'secret key value "nope" not found' });
});

t.test('a relative path is in the daemon\'s working directory, as Juju\'s is in the agent\'s', async (t) => {
  const hook = t.testdir({ 'value.txt': 'x' });
  const missing = `${process.cwd()}/value.txt`;
  t.same(outcome(() => createSecretData(['abc#file=value.txt'], fakeIO({ dir: hook }))), {
    error: `reading content for secret key "abc": open ${missing}: no such file or directory`,
  });
  t.same(outcome(() => readSecretData('./value.txt', fakeIO({ dir: hook }))), { error: `open ${missing}: no such file or directory` });
});

t.test('#file content is read while the tool runs', async (t) => {
  const dir = t.testdir({});
  const path = join(dir, 'value');
  writeFileSync(path, 'first');
  const data = createSecretData([`abc#file=${path}`], fakeIO());
  writeFileSync(path, 'second');
  t.same(Object.fromEntries(data), { abc: b64('first') });
});
