import t from 'tap';
import { FlagSet, goParseBool, goParseInt, goQuote, goQuoteList, type FlagValue } from '../../core/gnuflag.js';

/** A value with its own parsing, like the relation id of the relation tools. */
class PickyValue implements FlagValue {
  constructor(public value: string) {}
  set(text: string): void {
    if (text === 'bad') throw new Error('bad value');
    this.value = text;
  }
  toString(): string {
    return this.value;
  }
}

function flagSet() {
  const f = new FlagSet('tool');
  const values = {
    r: f.string(['r', 'relation'], 'db:1', 'Specify a relation by id'),
    a: f.bool(['a', 'all'], false, 'all'),
    b: f.bool(['b'], false, 'b'),
    n: f.int(['n'], 3, 'n'),
    format: f.var(['format'], new PickyValue('smart'), 'format'),
  };
  return { f, values };
}

const defaults: Record<string, string> = { r: 'db:1', a: 'false', b: 'false', n: '3', format: 'smart' };

interface Case {
  args: string[];
  positional?: string[];
  /** Values that differ from the defaults. */
  set?: Record<string, string>;
  error?: string;
  help?: boolean;
}

const cases: Case[] = [
  { args: ['-r', '3'], positional: [], set: { r: '3' } },
  { args: ['-r3'], positional: [], set: { r: '3' } },
  { args: ['-r=3'], positional: [], set: { r: '=3' } },
  { args: ['--relation', 'db:2'], positional: [], set: { r: 'db:2' } },
  { args: ['--relation=db:2'], positional: [], set: { r: 'db:2' } },
  { args: ['--relation='], positional: [], set: { r: '' } },
  { args: ['--relation=a=b'], positional: [], set: { r: 'a=b' } },
  { args: ['-relation'], positional: [], set: { r: 'elation' } },
  { args: ['--r', '4'], positional: [], set: { r: '4' } },
  { args: ['x', '-r', '3', 'y'], positional: ['x', 'y'], set: { r: '3' } },
  { args: ['--', '-r', '3'], positional: ['-r', '3'] },
  { args: ['-', '-r', '3'], positional: ['-'], set: { r: '3' } },
  { args: [''], positional: [''] },
  { args: ['-r', '-h'], positional: [], set: { r: '-h' } },
  { args: ['-r', '--'], positional: [], set: { r: '--' } },
  { args: ['-r', ''], positional: [], set: { r: '' } },
  { args: ['-a'], positional: [], set: { a: 'true' } },
  { args: ['--all'], positional: [], set: { a: 'true' } },
  { args: ['--all=false'], positional: [] },
  { args: ['--all=True'], positional: [], set: { a: 'true' } },
  { args: ['--all=1'], positional: [], set: { a: 'true' } },
  { args: ['--all=t'], positional: [], set: { a: 'true' } },
  { args: ['--all=F'], positional: [] },
  { args: ['--all', 'false'], positional: ['false'], set: { a: 'true' } },
  { args: ['-ab'], positional: [], set: { a: 'true' } },
  { args: ['-ba', 'x'], positional: ['x'], set: { a: 'true', b: 'true' } },
  { args: ['-an', '5'], positional: [], set: { a: 'true', n: '5' } },
  { args: ['-an5'], positional: [], set: { a: 'true' } },
  { args: ['-an5', 'x'], positional: ['x'], set: { a: 'true', n: '5' } },
  { args: ['-abr', 'x'], positional: [], set: { a: 'true', b: 'true', r: 'x' } },
  { args: ['-abrx', 'y'], positional: ['y'], set: { a: 'true', b: 'true', r: 'x' } },
  { args: ['-ar'], positional: [], set: { a: 'true' } },
  { args: ['-ab', '--'], positional: [], set: { a: 'true', b: 'true' } },
  { args: ['-ax'], positional: [], set: { a: 'true' } },
  { args: ['-a=false'], error: 'invalid value "=false" for option -a: strconv.ParseBool: parsing "=false": invalid syntax' },
  { args: ['--all=maybe'], error: 'invalid value "maybe" for option --all: strconv.ParseBool: parsing "maybe": invalid syntax' },
  { args: ['--all='], error: 'invalid value "" for option --all: strconv.ParseBool: parsing "": invalid syntax' },
  { args: ['-n', 'x'], error: 'invalid value "x" for option -n: strconv.ParseInt: parsing "x": invalid syntax' },
  { args: ['-n', '99999999999999999999'], error: 'invalid value "99999999999999999999" for option -n: strconv.ParseInt: parsing "99999999999999999999": value out of range' },
  { args: ['-n', '0x10'], positional: [], set: { n: '16' } },
  { args: ['-n', '1_000'], positional: [], set: { n: '1000' } },
  { args: ['-n', '010'], positional: [], set: { n: '8' } },
  { args: ['-n', '-0b11'], positional: [], set: { n: '-3' } },
  { args: ['-n', '_1'], error: 'invalid value "_1" for option -n: strconv.ParseInt: parsing "_1": invalid syntax' },
  { args: ['-n', '08'], error: 'invalid value "08" for option -n: strconv.ParseInt: parsing "08": invalid syntax' },
  { args: ['-n7'], positional: [], set: { n: '7' } },
  { args: ['--foo'], error: 'option provided but not defined: --foo' },
  { args: ['--foo=1'], error: 'option provided but not defined: --foo' },
  { args: ['-x'], error: 'option provided but not defined: -x' },
  { args: ['--x'], error: 'option provided but not defined: -x' },
  { args: ['-é'], error: 'option provided but not defined: --é' },
  { args: ['---'], error: 'option provided but not defined: --' },
  { args: ['-r'], error: 'option needs an argument: -r' },
  { args: ['--relation'], error: 'option needs an argument: --relation' },
  { args: ['x', '-n'], error: 'option needs an argument: -n' },
  { args: ['--=x'], error: 'empty option in argument "--=x"' },
  { args: ['--format', 'bad'], error: 'invalid value "bad" for option --format: bad value' },
  { args: ['--format=json'], positional: [], set: { format: 'json' } },
  { args: ['-h'], help: true },
  { args: ['--help'], help: true },
  { args: ['-r', '3', '-h', '--foo'], help: true },
  { args: ['--foo', '-h'], error: 'option provided but not defined: --foo' },
  { args: ['-ah'], positional: [], set: { a: 'true' } },
  { args: ['-help'], help: true },
  { args: ['--help=1'], help: true },
  { args: ['x', '--help', 'y'], help: true },
];

