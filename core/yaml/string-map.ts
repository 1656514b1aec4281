// yaml.v2's Unmarshal into a map[string]string, the way relation-set and state-set read --file:
// the npm parser builds the tree, and yaml.v2's rules decide what it means (tag resolution,
// double-quoted escapes, which errors stop it, and the texts of its errors).
//
// Tool calls run in the daemon's one thread, and the npm parser is slow: about 3 µs and 600
// bytes for each token (a scalar, an indicator, a line break), and 0.1 s and 40 MB for each MiB
// of a double-quoted scalar. A 16 MiB file, which the tool protocol allows, would hold every
// unit for tens of seconds and take gigabytes; a deeply nested one exhausts the stack, which V8
// may answer by aborting the process. So the parser reads at most maxParsedBytes and
// maxParsedTokens, nested at most maxDepth levels, and the document charms send at any size,
// the JSON object of strings that ops writes for relation-set and state-set, is decoded without
// it, exactly as the parser would (up to maxJsonKeys keys). Juju has none of these limits.

import {
  Composer,
  Lexer,
  LineCounter,
  Parser,
  isAlias,
  type Alias,
  type CST,
  isMap,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import {
  BINARY_TAG,
  MAP_TAG,
  MERGE_TAG,
  NULL_TAG,
  SEQ_TAG,
  decodeBinary,
  resolveScalar,
  shortTag,
} from './resolve.js';

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

/**
 * The most the npm parser is given: far above what charms send as YAML (a databag rarely exceeds
 * a few hundred KiB, a `key: value` line is seven tokens however long its value), low enough to
 * keep the worst document to about 0.3 s and 60 MB of the daemon.
 */
const maxParsedBytes = 1024 * 1024;
const maxParsedTokens = 50_000;

/** Nesting levels, merges through aliases included: a map of strings needs two, yaml.v2 refuses
 *  deeper values as strings, and the stack holds ten times as many. */
const maxDepth = 100;

/** Keys in a JSON object of strings: what takes about 0.1 s to decode and store. */
const maxJsonKeys = 100_000;

const tooLarge = (what: string) => new Error(`yaml: document too large for juju-sim: more than ${what}`);
const tooDeep = () => new Error(`yaml: document too deep for juju-sim: more than ${maxDepth} levels of nesting`);

/** yaml.v2's Unmarshal(data, map[string]string): first document only, scalars as written. */
export function unmarshalStringMap(data: Buffer): Map<string, string> {
  const text = data.toString('utf8');
  const flat = jsonStringObject(text);
  if (flat !== undefined) return flat;
  checkParserLimits(text, data.length);
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  checkDepth(tokens);
  const docs = [...new Composer({ uniqueKeys: false }).compose(tokens)];
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

  new StringMapDecoder(anchorTargets(doc), lineOf, (node) => scalarText(node, text)).decode(root, out);
  return out;
}

/**
 * A scalar's text as yaml.v2 reads it. A block scalar (`|`, `>`) whose last line ends the input
 * has no line break there for clipping or keeping to keep, so yaml.v2 reads `a: |\n  x` as "x";
 * the npm parser adds one ("x\n").
 */
function scalarText(node: Scalar, text: string): string {
  const value = node.source ?? '';
  if ((node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range) return value;
  if (node.range[1] !== text.length || !value.endsWith('\n')) return value;
  // Only a last line below the header, and with content; a line of blanks is left as it is.
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  if (lastBreak < node.range[0] || !/[^ \t]/.test(text.slice(lastBreak + 1))) return value;
  return value.slice(0, -1);
}

function checkParserLimits(text: string, size: number): void {
  const hint = '(a JSON object of ASCII strings has no such limit)';
  if (size > maxParsedBytes) throw tooLarge(`${maxParsedBytes} bytes ${hint}`);
  // The npm lexer alone costs a quarter of the parse, and stops here at the limit.
  let tokens = 0;
  for (const _ of new Lexer().lex(text)) {
    if (++tokens > maxParsedTokens) throw tooLarge(`${maxParsedTokens} tokens ${hint}`);
  }
}

/** The parser keeps its own stack; the composer and the decoder recurse, so the nesting is
 *  measured in between, without recursion. */
function checkDepth(tokens: CST.Token[]): void {
  const stack = tokens.map((token) => ({ token, depth: 0 }));
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token, depth } = next;
    if (depth > maxDepth) throw tooDeep();
    const children = 'items' in token ? token.items.flatMap((item) => [item.key, item.value]) : 'value' in token ? [token.value] : [];
    for (const child of children) {
      if (child) stack.push({ token: child, depth: depth + 1 });
    }
  }
}

