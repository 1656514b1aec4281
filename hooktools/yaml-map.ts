// yaml.v2's Unmarshal into a map[string]string, the way relation-set and state-set read --file:
// the npm parser builds the tree, and yaml.v2's rules decide what it means (tag resolution,
// double-quoted escapes, which errors stop it, and the texts of its errors).

import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { goParseInt, goParseUint } from './flags.js';

const TAG = 'tag:yaml.org,2002:';
const STR = `${TAG}str`;
const BOOL = `${TAG}bool`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const NULL = `${TAG}null`;
const TIMESTAMP = `${TAG}timestamp`;
const BINARY = `${TAG}binary`;
const MERGE = `${TAG}merge`;
const SEQ = `${TAG}seq`;
const MAP = `${TAG}map`;

/** yaml.v2's table of plain scalars resolved by exact text. */
const resolveTable = new Map<string, string>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, BOOL] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, BOOL] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, NULL] as const),
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'].map(
    (s) => [s, FLOAT] as const,
  ),
  ['<<', MERGE],
]);

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
}

/** Go's time.Parse with yaml.v2's timestamp layouts (date, date-time with zone, or space form). */
function isTimestamp(s: string): boolean {
  const m =
    /^\d{4}-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const [month, day, hour, min, sec] = [m[1], m[2], m[3] ?? m[6] ?? '0', m[4] ?? m[7] ?? '0', m[5] ?? m[8] ?? '0'].map(
    Number,
  );
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && min < 60 && sec < 60;
}

/** strconv.ParseInt(s, 0, 64), or failing that ParseUint: does s denote a 64-bit integer? */
function isGoInt(s: string): boolean {
  const parses = (parse: (s: string, base: 0) => bigint) => {
    try {
      parse(s, 0);
      return true;
    } catch {
      return false;
    }
  };
  return parses(goParseInt) || parses(goParseUint);
}

/** The tag yaml.v2 gives a plain scalar by looking at it. */
function implicitTag(text: string, timestamps: boolean): string {
  const known = resolveTable.get(text);
  if (known) return known;
  if (text[0] === '.') {
    return /^\.[0-9]+(?:[eE][+-]?[0-9]+)?$/.test(text) ? FLOAT : STR;
  }
  if (!/^[-+0-9]/.test(text)) return STR;
  if (timestamps && isTimestamp(text)) return TIMESTAMP;
  const plain = text.replaceAll('_', '');
  if (isGoInt(plain)) return INT;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain) && Number.isFinite(Number(plain))) {
    return FLOAT;
  }
  return STR;
}

/** yaml.v2's resolve(): the scalar's effective tag; an explicit tag must fit the text. */
function resolveTag(explicit: string, text: string): string {
  const resolvable = ['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP];
  if (!resolvable.includes(explicit)) return explicit;
  const tag = explicit === STR ? STR : implicitTag(text, explicit === '' || explicit === TIMESTAMP);
  if (explicit === '' || explicit === tag || explicit === STR) return tag;
  if (explicit === FLOAT && tag === INT) return FLOAT;
  throw new Error(`yaml: cannot decode ${shortTag(tag)} \`${text}\` as a ${shortTag(explicit)}`);
}

/** yaml.v2's scanner rejects escapes YAML 1.2 (and so the npm parser) accepts, e.g. `\/`. */
function checkEscapes(source: string, start: number): { offset: number; problem: string } | undefined {
  const simple = '0abt\tnvfre "\'\\N_LP\r\n';
  const hexLength: Record<string, number> = { x: 2, u: 4, U: 8 };
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '"') return undefined;
    if (source[i] !== '\\') continue;
    const c = source[i + 1];
    const n = hexLength[c];
    if (n === undefined) {
      if (!simple.includes(c)) return { offset: i, problem: 'found unknown escape character' };
      i++;
      continue;
    }
    const hex = source.slice(i + 2, i + 2 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) {
      return { offset: i + 2, problem: 'did not find expected hexdecimal number' };
    }
    const code = parseInt(hex, 16);
    if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
      return { offset: i + 2, problem: 'found invalid Unicode character escape code' };
    }
    i += 1 + n;
  }
  return undefined;
}

