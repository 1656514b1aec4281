import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { ToolIO } from '../../core/tool-io.js';
import { FlagSet } from '../../core/gnuflag.js';
import {
  formatJson,
  formatSmart,
  formatYaml,
  GoFloat,
  GoStruct,
  type FormatName,
  type GoValue,
} from '../../core/format.js';
import { Output } from '../../hooktools/output.js';
import { fakeIO } from '../hooktools/fake-context.js';

const words = (n: number, word = 'word') => Array.from({ length: n }, () => word).join(' ');
const yaml = (v: GoValue) => formatYaml(v).toString();
// Assertion names stay ASCII: a raw U+2028 or U+0085 would break the TAP stream.
const show = (v: unknown) =>
  (JSON.stringify(v) ?? String(v)).replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
const json = (v: GoValue) => formatJson(v).toString();

// A string as the whole document, and as a map value.
const scalars: Array<[string, string, string]> = [
  // Plain.
  ['a', 'a', 'v: a'],
  ['hello world', 'hello world', 'v: hello world'],
  ['é', 'é', 'v: é'],
  ['naïve café', 'naïve café', 'v: naïve café'],
  ['日本語', '日本語', 'v: 日本語'],
  ['a\u00a0b', 'a\u00a0b', 'v: a\u00a0b'],
  ['a:b', 'a:b', 'v: a:b'],
  ['a-b', 'a-b', 'v: a-b'],
  ['-a', '-a', 'v: -a'],
  [':a', ':a', 'v: :a'],
  ['?a', '?a', 'v: ?a'],
  ['a,b', 'a,b', 'v: a,b'],
  ['a[b]', 'a[b]', 'v: a[b]'],
  ['a{b}', 'a{b}', 'v: a{b}'],
  ['a#b', 'a#b', 'v: a#b'],
  ["it's", "it's", "v: it's"],
  ['a"b', 'a"b', 'v: a"b'],
  ['a\\b', 'a\\b', 'v: a\\b'],
  ['http://example.com/x?a=b#c', 'http://example.com/x?a=b#c', 'v: http://example.com/x?a=b#c'],
  ['10.0.0.1', '10.0.0.1', 'v: 10.0.0.1'],
  ['10.0.0.1/24', '10.0.0.1/24', 'v: 10.0.0.1/24'],
  ['fe80::1', 'fe80::1', 'v: fe80::1'],
  ['v1.2.3', 'v1.2.3', 'v: v1.2.3'],
  ['1.2.3', '1.2.3', 'v: 1.2.3'],
  ['<<', '<<', 'v: <<'],
  ['=', '=', 'v: ='],
  ['a=b', 'a=b', 'v: a=b'],
  ['yES', 'yES', 'v: yES'],
  ['nULL', 'nULL', 'v: nULL'],
  ['tRUE', 'tRUE', 'v: tRUE'],
  ['.iNf', '.iNf', 'v: .iNf'],
  ['inf', 'inf', 'v: inf'],
  ['NaN', 'NaN', 'v: NaN'],
  ['1e5', '1e5', 'v: 1e5'],
  ['1E-5', '"1E-5"', 'v: "1E-5"'],
  ['01.5', '01.5', 'v: 01.5'],
  ['1.', '1.', 'v: 1.'],
  ['08', '08', 'v: 08'],
  ['0123456789', '0123456789', 'v: 0123456789'],
  ['0x', '0x', 'v: 0x'],
  ['0b', '0b', 'v: 0b'],
  ['0x1G', '0x1G', 'v: 0x1G'],
  ['+', '+', 'v: +'],
  ['-1:60', '-1:60', 'v: -1:60'],
  ['1:', "'1:'", "v: '1:'"],
  ['2001-13-01', '2001-13-01', 'v: 2001-13-01'],
  ['2001-02-29', '2001-02-29', 'v: 2001-02-29'],
  ['2001-12-14T21:59:43', '2001-12-14T21:59:43', 'v: 2001-12-14T21:59:43'],
  ['2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43.10 -5', 'v: 2001-12-14 21:59:43.10 -5'],
  ['1_', '"1_"', 'v: "1_"'],
  ['.5_', '.5_', 'v: .5_'],
  ['._5', '._5', 'v: ._5'],
  ['.1e999', '.1e999', 'v: .1e999'],
  ['1e400', '1e400', 'v: 1e400'],
  // Double-quoted: read back plain they would be null, bool, int, float or a timestamp.
  ['', '""', 'v: ""'],
  ['true', '"true"', 'v: "true"'],
  ['True', '"True"', 'v: "True"'],
  ['TRUE', '"TRUE"', 'v: "TRUE"'],
  ['false', '"false"', 'v: "false"'],
  ['False', '"False"', 'v: "False"'],
  ['y', '"y"', 'v: "y"'],
  ['Y', '"Y"', 'v: "Y"'],
  ['yes', '"yes"', 'v: "yes"'],
  ['Yes', '"Yes"', 'v: "Yes"'],
  ['n', '"n"', 'v: "n"'],
  ['N', '"N"', 'v: "N"'],
  ['no', '"no"', 'v: "no"'],
  ['NO', '"NO"', 'v: "NO"'],
  ['on', '"on"', 'v: "on"'],
  ['On', '"On"', 'v: "On"'],
  ['off', '"off"', 'v: "off"'],
  ['OFF', '"OFF"', 'v: "OFF"'],
  ['~', '"~"', 'v: "~"'],
  ['null', '"null"', 'v: "null"'],
  ['Null', '"Null"', 'v: "Null"'],
  ['NULL', '"NULL"', 'v: "NULL"'],
  ['0', '"0"', 'v: "0"'],
  ['00', '"00"', 'v: "00"'],
  ['12345', '"12345"', 'v: "12345"'],
  ['-1', '"-1"', 'v: "-1"'],
  ['+1', '"+1"', 'v: "+1"'],
  ['-0', '"-0"', 'v: "-0"'],
  ['0x1F', '"0x1F"', 'v: "0x1F"'],
  ['0X1f', '"0X1f"', 'v: "0X1f"'],
  ['0o17', '"0o17"', 'v: "0o17"'],
  ['0b101', '"0b101"', 'v: "0b101"'],
  ['-0b101', '"-0b101"', 'v: "-0b101"'],
  ['0b-1', '"0b-1"', 'v: "0b-1"'],
  ['1_000', '"1_000"', 'v: "1_000"'],
  ['1', '"1"', 'v: "1"'],
  ['1.5', '"1.5"', 'v: "1.5"'],
  ['.5', '".5"', 'v: ".5"'],
  ['-.5', '"-.5"', 'v: "-.5"'],
  ['+.5', '"+.5"', 'v: "+.5"'],
  ['0.5', '"0.5"', 'v: "0.5"'],
  ['1e+5', '"1e+5"', 'v: "1e+5"'],
  ['1.5E-10', '"1.5E-10"', 'v: "1.5E-10"'],
  ['.5_0', '".5_0"', 'v: ".5_0"'],
  ['99999999999999999999', '"99999999999999999999"', 'v: "99999999999999999999"'],
  ['18446744073709551615', '"18446744073709551615"', 'v: "18446744073709551615"'],
  ['.inf', '".inf"', 'v: ".inf"'],
  ['.Inf', '".Inf"', 'v: ".Inf"'],
  ['+.INF', '"+.INF"', 'v: "+.INF"'],
  ['-.inf', '"-.inf"', 'v: "-.inf"'],
  ['-.Inf', '"-.Inf"', 'v: "-.Inf"'],
  ['.nan', '".nan"', 'v: ".nan"'],
  ['.NaN', '".NaN"', 'v: ".NaN"'],
  ['1:20', '"1:20"', 'v: "1:20"'],
  ['190:20:30', '"190:20:30"', 'v: "190:20:30"'],
  ['-1:30', '"-1:30"', 'v: "-1:30"'],
  ['1:20.5', '"1:20.5"', 'v: "1:20.5"'],
  ['1_0:20', '"1_0:20"', 'v: "1_0:20"'],
  ['2001-12-14', '"2001-12-14"', 'v: "2001-12-14"'],
  ['2001-1-2', '"2001-1-2"', 'v: "2001-1-2"'],
  ['2000-02-29', '"2000-02-29"', 'v: "2000-02-29"'],
  ['2001-12-14T21:59:43Z', '"2001-12-14T21:59:43Z"', 'v: "2001-12-14T21:59:43Z"'],
  ['2001-12-14t21:59:43.10-05:00', '"2001-12-14t21:59:43.10-05:00"', 'v: "2001-12-14t21:59:43.10-05:00"'],
  ['2001-12-14 21:59:43.10', '"2001-12-14 21:59:43.10"', 'v: "2001-12-14 21:59:43.10"'],
  ['2001-12-14  21:59:43', '"2001-12-14  21:59:43"', 'v: "2001-12-14  21:59:43"'],
  // Single-quoted: edge spaces, indicators.
  [' ', "' '", "v: ' '"],
  [' a', "' a'", "v: ' a'"],
  ['a ', "'a '", "v: 'a '"],
  ['a: b', "'a: b'", "v: 'a: b'"],
  ['a:', "'a:'", "v: 'a:'"],
  ['a #b', "'a #b'", "v: 'a #b'"],
  ['#a', "'#a'", "v: '#a'"],
  ['- a', "'- a'", "v: '- a'"],
  ['-', "'-'", "v: '-'"],
  ['? a', "'? a'", "v: '? a'"],
  ['?', "'?'", "v: '?'"],
  [': a', "': a'", "v: ': a'"],
  [':', "':'", "v: ':'"],
  ['[a', "'[a'", "v: '[a'"],
  [']a', "']a'", "v: ']a'"],
  ['{a', "'{a'", "v: '{a'"],
  ['}a', "'}a'", "v: '}a'"],
  [',a', "',a'", "v: ',a'"],
  ['&a', "'&a'", "v: '&a'"],
  ['*a', "'*a'", "v: '*a'"],
  ['!a', "'!a'", "v: '!a'"],
  ['|a', "'|a'", "v: '|a'"],
  ['>a', "'>a'", "v: '>a'"],
  ["'a", "'''a'", "v: '''a'"],
  ['"a', '\'"a\'', 'v: \'"a\''],
  ['%a', "'%a'", "v: '%a'"],
  ['@a', "'@a'", "v: '@a'"],
  ['`a', "'`a'", "v: '`a'"],
  ['---', "'---'", "v: '---'"],
  ['...', "'...'", "v: '...'"],
  ['--- a', "'--- a'", "v: '--- a'"],
  ["'", "''''", "v: ''''"],
  ["it's: here", "'it''s: here'", "v: 'it''s: here'"],
  [' true', "' true'", "v: ' true'"],
  ['key: value', "'key: value'", "v: 'key: value'"],
  ['- item', "'- item'", "v: '- item'"],
  // Double-quoted: characters YAML cannot print plainly.
  ['a\tb', '"a\\tb"', 'v: "a\\tb"'],
  ['\t', '"\\t"', 'v: "\\t"'],
  ['a\rb', '"a\\rb"', 'v: "a\\rb"'],
  ['\u0000', '"\\0"', 'v: "\\0"'],
  ['\u0007\u0008\u000b\u000c\u001b', '"\\a\\b\\v\\f\\e"', 'v: "\\a\\b\\v\\f\\e"'],
  ['a\u007fb', '"a\\x7Fb"', 'v: "a\\x7Fb"'],
  ['\u0085', '"\\N"', 'v: "\\N"'],
  ['a\u0085b', '"a\\Nb"', 'v: "a\\Nb"'],
  ['\u00ad', '\u00ad', 'v: \u00ad'],
  ['\u{1f600}', '"\\U0001F600"', 'v: "\\U0001F600"'],
  ['a\u{1f600}b', '"a\\U0001F600b"', 'v: "a\\U0001F600b"'],
  ['\ufeff', '"\\uFEFF"', 'v: "\\uFEFF"'],
  ['a\ufeffb', '"a\\uFEFFb"', 'v: "a\\uFEFFb"'],
  ['\ufeffab c', '"\\uFEFF\\x61\\x62\\x20\\x63"', 'v: "\\uFEFF\\x61\\x62\\x20\\x63"'],
  ['"\\ \t', '"\\"\\\\ \\t"', 'v: "\\"\\\\ \\t"'],
  // A Unicode line separator allows single quotes but not plain.
  ['a\u2028b', "'a\u2028  b'", "v: 'a\u2028  b'"],
  ['a\u2029b', "'a\u2029  b'", "v: 'a\u2029  b'"],
  // Literal blocks: `|-` strips, `|` clips, `|+` keeps; an indent hint for a leading space or break.
  ['a\n', '|\n  a', 'v: |\n  a'],
  ['a\nb', '|-\n  a\n  b', 'v: |-\n  a\n  b'],
  ['a\nb\n', '|\n  a\n  b', 'v: |\n  a\n  b'],
  ['a\n\n', '|+\n  a', 'v: |+\n  a'],
  ['a\n\n\n', '|+\n  a', 'v: |+\n  a'],
  ['\n', '|2+', 'v: |2+'],
  ['\n\n', '|2+', 'v: |2+'],
  ['\na', '|2-\n\n  a', 'v: |2-\n\n  a'],
  [' a\nb', '|2-\n   a\n  b', 'v: |2-\n   a\n  b'],
  ['pew\npew\n', '|\n  pew\n  pew', 'v: |\n  pew\n  pew'],
  ['a\n\nb', '|-\n  a\n\n  b', 'v: |-\n  a\n\n  b'],
  ['a\n b', '|-\n  a\n   b', 'v: |-\n  a\n   b'],
  ['a\u2028b\nc', '|-\n  a\u2028  b\n  c', 'v: |-\n  a\u2028  b\n  c'],
  ['é\n\n', '|+\n  é', 'v: |+\n  é'],
  // Multi-line text a literal block cannot carry.
  ['a \nb', '"a \\nb"', 'v: "a \\nb"'],
  ['a\n ', '"a\\n "', 'v: "a\\n "'],
  ['a\tb\nc', '"a\\tb\\nc"', 'v: "a\\tb\\nc"'],
  ['a\r\nb\r\n', '"a\\r\\nb\\r\\n"', 'v: "a\\r\\nb\\r\\n"'],
  ['\u{1f600}\n', '"\\U0001F600\\n"', 'v: "\\U0001F600\\n"'],
  // Beyond column 80 a space becomes a line break.
  [
    words(30),
    'word word word word word word word word word word word word word word word word word\n' +
      '  word word word word word word word word word word word word word',
    'v: word word word word word word word word word word word word word word word word\n' +
      '  word word word word word word word word word word word word word word',
  ],
  [
    words(30, 'longerword'),
    'longerword longerword longerword longerword longerword longerword longerword longerword\n' +
      '  longerword longerword longerword longerword longerword longerword longerword longerword\n' +
      '  longerword longerword longerword longerword longerword longerword longerword longerword\n' +
      '  longerword longerword longerword longerword longerword longerword',
    'v: longerword longerword longerword longerword longerword longerword longerword longerword\n' +
      '  longerword longerword longerword longerword longerword longerword longerword longerword\n' +
      '  longerword longerword longerword longerword longerword longerword longerword longerword\n' +
      '  longerword longerword longerword longerword longerword longerword',
  ],
  [
    'x'.repeat(100),
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'v: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  ],
  [
    'x'.repeat(100) + ' ' + 'y'.repeat(10),
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' +
      '  yyyyyyyyyy',
    'v: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' +
      '  yyyyyyyyyy',
  ],
  [
    'x'.repeat(79) + ' y z',
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y\n  z',
    'v: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' +
      '  y z',
  ],
  [
    'x'.repeat(80) + ' y z',
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y\n  z',
    'v: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' +
      '  y z',
  ],
  [
    'x'.repeat(81) + ' y z',
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n  y z',
    'v: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' +
      '  y z',
  ],
  [
    words(20, 'ab '),
    "'ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab '",
    "v: 'ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab '",
  ],
  [
    ' ' + words(30),
    "' word word word word word word word word word word word word word word word word\n" +
      "  word word word word word word word word word word word word word word'",
    "v: ' word word word word word word word word word word word word word word word word\n" +
      "  word word word word word word word word word word word word word word'",
  ],
  [
    words(30) + ' ',
    "'word word word word word word word word word word word word word word word word word\n" +
      "  word word word word word word word word word word word word word '",
    "v: 'word word word word word word word word word word word word word word word word\n" +
      "  word word word word word word word word word word word word word word '",
  ],
  [
    "it's " + words(30),
    "it's word word word word word word word word word word word word word word word word\n" +
      '  word word word word word word word word word word word word word word',
    "v: it's word word word word word word word word word word word word word word word\n" +
      '  word word word word word word word word word word word word word word word',
  ],
  [
    'true ' + words(30) + '\t',
    '"true word word word word word word word word word word word word word word word word\n' +
      '  word word word word word word word word word word word word word word\\t"',
    'v: "true word word word word word word word word word word word word word word word\n' +
      '  word word word word word word word word word word word word word word word\\t"',
  ],
  [
    words(30) + '\nnext line',
    '|-\n' +
      '  word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n' +
      '  next line',
    'v: |-\n' +
      '  word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n' +
      '  next line',
  ],
];

t.test('yaml strings: style, quoting, escapes, literal blocks and folding', async (t) => {
  for (const [input, root, asValue] of scalars) {
    t.equal(yaml(input), root, `root ${show(input)}`);
    t.equal(yaml({ v: input }), asValue, `value ${show(input)}`);
  }
});

// A string as a map key: multi-line keys and keys over 128 bytes take the `? key` form.
const keys: Array<[string, string]> = [
  ['', '"": v'],
  ['y', '"y": v'],
  ['true', '"true": v'],
  ['1', '"1": v'],
  ['a b', 'a b: v'],
  ['a: b', "'a: b': v"],
  ['-', "'-': v"],
  ['a\nb', '? |-\n  a\n  b\n: v'],
  ['a\tb', '"a\\tb": v'],
  ['é', 'é: v'],
  ['\u{1f600}', '"\\U0001F600": v'],
  [' a', "' a': v"],
  [
    'k'.repeat(128),
    'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: v',
  ],
  [
    'k'.repeat(129),
    '? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n' +
      ': v',
  ],
  [
    words(30),
    '? word word word word word word word word word word word word word word word word\n' +
      '  word word word word word word word word word word word word word word\n' +
      ': v',
  ],
  ['é'.repeat(65), '? ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\n: v'],
];

t.test('yaml map keys', async (t) => {
  for (const [key, want] of keys) t.equal(yaml({ [key]: 'v' }), want, show(key));
});

const numbers: Array<[GoValue, string, string | { error: string }]> = [
  [0, '0', '0'],
  [45, '45', '45'],
  [-7, '-7', '-7'],
  [2 ** 53, '9007199254740992', '9007199254740992'],
  [0.5, '0.5', '0.5'],
  [new GoFloat(0), '0', '0'],
  [new GoFloat(-0), '-0', '-0'],
  [new GoFloat(1), '1', '1'],
  [new GoFloat(-1), '-1', '-1'],
  [new GoFloat(0.5), '0.5', '0.5'],
  [new GoFloat(1.5), '1.5', '1.5'],
  [new GoFloat(100000), '100000', '100000'],
  [new GoFloat(999999), '999999', '999999'],
  [new GoFloat(1e6), '1e+06', '1000000'],
  [new GoFloat(1234567), '1.234567e+06', '1234567'],
  [new GoFloat(12345678.9), '1.23456789e+07', '12345678.9'],
  [new GoFloat(1e20), '1e+20', '100000000000000000000'],
  [new GoFloat(1e21), '1e+21', '1e+21'],
  [new GoFloat(1e-4), '0.0001', '0.0001'],
  [new GoFloat(1e-5), '1e-05', '0.00001'],
  [new GoFloat(1.5e-5), '1.5e-05', '0.000015'],
  [new GoFloat(1e-6), '1e-06', '0.000001'],
  [new GoFloat(1e-7), '1e-07', '1e-7'],
  [new GoFloat(-1e-7), '-1e-07', '-1e-7'],
  [new GoFloat(123.456), '123.456', '123.456'],
  [new GoFloat(1 / 3), '0.3333333333333333', '0.3333333333333333'],
  [new GoFloat(0.1 + 0.2), '0.30000000000000004', '0.30000000000000004'],
  [new GoFloat(1e100), '1e+100', '1e+100'],
  [new GoFloat(5e-324), '5e-324', '5e-324'],
  [new GoFloat(Number.MAX_VALUE), '1.7976931348623157e+308', '1.7976931348623157e+308'],
  [new GoFloat(NaN), '.nan', { error: 'json: unsupported value: NaN' }],
  [new GoFloat(Infinity), '.inf', { error: 'json: unsupported value: +Inf' }],
  [new GoFloat(-Infinity), '-.inf', { error: 'json: unsupported value: -Inf' }],
];

t.test('numbers: ints as ints, Go floats in yaml (%g) and json', async (t) => {
  for (const [value, wantYaml, wantJson] of numbers) {
    t.equal(yaml(value), wantYaml, `yaml ${String(value instanceof GoFloat ? value.value : value)}`);
    if (typeof wantJson === 'string') t.equal(json(value), wantJson);
    else t.throws(() => json(value), { message: wantJson.error });
  }
});

// yaml, then json.
const structures: Array<[GoValue, string, string]> = [
  [[], '[]', '[]'],
  [{}, '{}', '{}'],
  [[[]], '- []', '[[]]'],
  [[{}], '- {}', '[{}]'],
  [{ a: [] }, 'a: []', '{"a":[]}'],
  [{ a: {} }, 'a: {}', '{"a":{}}'],
  [{ a: null }, 'a: null', '{"a":null}'],
  [[null], '- null', '[null]'],
  [['a', 'b'], '- a\n- b', '["a","b"]'],
  [[['a', 'b'], ['c']], '- - a\n  - b\n- - c', '[["a","b"],["c"]]'],
  [[[[1]]], '- - - 1', '[[[1]]]'],
  [[{ a: 1, b: 2 }, { c: 3 }], '- a: 1\n  b: 2\n- c: 3', '[{"a":1,"b":2},{"c":3}]'],
  [{ a: [1, 2] }, 'a:\n- 1\n- 2', '{"a":[1,2]}'],
  [{ a: { b: { c: 'd' } } }, 'a:\n  b:\n    c: d', '{"a":{"b":{"c":"d"}}}'],
  [{ a: [{ b: [1] }] }, 'a:\n- b:\n  - 1', '{"a":[{"b":[1]}]}'],
  [{ a: ['x\ny', 'z'] }, 'a:\n- |-\n  x\n  y\n- z', '{"a":["x\\ny","z"]}'],
  [[['x\ny']], '- - |-\n    x\n    y', '[["x\\ny"]]'],
  [[{ a: 'x\ny' }], '- a: |-\n    x\n    y', '[{"a":"x\\ny"}]'],
  [{ list: [[1, 2], [3]] }, 'list:\n- - 1\n  - 2\n- - 3', '{"list":[[1,2],[3]]}'],
  [{ 'k\nk': [1] }, '? |-\n  k\n  k\n: - 1', '{"k\\nk":[1]}'],
  [
    { ['k'.repeat(129)]: [1, { b: 2 }] },
    '? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n' +
      ': - 1\n' +
      '  - b: 2',
    '{"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk":[1,{"b":2}]}',
  ],
  [
    { ['k'.repeat(129)]: 'v' },
    '? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n' +
      ': v',
    '{"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk":"v"}',
  ],
  [
    { [words(30)]: { a: 1 } },
    '? word word word word word word word word word word word word word word word word\n' +
      '  word word word word word word word word word word word word word word\n' +
      ': a: 1',
    '{"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word":{"a":1}}',
  ],
  [
    { b: 1, a: 2, c: { z: true, y: false } },
    'a: 2\nb: 1\nc:\n  "y": false\n  z: true',
    '{"a":2,"b":1,"c":{"y":false,"z":true}}',
  ],
  [
    new GoStruct([['zeta', 1], ['alpha', []], ['m', {}]]),
    'zeta: 1\nalpha: []\nm: {}',
    '{"zeta":1,"alpha":[],"m":{}}',
  ],
  [new GoStruct([]), '{}', '{}'],
  [
    new GoStruct([['name', 'u/0'], ['data', { b: 1, a: 2 }], ['items', [new GoStruct([['x', null]])]]]),
    'name: u/0\ndata:\n  a: 2\n  b: 1\nitems:\n- x: null',
    '{"name":"u/0","data":{"a":2,"b":1},"items":[{"x":null}]}',
  ],
  [
    { a10: 1, a2: 2, a1: 3, b: 4, B: 5, _x: 6, '-x': 7, x: 8, 'unit/10': 9, 'unit/9': 10, é: 11, '': 12, '10': 13, '9': 14, 'a-b': 15, a_b: 16, ab: 17 },
    '"": 12\n' +
      '-x: 7\n' +
      '_x: 6\n' +
      '"9": 14\n' +
      '"10": 13\n' +
      'B: 5\n' +
      'a-b: 15\n' +
      'a_b: 16\n' +
      'a1: 3\n' +
      'a2: 2\n' +
      'a10: 1\n' +
      'ab: 17\n' +
      'b: 4\n' +
      'unit/9: 10\n' +
      'unit/10: 9\n' +
      'x: 8\n' +
      'é: 11',
    '{"":12,"-x":7,"10":13,"9":14,"B":5,"_x":6,"a-b":15,"a1":3,"a10":1,"a2":2,"a_b":16,"ab":17,"b":4,"unit/10":9,"unit/9":10,"x":8,"é":11}',
  ],
];

t.test('maps, structs and sequences', async (t) => {
  for (const [value, wantYaml, wantJson] of structures) {
    t.equal(yaml(value), wantYaml, wantJson);
    t.equal(json(value), wantJson);
  }
});

const jsonCases: Array<[GoValue, string]> = [
  ['', '""'],
  ['a"b\\c', '"a\\"b\\\\c"'],
  ['<a href="x">&</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'],
  ['\u2028\u2029', '"\\u2028\\u2029"'],
  ['\x00\x01\x1f\x7f', '"\\u0000\\u0001\\u001f\u007f"'],
  ['\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
  ['é😀', '"é\u{1f600}"'],
  ['\ud800', '"�"'],
  [{ b: 1, a: [true, false, null] }, '{"a":[true,false,null],"b":1}'],
  [{ é: 1, z: 2, Z: 3, a: 4, '😀': 5, '\uffff': 6 }, '{"Z":3,"a":4,"z":2,"é":1,"￿":6,"\u{1f600}":5}'],
  [null, 'null'],
  [true, 'true'],
  [[], '[]'],
  [{}, '{}'],
  [[['a'], {}], '[["a"],{}]'],
  [new GoStruct([['z', 1], ['a', new GoStruct([['y', '<']])]]), '{"z":1,"a":{"y":"\\u003c"}}'],
];

t.test('json: escapes, HTML escaping, byte-order keys', async (t) => {
  for (const [value, want] of jsonCases) t.equal(json(value), want);
});

const smartCases: Array<[GoValue, string]> = [
  [null, ''],
  ['', ''],
  ['text', 'text'],
  ['a\n', 'a\n'],
  ['pew\npew\n', 'pew\npew\n'],
  [true, 'True'],
  [false, 'False'],
  [[], ''],
  [['a', 'b'], 'a\nb'],
  [[''], ''],
  [['', ''], '\n'],
  [['a\n', 'b'], 'a\n\nb'],
  [[1, 'a'], '- 1\n- a'],
  [45, '45'],
  [new GoFloat(1.5), '1.5'],
  [{ a: 'b' }, 'a: b'],
  [{}, '{}'],
  [[[]], '- []'],
  ['true', 'true'],
  [' padded ', ' padded '],
];

t.test('smart', async (t) => {
  for (const [value, want] of smartCases) t.equal(formatSmart(value).toString(), want, show(value));
});

t.test('a nil value prints nothing in yaml', async (t) => {
  t.equal(formatYaml(null).length, 0);
  t.equal(formatYaml(undefined).length, 0);
  t.equal(json(undefined), 'null');
});

interface Recorded {
  io: ToolIO;
  stdout: () => string;
}

/** A ToolIO whose client writes -o files on disk at once. */
function recordingIO(dir = '/nonexistent'): Recorded {
  const io = fakeIO({ dir });
  return { io, stdout: io.out };
}

/** Output.write after parsing `args` into its flags. */
function written(value: GoValue, args: string[], output = new Output()): string {
  const f = new FlagSet('tool');
  output.addFlags(f);
  f.parse(args);
  const rec = recordingIO();
  output.write(rec.io, value);
  return rec.stdout();
}

// What a tool prints for a value under each --format (the newline comes from Output.write).
const printed: Array<{ name: string; value: GoValue; smart: string; yaml: string; json: string }> = [
  { name: 'string with newlines', value: 'pew\npew\n', smart: 'pew\npew\n\n', yaml: '|\n  pew\n  pew\n', json: '"pew\\npew\\n"\n' },
  { name: 'map of one multi-line value', value: { pew: 'pew\npew\n' }, smart: 'pew: |\n  pew\n  pew\n', yaml: 'pew: |\n  pew\n  pew\n', json: '{"pew":"pew\\npew\\n"}\n' },
  { name: 'number-like string', value: '12345', smart: '12345\n', yaml: '"12345"\n', json: '"12345"\n' },
  { name: 'number-like string in a map', value: { value: '12345' }, smart: 'value: "12345"\n', yaml: 'value: "12345"\n', json: '{"value":"12345"}\n' },
  { name: 'missing (nil)', value: null, smart: '', yaml: '', json: 'null\n' },
  { name: 'empty string', value: '', smart: '', yaml: '""\n', json: '""\n' },
  { name: 'false', value: false, smart: 'False\n', yaml: 'false\n', json: 'false\n' },
  { name: 'true', value: true, smart: 'True\n', yaml: 'true\n', json: 'true\n' },
  { name: 'int', value: 45, smart: '45\n', yaml: '45\n', json: '45\n' },
  { name: 'empty list', value: [], smart: '', yaml: '[]\n', json: '[]\n' },
  { name: 'list of strings', value: ['db:10', 'db:2'], smart: 'db:10\ndb:2\n', yaml: '- db:10\n- db:2\n', json: '["db:10","db:2"]\n' },
  { name: 'empty map', value: {}, smart: '{}\n', yaml: '{}\n', json: '{}\n' },
  {
    name: 'relation data',
    value: { 'private-address': '10.0.0.2', 'ingress-address': '10.0.0.2', 'egress-subnets': '10.0.0.2/32' },
    smart: 'egress-subnets: 10.0.0.2/32\ningress-address: 10.0.0.2\nprivate-address: 10.0.0.2\n',
    yaml: 'egress-subnets: 10.0.0.2/32\ningress-address: 10.0.0.2\nprivate-address: 10.0.0.2\n',
    json: '{"egress-subnets":"10.0.0.2/32","ingress-address":"10.0.0.2","private-address":"10.0.0.2"}\n',
  },
];

t.test('Output.write per format', async (t) => {
  for (const c of printed) {
    t.equal(written(c.value, []), c.smart, `${c.name}: default (smart)`);
    for (const format of ['smart', 'yaml', 'json'] as const) {
      t.equal(written(c.value, ['--format', format]), c[format], `${c.name}: ${format}`);
    }
  }
});

t.test('Output flags', async (t) => {
  const f = new FlagSet('tool');
  new Output().addFlags(f);
  t.equal(
    f.defaults(),
    '--format  (= smart)\n    Specify output format (json|smart|yaml)\n-o, --output (= "")\n    Specify an output file\n',
  );
  t.throws(() => f.parse(['--format', 'xml']), { message: 'invalid value "xml" for option --format: unknown format "xml"' });
  t.throws(() => f.parse(['--format=']), { message: 'invalid value "" for option --format: unknown format ""' });

  const narrow = new FlagSet('tool');
  const output = new Output('json', ['yaml', 'json'] as FormatName[]);
  output.addFlags(narrow);
  t.match(narrow.defaults(), /^--format {2}\(= json\)\n {4}Specify output format \(json\|yaml\)\n/);
  t.throws(() => narrow.parse(['--format=smart']), { message: 'invalid value "smart" for option --format: unknown format "smart"' });
  t.equal(written(true, [], output), 'true\n');
});

t.test('Output.name is the chosen format (Output.Name())', async (t) => {
  for (const [args, defaultFormat, want] of [
    [[], 'smart', 'smart'],
    [[], 'yaml', 'yaml'],
    [['--format=json'], 'smart', 'json'],
    [['--format', 'yaml'], 'json', 'yaml'],
    [['--format=json', '--format=smart'], 'yaml', 'smart'],
  ] as const) {
    const f = new FlagSet('tool');
    const output = new Output(defaultFormat);
    output.addFlags(f);
    f.parse([...args]);
    t.equal(output.name, want, `${defaultFormat} default, ${JSON.stringify(args)}`);
  }
});

t.test('-o writes the file relative to the caller, not stdout', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'format-test-'));
  for (const [args, file, want] of [
    [['-o', 'out.json', '--format=json'], 'out.json', '{"a":"b"}\n'],
    [['--output=rel.yaml', '--format', 'yaml'], 'rel.yaml', 'a: b\n'],
    [['-o', join(dir, 'abs.txt')], 'abs.txt', 'a: b\n'],
  ] as const) {
    const f = new FlagSet('tool');
    const output = new Output();
    output.addFlags(f);
    f.parse([...args]);
    const rec = recordingIO(dir);
    output.write(rec.io, { a: 'b' });
    t.equal(rec.stdout(), '', `${file}: nothing on stdout`);
    t.equal(readFileSync(join(dir, file), 'utf8'), want, file);
  }

  // Nothing to print still creates (and truncates) the file, as os.Create does.
  const f = new FlagSet('tool');
  const output = new Output();
  output.addFlags(f);
  f.parse(['-o', 'out.json']);
  output.write(recordingIO(dir).io, null);
  t.equal(readFileSync(join(dir, 'out.json'), 'utf8'), '');

  // An absolute path is cleaned before the file is created, as AbsPath's NormalizePath does:
  // `missing/..` is dropped, so the missing directory does not matter.
  const cleaned = new FlagSet('tool');
  const cleanedOutput = new Output();
  cleanedOutput.addFlags(cleaned);
  cleaned.parse(['-o', `${dir}/missing/../cleaned.txt`]);
  cleanedOutput.write(recordingIO(dir).io, 'x');
  t.equal(readFileSync(join(dir, 'cleaned.txt'), 'utf8'), 'x\n');

  const bad = new FlagSet('tool');
  const badOutput = new Output();
  badOutput.addFlags(bad);
  bad.parse(['-o', 'missing/x']);
  t.throws(() => badOutput.write(recordingIO(dir).io, 'x'), {
    message: `open ${join(dir, 'missing/x')}: no such file or directory`,
  });
  t.notOk(existsSync(join(dir, 'missing')));

  const nan = new FlagSet('tool');
  const nanOutput = new Output();
  nanOutput.addFlags(nan);
  nan.parse(['-o', 'nan.json', '--format=json']);
  t.throws(() => nanOutput.write(recordingIO(dir).io, new GoFloat(NaN)), { message: 'json: unsupported value: NaN' });
  t.equal(readFileSync(join(dir, 'nan.json'), 'utf8'), '', 'the file was created before formatting failed');
});
