import t from 'tap';
import { goTrimSpace, parseKeyValues } from '../../hooktools/keyvalues.js';

const cases: Array<{ args: string[]; allowEmpty?: boolean; want?: Record<string, string>; error?: string }> = [
  { args: [], want: {} },
  { args: ['a=b'], want: { a: 'b' } },
  { args: ['a=b=c'], want: { a: 'b=c' } },
  { args: ['', 'a=1', ''], want: { a: '1' } },
  { args: [' a = b '], want: { a: 'b' } },
  { args: ['k=v\n\n'], want: { k: 'v' } },
  { args: ['k=\t line one\nline two \r\n'], want: { k: 'line one\nline two' } },
  { args: ['k='], want: { k: '' } },
  { args: ['k=   '], want: { k: '' } },
  { args: ['a=1', 'b=2', 'c='], want: { a: '1', b: '2', c: '' } },
  // Go's TrimSpace trims U+0085 and U+00A0 but not U+FEFF.
  { args: ['k=\u0085v\u00a0'], want: { k: 'v' } },
  { args: ['k=\ufeffv'], want: { k: '\ufeffv' } },
  { args: ['foo'], error: 'expected "key=value", got "foo"' },
  { args: ['a=1', 'haha'], error: 'expected "key=value", got "haha"' },
  { args: ['tab\tno equals'], error: 'expected "key=value", got "tab\\tno equals"' },
  { args: ['=haha'], error: 'expected "key=value", got "=haha"' },
  { args: ['  = haha '], error: 'expected "key=value", got "=haha"' },
  { args: ['='], error: 'expected "key=value", got "="' },
  { args: ['a=1', 'a=2'], error: 'key "a" specified more than once' },
  { args: ['a=1', ' a =2'], error: 'key "a" specified more than once' },
  { args: ['q"=1', 'q"=2'], error: 'key "q\\"" specified more than once' },
  { args: ['k='], allowEmpty: false, error: 'expected "key=value", got "k="' },
  { args: ['k=  '], allowEmpty: false, error: 'expected "key=value", got "k="' },
  { args: ['a=1', 'k=v'], allowEmpty: false, want: { a: '1', k: 'v' } },
];

t.test('parseKeyValues', async (t) => {
  for (const c of cases) {
    const name = JSON.stringify(c.args);
    if (c.error !== undefined) {
      t.throws(() => parseKeyValues(c.args, c.allowEmpty ?? true), { message: c.error }, name);
      continue;
    }
    const got = parseKeyValues(c.args, c.allowEmpty ?? true);
    t.same(Object.entries(got), Object.entries(c.want!), name);
  }
});

t.test('__proto__ is kept as a key, not a prototype', async (t) => {
  const got = parseKeyValues(['__proto__=x'], true);
  t.ok(Object.hasOwn(got, '__proto__'));
  t.equal(got['__proto__'], 'x');
  t.equal(Object.getPrototypeOf(got), Object.prototype);
});

// Go's unicode.IsSpace: the Latin-1 six plus U+0085 and U+00A0, then Unicode's White_Space.
const goSpaces = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

t.test('goTrimSpace trims exactly what Go trims, for every BMP code point', async (t) => {
  const wrong: string[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    const c = String.fromCharCode(code);
    const want = goSpaces.includes(code) ? 'a' : `${c}a${c}`;
    if (goTrimSpace(`${c}a${c}`) !== want) wrong.push(code.toString(16));
  }
  t.same(wrong, []);
});

t.test('goTrimSpace', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['empty', '', ''],
    ['only spaces', ' \t\n\u3000 ', ''],
    ['inner spaces are kept', ' a \t b ', 'a \t b'],
    ['U+FEFF is not space in Go', '\ufeffa\ufeff', '\ufeffa\ufeff'],
    ['U+180E is not space since Unicode 6.3', '\u180ea', '\u180ea'],
    ['U+200B is not space', '\u200ba\u200b', '\u200ba\u200b'],
    ['U+001C..U+001F are not space in Go (they are in Python)', '\u001ca\u001f', '\u001ca\u001f'],
    ['a surrogate pair at an edge is kept whole', ' \u{1F984} ', '\u{1F984}'],
    ['mixed Unicode spaces at both ends', '\u0085\u00a0\u2028a\u2029\u202f\u205f', 'a'],
  ];
  for (const [name, input, want] of cases) t.equal(goTrimSpace(input), want, name);
});

// The old anchored regex backtracked quadratically here: 15 s for 100,000 spaces, while the
// hook and every other tool call waited. A timeout fails the test even when the work is synchronous.
t.test('100,000 inner spaces are kept, and trimming them is not quadratic', { timeout: 5000 }, async (t) => {
  const spaces = ' '.repeat(100_000);
  const got = parseKeyValues([`k=x${spaces}x`, `a${spaces}b=${spaces}v${spaces}`], true);
  t.same(Object.entries(got), [
    ['k', `x${spaces}x`],
    [`a${spaces}b`, 'v'],
  ]);
});