/**
 * A JSON object of strings in printable ASCII and JSON's escapes, spaces and line breaks between
 * its tokens: what ops writes (json.dumps escapes everything else). The parser reads it as a flow
 * mapping of double-quoted scalars, so each string decodes as JSON decodes it, except for the
 * escapes yaml.v2 refuses (`\/`, UTF-16 surrogates), which are left to the parser to report.
 * Undefined for any other text.
 */
function jsonStringObject(text: string): Map<string, string> | undefined {
  const reader = new JsonReader(text);
  const out = new Map<string, string>();
  if (!reader.take('{')) return undefined;
  if (reader.take('}')) return reader.atEnd() ? out : undefined;
  for (let pairs = 1; ; pairs++) {
    if (pairs > maxJsonKeys) throw tooLarge(`${maxJsonKeys} keys`);
    const key = reader.string();
    // On the key's line: the parser reads no implicit key whose `:` is on the next one.
    if (key === undefined || !reader.take(':', ' ')) return undefined;
    const value = reader.string();
    if (value === undefined) return undefined;
    out.set(key, value);
    if (reader.take('}')) return reader.atEnd() ? out : undefined;
    if (!reader.take(',')) return undefined;
  }
}

/** Reads the tokens of jsonStringObject, each after the spaces and line breaks before it. */
class JsonReader {
  private at = 0;

  constructor(private readonly text: string) {}

  /** Takes `token` if it comes next, after `blanks`. */
  take(token: string, blanks = ' \n'): boolean {
    this.skip(blanks);
    if (this.text[this.at] !== token) return false;
    this.at++;
    return true;
  }

  atEnd(): boolean {
    this.skip(' \n');
    return this.at === this.text.length;
  }

  /** A JSON string of the kind described, decoded; undefined for anything else. */
  string(): string | undefined {
    this.skip(' \n');
    const { text } = this;
    const start = this.at;
    if (text.charCodeAt(start) !== 0x22) return undefined;
    let escaped = false;
    for (let at = start + 1; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        this.at = at + 1;
        return escaped ? (JSON.parse(text.slice(start, at + 1)) as string) : text.slice(start + 1, at);
      }
      if (c < 0x20 || c > 0x7e) return undefined;
      if (c !== 0x5c) continue;
      escaped = true;
      const escape = text[++at];
      if (escape === 'u') {
        const hex = text.slice(at + 1, at + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex) || /^[dD][89a-fA-F]/.test(hex)) return undefined;
        at += 4;
      } else if (!'"\\bfnrt'.includes(escape)) {
        return undefined;
      }
    }
    return undefined;
  }

  private skip(blanks: string): void {
    while (blanks.includes(this.text[this.at])) this.at++;
  }
}

/**
 * Each alias's node: the last one before it with that anchor, an enclosing node included (which
 * makes a loop). One pass over the document; the npm parser's own Alias.resolve() walks the
 * whole document for every alias. yaml.v2 fails on an unknown anchor as it parses, before it
 * decodes anything.
 */
function anchorTargets(doc: Document): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target === undefined) throw new Error(`yaml: unknown anchor '${node.source}' referenced`);
        targets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}

/**
 * yaml.v2's defence against alias bombs (decode.go, allowedAliasRatio), which Juju's fork of
 * yaml.v2 lacks: beyond 1000 decoded nodes and 100 decoded through aliases, the share decoded
 * through aliases may be at most 99% up to 400,000 nodes, then falls evenly to 10% at 4,000,000.
 * The work is then bounded by about a hundred times the document's size.
 */
function excessiveAliasing(decoded: number, throughAliases: number): boolean {
  if (throughAliases <= 100 || decoded <= 1000) return false;
  const [low, high] = [400_000, 4_000_000];
  const position = Math.min(Math.max((decoded - low) / (high - low), 0), 1);
  return throughAliases / decoded > 0.99 - 0.89 * position;
}

/** Decodes into a map[string]string, node by node in yaml.v2's order, counting as it counts. */
class StringMapDecoder {
  private readonly typeErrors: string[] = [];
  /** The aliases being expanded: yaml.v2's loop check, and whether a node counts as aliased. */
  private readonly expanding = new Set<Alias>();
  private decoded = 0;
  private decodedThroughAliases = 0;
  /** Maps being decoded: merges through aliases nest them beyond the document's own depth. */
  private depth = 0;

