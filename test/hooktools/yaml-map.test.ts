// unmarshalStringMap's defences: alias expansion is bounded as yaml.v2 bounds it. (What the
// documents mean is tested through relation-set and state-set, whose --file reads them.)
import t from 'tap';
import { unmarshalStringMap } from '../../hooktools/yaml-map.js';

const unmarshal = (text: string) => unmarshalStringMap(Buffer.from(text));
const excessive = { message: 'yaml: document contains excessive aliasing' };

/** Level i merges level i-1 `fan` times: fan^levels maps merged from a few hundred bytes. */
function mergeBomb(levels: number, fan: number, leaf: string): string {
  let text = `<<:\n  - &l0 ${leaf}\n`;
  for (let i = 1; i <= levels; i++) {
    text += `  - &l${i} {<<: [${Array(fan).fill(`*l${i - 1}`).join(', ')}]}\n`;
  }
  return text;
}

// Before the budget, 413 bytes held the daemon for 15 s, 478 bytes for 173 s; 9^9 merges never end.
t.test('alias bombs fail at once with yaml.v2 text', { timeout: 5000 }, async (t) => {
  const merges = mergeBomb(9, 9, '{k: v}');
  t.ok(merges.length < 600, `${merges.length} bytes`);
  t.throws(() => unmarshal(merges), excessive, 'merge keys');
  t.throws(() => unmarshal(`s: &s lol\n${mergeBomb(9, 9, '{a: *s, b: *s, c: *s, d: *s}')}`), excessive, 'plain aliases in merged maps');
});

t.test('plain aliases of collections are not expanded into strings', { timeout: 5000 }, async (t) => {
  // yaml.v2 does not descend into a sequence it cannot store in a string: a type error per key.
  let lol = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= 9; i++) {
    const prev = String.fromCharCode(96 + i);
    lol += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
  }
  const errors = Array.from({ length: 10 }, (_, i) => `line ${i + 1}: cannot unmarshal !!seq into string`);
  t.throws(() => unmarshal(lol), { message: `yaml: unmarshal errors:\n  ${errors.join('\n  ')}` });
});

t.test('the budget is a share of the document, to the node as yaml.v2 v2.4.0 counts', async (t) => {
  // A map of 1000 nodes merged once as written, then through n aliases: 110 stay within 99%
  // of the decoding done through aliases, 111 do not.
  const pairs = Array.from({ length: 500 }, (_, i) => `k${i}: v${i}`).join(', ');
  const doc = (n: number) => `<<: &m {${pairs}}\n<<: [${Array(n).fill('*m').join(', ')}]\n`;
  t.equal(unmarshal(doc(110)).size, 500);
  t.throws(() => unmarshal(doc(111)), excessive);
  // Merges apply the last map first, so an alias after its anchor is decoded before it.
  t.throws(() => unmarshal(`<<: [&m {${pairs}}, *m]\n`), excessive, 'one alias that comes first');
});

t.test('ordinary anchors and aliases', async (t) => {
  t.same(Object.fromEntries(unmarshal('a: &x one\nb: *x\n<<: [&m {c: two, a: three}, {d: four}]\ne: *x\n<<: *m\n')), {
    a: 'three',
    b: 'one',
    c: 'two',
    d: 'four',
    e: 'one',
  });
  const many = Array.from({ length: 5000 }, (_, i) => `k${i}: *s`).join('\n');
  t.equal(unmarshal(`s: &s shared\n${many}\n`).get('k4999'), 'shared', '5000 aliases of one scalar');
  t.same([...unmarshal('a: &x 1\nb: *x\na2: &x 2\nc: *x\n')], [['a', '1'], ['b', '1'], ['a2', '2'], ['c', '2']], 'an anchor redefined');
});

t.test('an alias inside its own anchor is a loop, as yaml.v2 says', async (t) => {
  t.throws(() => unmarshal('<<: &a {k: v, <<: *a}\n'), { message: "yaml: anchor 'a' value contains itself" });
});

t.test('an unknown anchor is found before anything is decoded', async (t) => {
  t.throws(() => unmarshal('<<: 1\nb: *nope\n'), { message: "yaml: unknown anchor 'nope' referenced" });
});
