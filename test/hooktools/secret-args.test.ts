import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import {
  createSecretData,
  decodeSecretContent,
  goBase64Decode,
  parseExpiry,
  parseGoDuration,
  readSecretData,
  secretKeyValue,
} from '../../hooktools/secret-args.js';
import { fakeIO } from './fake-context.js';

function outcome<T>(call: () => T): { value: T } | { error: string } {
  try {
    return { value: call() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

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

t.test('--expire', async (t) => {
  const now = new Date('2025-01-01T00:00:00.000Z');
  const inDays = (days: number) => new Date(now.getTime() + days * 86400000).toISOString().replace('.000Z', 'Z');
  const cases: Array<[string, string]> = [
    // RFC 3339.
    ['2022-03-04T06:06:06Z', '2022-03-04T06:06:06Z'],
    ['2022-03-04T06:06:06+02:00', '2022-03-04T04:06:06Z'],
    ['2022-03-04T06:06:06.500-01:30', '2022-03-04T07:36:06.5Z'],
    ['2022-03-04T06:06:06.1234567891Z', '2022-03-04T06:06:06.123456789Z'],
    ['2022-03-04T06:06:06.000Z', '2022-03-04T06:06:06Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59Z'],
    ['2022-01-01T00:30:00+01:00', '2021-12-31T23:30:00Z'],
    // Go's parser also takes a one-digit hour, a comma before the fraction, a 24-hour offset.
    ['2022-03-04T6:06:06Z', '2022-03-04T06:06:06Z'],
    ['2022-03-04T06:06:06,25Z', '2022-03-04T06:06:06.25Z'],
    ['2022-03-04T06:06:06+24:00', '2022-03-03T06:06:06Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['0000-01-01T00:00:00+00:01', '-0001-12-31T23:59:00Z'],
    // Without a zone: UTC (the layout Juju's help shows, 2025-01-01T06:06:06).
    ['2025-01-01T06:06:06', '2025-01-01T06:06:06Z'],
    ['2025-01-01T06:06:06.75', '2025-01-01T06:06:06.75Z'],
    // Go durations from now.
    ['24h', inDays(1)],
    ['1h', '2025-01-01T01:00:00Z'],
    ['+1h', '2025-01-01T01:00:00Z'],
    ['1.5h', '2025-01-01T01:30:00Z'],
    ['1.h', '2025-01-01T01:00:00Z'],
    ['.5m', '2025-01-01T00:00:30Z'],
    ['1h30m15.5s', '2025-01-01T01:30:15.5Z'],
    ['300ms', '2025-01-01T00:00:00.3Z'],
    ['1\u00b5s', '2025-01-01T00:00:00.000001Z'],
    ['1\u03bcs', '2025-01-01T00:00:00.000001Z'],
    ['2us', '2025-01-01T00:00:00.000002Z'],
    ['1ns', '2025-01-01T00:00:00.000000001Z'],
    ['8760h', inDays(365)],
  ];
  for (const [spec, want] of cases) {
    t.equal(parseExpiry(spec, now), want, spec);
  }

  const invalid = [
    '2022-01-01', // Juju's test
    '2022-03-04 06:06:06',
    '2022-03-04t06:06:06Z',
    '2022-03-04T06:06:06z',
    '2022-02-29T00:00:00Z',
    '2022-04-31T00:00:00Z',
    '2022-13-01T00:00:00Z',
    '2022-03-04T24:00:00Z',
    '2022-03-04T06:60:00Z',
    '2022-03-04T06:06:60Z',
    '2022-3-04T06:06:06Z',
    '2022-03-04T06:6:06Z',
    '2022-03-04T06:06:06.Z',
    '2022-03-04T06:06:06+25:00',
    '2022-03-04T06:06:06+02:61',
    '2022-03-04T06:06:06+0200',
    '2022-03-04T06:06:06Zjunk',
    '2025-01-01T06:06:06 ',
    '1',
    '1d',
    '.h',
    'h',
    '1h-',
    '2562048h',
    '9223372036854775808ns',
    'later',
  ];
  for (const spec of invalid) {
    t.same(outcome(() => parseExpiry(spec, now)), { error: `expire time or duration "${spec}" not valid` }, spec);
  }
  for (const spec of ['-1h', '0', '-0', '0s', '-1.5s']) {
    t.same(outcome(() => parseExpiry(spec, now)), { error: `negative expire duration "${spec}" not valid` }, spec);
  }
  t.equal(
    parseExpiry('9223372036854775807ns', now),
    `${new Date(now.getTime() + 9223372036854).toISOString().slice(0, -5)}.854775807Z`,
    'the longest duration',
  );
  t.equal(parseExpiry('1h', new Date('2025-01-01T00:00:00.123Z')), '2025-01-01T01:00:00.123Z', 'the time now keeps its fraction');
});

t.test('time.ParseDuration', async (t) => {
  const cases: Array<[string, bigint | undefined]> = [
    ['0', 0n],
    ['-0', 0n],
    ['1h', 3_600_000_000_000n],
    ['-1.5h', -5_400_000_000_000n],
    ['2562047h', 2562047n * 3_600_000_000_000n],
    ['-9223372036854775808ns', -(1n << 63n)],
    ['9223372036854775807ns', (1n << 63n) - 1n],
    ['0.0000000001s', 0n],
    ['1.00000000000000000000000001s', 1_000_000_000n],
    ['', undefined],
    ['+', undefined],
    ['1', undefined],
    ['1x', undefined],
    ['1h 2m', undefined],
    ['9223372036854775808ns', undefined],
    ['99999999999999999999ns', undefined],
  ];
  for (const [spec, want] of cases) t.equal(parseGoDuration(spec), want, spec);
});

t.test('base64.StdEncoding.DecodeString', async (t) => {
  const cases: Array<[string, string | { error: string }]> = [
    ['', ''],
    ['c2VjcmV0', 'secret'],
    ['c2VjcmV0IQ==', 'secret!'],
    ['c2VjcmV0IT8=', 'secret!?'],
    ['c2Vj\ncmV0\r\n', 'secret'],
    ['c2VjcmV0IQ=\n=', 'secret!'],
    ['abc', { error: 'illegal base64 data at input byte 0' }],
    ['c2VjcmV0a', { error: 'illegal base64 data at input byte 8' }],
    ['ab!d', { error: 'illegal base64 data at input byte 2' }],
    ['a===', { error: 'illegal base64 data at input byte 1' }],
    ['ab=', { error: 'illegal base64 data at input byte 3' }],
    ['ab=x', { error: 'illegal base64 data at input byte 2' }],
    ['YQ==YQ==', { error: 'illegal base64 data at input byte 4' }],
    ['c2VjcmV0 ', { error: 'illegal base64 data at input byte 8' }],
    ['c2VjcmV0-_', { error: 'illegal base64 data at input byte 8' }],
  ];
  for (const [text, want] of cases) {
    const got = outcome(() => goBase64Decode(text).toString('latin1'));
    t.same(got, typeof want === 'string' ? { value: want } : want, JSON.stringify(text));
  }
  t.same(goBase64Decode('AP/+gA=='), Buffer.from([0x00, 0xff, 0xfe, 0x80]), 'bytes');
  t.same(goBase64Decode('YR=='), Buffer.from('a'), 'stray bits in the last character are ignored');
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