  constructor(
    private readonly targets: Map<Alias, Node>,
    private readonly lineOf: (offset: number) => number,
    private readonly textOf: (node: Scalar) => string,
  ) {}

  decode(root: unknown, out: Map<string, string>): void {
    this.count(); // the document node
    if (root !== null) this.count();
    if (isMap(root)) this.mapping(root, out);
    else if (isScalar(root)) {
      // A null document leaves the map empty; any other scalar cannot become a map.
      const { tag } = resolveScalar(root, this.textOf(root));
      if (tag !== NULL_TAG) this.typeError(root, tag, 'map[string]string');
    } else if (isSeq(root)) this.typeError(root, SEQ_TAG, 'map[string]string');
    if (this.typeErrors.length > 0) {
      throw new Error(`yaml: unmarshal errors:\n  ${this.typeErrors.join('\n  ')}`);
    }
  }

  /** yaml.v2 counts every node it decodes, an alias and then its target each once. */
  private count(): void {
    this.decoded++;
    if (this.expanding.size > 0) this.decodedThroughAliases++;
    if (excessiveAliasing(this.decoded, this.decodedThroughAliases)) {
      throw new Error('yaml: document contains excessive aliasing');
    }
  }

  /** Decodes the node an alias names with `decode` (which counts it); an alias met again inside
   *  its own expansion is a loop. */
  private expand<T>(alias: Alias, decode: (target: Node) => T): T {
    if (this.expanding.has(alias)) throw new Error(`yaml: anchor '${alias.source}' value contains itself`);
    this.expanding.add(alias);
    try {
      return decode(this.targets.get(alias)!);
    } finally {
      this.expanding.delete(alias);
    }
  }

  private mapping(node: YAMLMap, out: Map<string, string>): void {
    if (++this.depth > maxDepth) throw tooDeep();
    for (const { key, value } of node.items) {
      if (isScalar(key) && key.source === '<<' && (key.tag === MERGE_TAG || (key.type === 'PLAIN' && !key.tag))) {
        this.merge(value, out);
        continue;
      }
      const k = this.string(key);
      if (k === undefined) continue;
      const v = this.string(value);
      if (v !== undefined) out.set(k, v);
    }
    this.depth--;
  }

  private merge(value: unknown, out: Map<string, string>): void {
    // Each map, or alias of one, is checked just before it is merged, as yaml.v2 does.
    const mergeOne = (node: unknown) => {
      const map = isAlias(node) ? this.targets.get(node) : node;
      if (!isMap(map)) throw new Error('yaml: map merge requires map or sequence of maps as the value');
      this.count();
      if (isAlias(node)) {
        this.expand(node, () => {
          this.count();
          this.mapping(map, out);
        });
      } else {
        this.mapping(map, out);
      }
    };
    if (isSeq(value)) {
      // Earlier maps take precedence, so apply them last.
      for (const item of [...value.items].reverse()) mergeOne(item);
    } else {
      mergeOne(value);
    }
  }

  /** One node as a Go string; undefined (with a type error noted) when it is a collection. */
  private string(node: unknown): string | undefined {
    this.count();
    if (node === null || node === undefined) return '';
    if (isAlias(node)) return this.expand(node, (target) => this.string(target));
    if (isScalar(node)) return this.scalar(node);
    if (isMap(node)) this.typeError(node, MAP_TAG, 'string');
    else if (isSeq(node)) this.typeError(node, SEQ_TAG, 'string');
    return undefined;
  }

  private scalar(node: Scalar): string {
    // Go's decoder keeps the text as written for a string, whatever it resolved to.
    const text = this.textOf(node);
    const { tag } = resolveScalar(node, text);
    return tag === NULL_TAG ? '' : tag === BINARY_TAG ? decodeBinary(text) : text;
  }

  /** yaml.v2's terror: the text is shown (shortened) for scalars only. */
  private typeError(node: Node, kindTag: string, into: string): void {
    const tag = node.tag ?? kindTag;
    let shown = '';
    if (tag !== SEQ_TAG && tag !== MAP_TAG) {
      const value = Buffer.from(isScalar(node) ? this.textOf(node) : '');
      shown = ` \`${value.length > 10 ? `${value.subarray(0, 7).toString()}...` : value.toString()}\``;
    }
    const line = node.range ? this.lineOf(node.range[0]) : 1;
    this.typeErrors.push(`line ${line}: cannot unmarshal ${shortTag(tag)}${shown} into ${into}`);
  }
}