t.test('parse', async (t) => {
  for (const c of cases) {
    const { f, values } = flagSet();
    const name = JSON.stringify(c.args);
    if (c.error !== undefined) {
      t.throws(() => f.parse(c.args), { message: c.error }, name);
      continue;
    }
    const positional = f.parse(c.args);
    t.equal(f.helpRequested, c.help === true, `${name} help`);
    if (c.help) continue;
    t.same(positional, c.positional, `${name} positional`);
    const got = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v.value)]));
    t.same(got, { ...defaults, ...c.set }, `${name} values`);
  }
});

t.test('help is forgotten by the next parse', async (t) => {
  const { f } = flagSet();
  f.parse(['-h']);
  t.equal(f.helpRequested, true);
  f.parse([]);
  t.equal(f.helpRequested, false);
});

t.test('defaults: grouped names, quoted string defaults, sorted by first name', async (t) => {
  t.equal(
    flagSet().f.defaults(),
    '-a, --all  (= false)\n' +
      '    all\n' +
      '-b  (= false)\n' +
      '    b\n' +
      '--format  (= smart)\n' +
      '    format\n' +
      '-n  (= 3)\n' +
      '    n\n' +
      '-r, --relation (= "db:1")\n' +
      '    Specify a relation by id\n',
  );

  // The layout of a relation tool's help: a custom relation value shows its default unquoted.
  const f = new FlagSet('relation-get');
  f.bool(['app'], false, 'Get the relation data for the application');
  f.var(['format'], new PickyValue('smart'), 'Specify output format (json|smart|yaml)');
  f.string(['o', 'output'], '', 'Specify an output file');
  f.var(['r', 'relation'], new PickyValue('db:1'), 'Specify a relation by id');
  t.equal(
    f.defaults(),
    '--app  (= false)\n' +
      '    Get the relation data for the application\n' +
      '--format  (= smart)\n' +
      '    Specify output format (json|smart|yaml)\n' +
      '-o, --output (= "")\n' +
      '    Specify an output file\n' +
      '-r, --relation  (= db:1)\n' +
      '    Specify a relation by id\n',
  );

  // The default is what the value said when declared, and %q escapes it.
  const later = new FlagSet('tool');
  const ref = later.string(['file'], 'a"b\n', 'usage');
  ref.value = 'changed';
  t.equal(later.defaults(), '--file (= "a\\"b\\n")\n    usage\n');
  t.equal(new FlagSet('none').defaults(), '');
});

