// unmarshalStringMap's defences: alias expansion is bounded as yaml.v2 bounds it. (What the
// documents mean is tested through relation-set and state-set, whose --file reads them.)
import t from 'tap';
import { unmarshalStringMap } from '../../../core/yaml/string-map.js';
import { generator } from '../../helpers/random.js';

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

/** What unmarshal makes of a text: its map as pairs in order, or its error. */
function outcome(text: string): { pairs: Array<[string, string]> } | { error: string } {
  try {
    return { pairs: [...unmarshal(text)] };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

// JSON objects of strings decode without the parser. A trailing comment, which means nothing
// to YAML, keeps the same document from that path: both must give the same map or error.
t.test('a JSON object of strings decodes as the parser decodes it', async (t) => {
  const random = generator(20260806);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const now = (p: number) => random() < p;
  // Content of JSON strings: ASCII that YAML readers treat specially and every JSON escape; now
  // and then what ops never writes (escapes yaml.v2 refuses or JSON lacks, raw non-ASCII).
  const ascii = [
    'a', 'key', 'x y', ' ', '  ', '#', ' #', ': ', ':', '- ', '{', '}', '[', ']', ',', '&a', '*a', '!!str', '|', '>', "'", '%', '@',
    '`', '<<', '~', 'null', 'yes', '1', '0x1F', '2001-12-14', '---', '...', '\\"', '\\\\', '\\b', '\\f', '\\n', '\\r',
    '\\t', '\\u0000', '\\u00e9', '\\u00E9', '\\u2028', '\\uFEFF', '\\u0085', 'x'.repeat(1100),
  ];
  const other = ['\\/', '\\ud83d\\ude00', '\\uDFFF', '\\x41', '\\e', '\\N', '\\ ', 'é', '😀', '\u2028', '\ufeff', '\u007f', '\u0085', '\t'];
  const piece = () => (now(0.03) ? pick(other) : pick(ascii));
  const string = () => `"${Array.from({ length: Math.floor(random() * 4) }, piece).join('')}"`;
  const blank = () => (now(0.03) ? pick(['\t', '\r\n', '\n\t']) : pick(['', '', ' ', '  ', '\n', '\n  ', ' \n ']));
  const beforeColon = () => (now(0.03) ? pick(['\n', ' \n']) : pick(['', '', ' ', '  ']));
  const value = () => (now(0.03) ? pick(['1', 'true', 'null', '{}', '["a"]', '{"a": "b"}', "'a'", 'a']) : string());
  const keys: string[] = [];
  const key = () => (keys.length > 0 && now(0.2) ? pick(keys) : (keys.push(string()), keys.at(-1)!));
  const documents: string[] = ['{}', ' {} ', '{\n}', '\n{"a": "b"}\n\n', '{"a":"b"}', '{"a" : "b" , "c" :"d"}', '{"a"\n: "b"}'];
  for (let i = 0; i < 3000; i++) {
    const pairs = Array.from({ length: Math.floor(random() * 5) }, () => `${key()}${beforeColon()}:${blank()}${value()}`);
    let body = pairs.map((pair, n) => (n === 0 ? pair : `${blank()},${blank()}${pair}`)).join('');
    if (now(0.03)) body += ',';
    documents.push(`${blank()}{${blank()}${body}${blank()}}${blank()}`);
  }
  const differ = documents.filter((doc) => JSON.stringify(outcome(doc)) !== JSON.stringify(outcome(`${doc}\n#`)));
  t.same(differ, [], `${documents.length} documents`);
});

t.test('the parser reads at most 1 MiB and 50,000 tokens; a JSON object of strings far more', async (t) => {
  const tooLarge = (what: string) => ({ message: `yaml: document too large for juju-sim: more than ${what}` });
  const hint = '(a JSON object of ASCII strings has no such limit)';
  const lines = (n: number, value = 'v') => Array.from({ length: n }, (_, i) => `key-${i}: ${value}\n`).join('');
  t.equal(unmarshal(lines(6000)).size, 6000, 'six thousand keys');
  t.throws(() => unmarshal(lines(8000)), tooLarge(`50000 tokens ${hint}`), 'eight thousand keys');
  t.equal(unmarshal(`a: ${'x'.repeat(1024 * 1024 - 4)}\n`).get('a')?.length, 1024 * 1024 - 4, 'a value of nearly 1 MiB');
  t.throws(() => unmarshal(`a: ${'x'.repeat(1024 * 1024)}\n`), tooLarge(`1048576 bytes ${hint}`), 'a value of 1 MiB');
  t.throws(() => unmarshal(`[${'a,'.repeat(8 * 1024 * 1024 - 8)}a]`), tooLarge(`1048576 bytes ${hint}`), 'the worst a parser meets, 16 MiB of it');
  t.throws(() => unmarshal(`[${'a,'.repeat(400_000)}a]`), tooLarge(`50000 tokens ${hint}`), '800 KB of it');

  // What ops writes, near the size of the largest request: every key, every value.
  const big = 'v'.repeat(13_500_000);
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => [`key-${i}`, `value "${i}"\n`]);
  const json = JSON.stringify({ big, ...Object.fromEntries(pairs(99_999)) });
  t.ok(json.length > 15 * 1024 * 1024 && json.length < 16 * 1024 * 1024, `${json.length} bytes`);
  const map = unmarshal(json);
  t.equal(map.size, 100_000);
  t.equal(map.get('big'), big);
  t.equal(map.get('key-99998'), 'value "99998"\n');
  t.throws(() => unmarshal(JSON.stringify(Object.fromEntries(pairs(100_001)))), tooLarge('100000 keys'), 'one key too many');
});

// Past about a thousand levels the npm parser's composer overflows the stack, and V8 may then
// abort the whole process (a regular expression compiled at the stack's end): the daemon died
// on the second deeply nested --file.
t.test('deep nesting fails with an error, never the process', async (t) => {
  const tooDeep = { message: 'yaml: document too deep for juju-sim: more than 100 levels of nesting' };
  const flow = `a: ${'['.repeat(24_000)}${']'.repeat(24_000)}\n`;
  const block = `a:\n  ${'- '.repeat(20_000)}x\n`;
  const indented = Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}k:\n`).join('');
  const merges = `<<: &m0 {k: v}\n${Array.from({ length: 1000 }, (_, i) => `m${i + 1}: &m${i + 1} {<<: *m${i}}\n`).join('')}<<: *m1000\n`;
  for (let i = 0; i < 3; i++) {
    t.throws(() => unmarshal(flow), tooDeep, `flow collections, call ${i + 1}`);
    t.throws(() => unmarshal(block), tooDeep, `block sequences, call ${i + 1}`);
    t.throws(() => unmarshal(indented), tooDeep, `indented maps, call ${i + 1}`);
    t.throws(() => unmarshal(merges), tooDeep, `merges through aliases, call ${i + 1}`);
  }
  // The map is the first level, its value the second.
  const nested = (levels: number) => `a: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;
  t.throws(() => unmarshal(nested(100)), { message: 'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into string' }, '100 levels');
  t.throws(() => unmarshal(nested(101)), tooDeep, '101 levels');
});
