import t from 'tap';
import { parseKeyValues } from '../../hooktools/keyvalues.js';

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