t.test('a name cannot be declared twice', async (t) => {
  const f = new FlagSet('tool');
  f.bool(['app'], false, '');
  t.throws(() => f.string(['app'], '', ''));
});

t.test('a bool value that rejects its implicit true', async (t) => {
  const f = new FlagSet('tool');
  f.var(['x'], { isBool: true, set: () => { throw new Error('no'); }, toString: () => 'false' }, '');
  t.throws(() => f.parse(['-x']), { message: 'invalid boolean option x: no' });
});

t.test('goParseBool', async (t) => {
  for (const s of ['1', 't', 'T', 'TRUE', 'true', 'True']) t.equal(goParseBool(s), true, s);
  for (const s of ['0', 'f', 'F', 'FALSE', 'false', 'False']) t.equal(goParseBool(s), false, s);
  for (const s of ['', 'yes', 'tRUE', ' true']) {
    t.throws(() => goParseBool(s), { message: `strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax` }, s);
  }
});

t.test('goParseInt', async (t) => {
  const good: Array<[string, bigint]> = [
    ['0', 0n],
    ['-0', 0n],
    ['+5', 5n],
    ['0x1F', 31n],
    ['0X1f', 31n],
    ['0o17', 15n],
    ['017', 15n],
    ['0b101', 5n],
    ['1_000', 1000n],
    ['0x_1', 1n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
  ];
  for (const [s, want] of good) t.equal(goParseInt(s), want, s);
  const bad: Array<[string, string]> = [
    ['', 'invalid syntax'],
    ['-', 'invalid syntax'],
    ['0x', 'invalid syntax'],
    ['08', 'invalid syntax'],
    ['1__0', 'invalid syntax'],
    ['_1', 'invalid syntax'],
    ['1_', 'invalid syntax'],
    ['1.5', 'invalid syntax'],
    ['9223372036854775808', 'value out of range'],
    ['-9223372036854775809', 'value out of range'],
    ['99999999999999999999x', 'value out of range'],
  ];
  for (const [s, why] of bad) {
    t.throws(() => goParseInt(s), { message: `strconv.ParseInt: parsing ${goQuote(s)}: ${why}` }, s);
  }
  t.equal(goParseInt('101', 2), 5n);
  t.throws(() => goParseInt('1_0', 10), { message: 'strconv.ParseInt: parsing "1_0": invalid syntax' });
});

t.test('goQuote is Go %q', async (t) => {
  const quoted: Array<[string, string]> = [
    ['abc', '"abc"'],
    ['a"b\\', '"a\\"b\\\\"'],
    ['\t\n\r\u0007\b\f\v', '"\\t\\n\\r\\a\\b\\f\\v"'],
    ['\u0000\u001f\u007f', '"\\x00\\x1f\\x7f"'],
    ['é日本', '"é日本"'],
    ['\u00a0\u00ad\u0085', '"\\u00a0\\u00ad\\u0085"'],
    ['\u200b\u2028\ufeff', '"\\u200b\\u2028\\ufeff"'],
    ['\u{1f600}', '"\u{1f600}"'],
    ['\u{e0001}\u{10ffff}', '"\\U000e0001\\U0010ffff"'],
    ['\ud800', '"\ufffd"'],
  ];
  for (const [s, want] of quoted) t.equal(goQuote(s), want, want);
  t.equal(goQuoteList(['a', 'b c', '"']), '["a" "b c" "\\""]');
  t.equal(goQuoteList([]), '[]');
});