/** yaml.v2's Unmarshal(data, map[string]string): first document only, scalars as written. */
export function unmarshalStringMap(data: Buffer): Map<string, string> {
  const text = data.toString('utf8');
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const out = new Map<string, string>();
  if (docs.length === 0) return out;
  const doc = docs[0];
  const root = doc.contents;
  const lineOf = (offset: number) => lines.linePos(offset).line;

  // Syntax errors: yaml.v2 reads no further than the end of the first document's root node,
  // so trailing junk (`{a: b}\n{c: d}`) is not an error. Tags and double-quoted escapes are
  // checked below by yaml.v2's rules instead of the npm parser's.
  const ownChecks = ['TAG_RESOLVE_FAILED', 'BAD_DQ_ESCAPE'];
  const problems: Array<{ offset: number; message: string }> = doc.errors
    .filter((e) => !ownChecks.includes(e.code) && (root === null || e.pos[0] <= root.range[1]))
    .map((e) => ({ offset: e.pos[0], message: `line ${lineOf(e.pos[0])}: ${e.message}` }));
  visit(doc, {
    Scalar(_, node) {
      if (node.type !== 'QUOTE_DOUBLE' || !node.range) return;
      const bad = checkEscapes(text, node.range[0]);
      if (!bad) return;
      // A scanner error names its line unless it is on the first one.
      const line = lineOf(bad.offset);
      problems.push({ offset: bad.offset, message: `${line > 1 ? `line ${line}: ` : ''}${bad.problem}` });
    },
  });
  if (problems.length > 0) {
    problems.sort((a, b) => a.offset - b.offset);
    throw new Error(`yaml: ${problems[0].message}`);
  }

  new StringMapDecoder(doc, lineOf).decode(root, out);
  return out;
}

class StringMapDecoder {
  private readonly typeErrors: string[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lineOf: (offset: number) => number,
  ) {}

  decode(root: unknown, out: Map<string, string>): void {
    if (isMap(root)) this.mapping(root, out);
    else if (isScalar(root)) {
      // A null document leaves the map empty; any other scalar cannot become a map.
      const tag = resolveTag(root.tag ?? (root.type === 'PLAIN' ? '' : STR), root.source ?? '');
      if (tag !== NULL) this.typeError(root, tag, 'map[string]string');
    } else if (isSeq(root)) this.typeError(root, SEQ, 'map[string]string');
    if (this.typeErrors.length > 0) {
      throw new Error(`yaml: unmarshal errors:\n  ${this.typeErrors.join('\n  ')}`);
    }
  }

  private mapping(node: YAMLMap, out: Map<string, string>): void {
    for (const { key, value } of node.items) {
      if (isScalar(key) && key.source === '<<' && (key.tag === MERGE || (key.type === 'PLAIN' && !key.tag))) {
        this.merge(value, out);
        continue;
      }
      const k = this.string(key);
      if (k === undefined) continue;
      const v = this.string(value);
      if (v !== undefined) out.set(k, v);
    }
  }

  private merge(value: unknown, out: Map<string, string>): void {
    const wantMap = () => new Error('yaml: map merge requires map or sequence of maps as the value');
    const target = (node: unknown) => (isAlias(node) ? this.anchored(node) : node);
    if (isSeq(value)) {
      // Earlier maps take precedence, so apply them last.
      for (const item of [...value.items].reverse()) {
        const m = target(item);
        if (!isMap(m)) throw wantMap();
        this.mapping(m, out);
      }
      return;
    }
    const m = target(value);
    if (!isMap(m)) throw wantMap();
    this.mapping(m, out);
  }

  private anchored(alias: { source: string; resolve(doc: Document): unknown }): unknown {
    const node = alias.resolve(this.doc);
    if (node === undefined) throw new Error(`yaml: unknown anchor '${alias.source}' referenced`);
    return node;
  }

  /** One node as a Go string; undefined (with a type error noted) when it is a collection. */
  private string(node: unknown): string | undefined {
    if (node === null || node === undefined) return '';
    if (isAlias(node)) return this.string(this.anchored(node));
    if (isScalar(node)) return this.scalar(node);
    if (isMap(node)) this.typeError(node, MAP, 'string');
    else if (isSeq(node)) this.typeError(node, SEQ, 'string');
    return undefined;
  }

  private scalar(node: Scalar): string {
    const text = node.source ?? '';
    const tag = resolveTag(node.tag ?? (node.type === 'PLAIN' ? '' : STR), text);
    if (tag === NULL) return '';
    if (tag !== BINARY) return text;
    // encoding/base64.StdEncoding: line breaks are skipped, padding is required.
    const b64 = text.replace(/[\r\n]/g, '');
    if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
      throw new Error('yaml: !!binary value contains invalid base64 data');
    }
    return Buffer.from(b64, 'base64').toString('utf8');
  }

  /** yaml.v2's terror: the text is shown (shortened) for scalars only. */
  private typeError(node: Node, kindTag: string, into: string): void {
    const tag = node.tag ?? kindTag;
    let shown = '';
    if (tag !== SEQ && tag !== MAP) {
      const value = Buffer.from(isScalar(node) ? (node.source ?? '') : '');
      shown = ` \`${value.length > 10 ? `${value.subarray(0, 7).toString()}...` : value.toString()}\``;
    }
    const line = node.range ? this.lineOf(node.range[0]) : 1;
    this.typeErrors.push(`line ${line}: cannot unmarshal ${shortTag(tag)}${shown} into ${into}`);
  }
}
