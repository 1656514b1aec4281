// juju/cmd's output formatters (smart, yaml, json) and the --format/-o pair, byte for byte.
// Juju marshals YAML with its fork of gopkg.in/yaml.v2 (github.com/juju/yaml/v2, pinned by a
// replace directive in juju's go.mod): the v2 encoder and libyaml emitter, with the fork's
// resolver (yaml-resolve.ts) deciding which strings need quotes. The emitter below reproduces exactly what that emitter does for the
// values hook tools print: block maps and sequences, `{}`/`[]` for empty ones, and the
// plain/single/double/literal style choice, including folding long lines at 80 columns.

import type { ToolIO } from './cmd.js';
import { goQuote, type FlagSet, type FlagValue } from './flags.js';
import { absPath } from './go-file.js';
import { resolve, STR_TAG } from './yaml-resolve.js';

/** A Go struct: fields keep declaration order (maps sort their keys). */
export class GoStruct {
  constructor(readonly fields: Array<[string, GoValue]>) {}
}

/** A Go float64 (prints as Go prints floats; plain JS numbers that are integers print as ints). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A Go time.Time, given as its RFC 3339 text: yaml.v2 prints it as a plain scalar, JSON as a string. */
export class GoTime {
  constructor(readonly text: string) {}
}

export type GoValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | GoFloat
  | GoTime
  | GoStruct
  | GoValue[]
  | { [key: string]: GoValue };

export type FormatName = 'smart' | 'yaml' | 'json';

const NOTHING = Buffer.alloc(0);

/** juju/cmd FormatSmart: strings raw, bools as Python prints them, []string one per line. */
export function formatSmart(v: GoValue): Buffer {
  if (v === null || v === undefined) return NOTHING;
  if (typeof v === 'string') return Buffer.from(v);
  if (typeof v === 'boolean') return Buffer.from(v ? 'True' : 'False');
  if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return Buffer.from(v.join('\n'));
  return formatYaml(v);
}

/** yaml.v2 Marshal with trailing newlines trimmed; a nil value prints nothing. */
export function formatYaml(v: GoValue): Buffer {
  if (v === null || v === undefined) return NOTHING;
  const emitter = new YamlEmitter();
  emitter.emitNode(yamlNode(v), {});
  emitter.writeIndent();
  return Buffer.from(emitter.output().replace(/(?<=.)\n+$/s, ''));
}

/** encoding/json Marshal: compact, map keys sorted, HTML-escaped. */
export function formatJson(v: GoValue): Buffer {
  return Buffer.from(jsonValue(v));
}

const formatters: Record<FormatName, (v: GoValue) => Buffer> = {
  smart: formatSmart,
  yaml: formatYaml,
  json: formatJson,
};

/** The value of --format: one of the formats the tool offers. */
class FormatValue implements FlagValue {
  constructor(
    public name: FormatName,
    readonly offered: FormatName[],
  ) {}
  set(text: string): void {
    if (!(this.offered as string[]).includes(text)) throw new Error(`unknown format ${goQuote(text)}`);
    this.name = text as FormatName;
  }
  toString(): string {
    return this.name;
  }
}

/** The --format / -o,--output pair a tool adds (cmd.Output). */
export class Output {
  private readonly format: FormatValue;
  private outputPath: { value: string } = { value: '' };

  constructor(defaultFormat: FormatName = 'smart', formats: FormatName[] = ['smart', 'yaml', 'json']) {
    this.format = new FormatValue(defaultFormat, formats);
  }

  /** The chosen format (Output.Name()): some tools print differently per format, as Juju's Go types do. */
  get name(): FormatName {
    return this.format.name;
  }

  addFlags(f: FlagSet): void {
    const choices = [...this.format.offered].sort().join('|');
    f.var(['format'], this.format, `Specify output format (${choices})`);
    this.outputPath = f.string(['o', 'output'], '', 'Specify an output file');
  }

  /** Formats value; if non-empty appends "\n"; writes to io.stdout or to the -o file. */
  write(io: ToolIO, value: GoValue): void {
    if (this.outputPath.value === '') {
      const data = this.render(value);
      if (data.length > 0) io.stdout.write(data);
      return;
    }
    io.createFile(absPath(io.dir, this.outputPath.value), () => this.render(value));
  }

  private render(value: GoValue): Buffer {
    const bytes = formatters[this.format.name](value);
    return bytes.length > 0 ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes;
  }
}

// ---- Go float formatting ----

/** The shortest decimal digits of |v| and the exponent of the first digit. */
function shortestDigits(v: number): { digits: string; exp: number } {
  const [mantissa, exp] = Math.abs(v).toExponential().split('e');
  return { digits: mantissa.replace('.', ''), exp: Number(exp) };
}

function floatE(neg: boolean, digits: string, exp: number): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${neg ? '-' : ''}${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

function floatF(neg: boolean, digits: string, exp: number): string {
  const point = exp + 1;
  const whole = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  const fractionLength = Math.max(digits.length - point, 0);
  let fraction = '';
  for (let i = 0; i < fractionLength; i++) fraction += digits[point + i] ?? '0';
  return `${neg ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function isNegative(v: number): boolean {
  return v < 0 || Object.is(v, -0);
}

/** strconv.FormatFloat(v, 'g', -1, 64). */
function goFloatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const { digits, exp } = shortestDigits(v);
  // With the shortest digits Go switches to %e at exponent -5 and 6 (not at the digit count).
  return exp < -4 || exp >= 6 ? floatE(isNegative(v), digits, exp) : floatF(isNegative(v), digits, exp);
}

/** How encoding/json writes a float64. */
function jsonFloat(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${goFloatG(v)}`);
  const { digits, exp } = shortestDigits(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return floatE(isNegative(v), digits, exp).replace(/e-0(\d)$/, 'e-$1');
  }
  return floatF(isNegative(v), digits, exp);
}

// ---- JSON ----

function jsonValue(v: GoValue): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : jsonFloat(v);
  if (v instanceof GoFloat) return jsonFloat(v.value);
  if (v instanceof GoTime) return jsonString(v.text);
  if (Array.isArray(v)) return `[${v.map(jsonValue).join(',')}]`;
  const fields = v instanceof GoStruct ? v.fields : Object.entries(v).sort(([a], [b]) => compareBytes(a, b));
  return `{${fields.map(([key, value]) => `${jsonString(key)}:${jsonValue(value)}`).join(',')}}`;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const jsonEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (jsonEscapes[ch] !== undefined) out += jsonEscapes[ch];
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd'; // as Go gets it: valid U+FFFD
    else out += ch;
  }
  return `${out}"`;
}

// ---- YAML: the yaml.v2 encoder (what to emit) ----

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

type YamlNode =
  | { kind: 'scalar'; text: number[]; style: ScalarStyle }
  | { kind: 'sequence'; items: YamlNode[] }
  | { kind: 'mapping'; pairs: Array<[YamlNode, YamlNode]> };

function yamlNode(v: GoValue): YamlNode {
  if (v === null || v === undefined) return plainScalar('null');
  if (typeof v === 'string') return stringScalar(v);
  if (typeof v === 'boolean') return plainScalar(v ? 'true' : 'false');
  if (typeof v === 'number') return plainScalar(Number.isInteger(v) ? BigInt(v).toString() : yamlFloat(v));
  if (v instanceof GoFloat) return plainScalar(yamlFloat(v.value));
  if (v instanceof GoTime) return plainScalar(v.text);
  if (Array.isArray(v)) return { kind: 'sequence', items: v.map(yamlNode) };
  const fields = v instanceof GoStruct ? v.fields : Object.entries(v).sort(([a], [b]) => yamlKeyOrder(a, b));
  return { kind: 'mapping', pairs: fields.map(([key, value]) => [stringScalar(key), yamlNode(value)]) };
}

function yamlFloat(v: number): string {
  const text = goFloatG(v);
  return text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text === 'NaN' ? '.nan' : text;
}

function plainScalar(text: string): YamlNode {
  return { kind: 'scalar', text: codePoints(text), style: 'plain' };
}

/** yaml.v2's stringv: newlines ask for a literal block, text another type would claim is quoted. */
function stringScalar(s: string): YamlNode {
  const style = s.includes('\n') ? 'literal' : resolve('', s).tag === STR_TAG && !isBase60Float(s) ? 'plain' : 'double';
  return { kind: 'scalar', text: codePoints(s), style };
}

function codePoints(s: string): number[] {
  // Lone surrogates travel to Go as U+FFFD.
  return Array.from(s, (ch) => {
    const c = ch.codePointAt(0)!;
    return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
  });
}

/** yaml.v2's key order: numbers in keys compare by value, letters after other characters. */
function yamlKeyOrder(a: string, b: string): number {
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

const letter = /^\p{L}$/u;
const decimalDigit = /^\p{Nd}$/u;

function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a, (ch) => ch.codePointAt(0)!);
  const br = Array.from(b, (ch) => ch.codePointAt(0)!);
  const isLetter = (c: number) => letter.test(String.fromCodePoint(c));
  const isDigit = (c: number) => decimalDigit.test(String.fromCodePoint(c));
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === 0x30 || br[i] === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    // Go accumulates in an int64 and lets it wrap.
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai] - 0x30));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi] - 0x30));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

// ---- YAML: sexagesimal numbers, which yaml.v2 reads as strings but quotes ----

const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** YAML 1.1 sexagesimal numbers (`1:20`) are quoted for other parsers' sake. */
function isBase60Float(s: string): boolean {
  return s.includes(':') && base60Float.test(s);
}

// ---- YAML: the libyaml emitter (how it is written) ----

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

interface ScalarAnalysis {
  multiline: boolean;
  plainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreak = (c: number | undefined) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number | undefined) => c === 0x20 || c === 0x09;

/** libyaml's printable set: no tabs, no C1 controls, nothing outside the BMP. */
function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** Which styles can carry this text (libyaml's scalar analysis, block context only). */
function analyzeScalar(text: number[]): ScalarAnalysis {
  const n = text.length;
  if (n === 0) return { multiline: false, plainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const ch = (i: number) => String.fromCodePoint(text[i]);
  const start = String.fromCodePoint(...text.slice(0, 3));
  // Block indicators: text that a plain scalar would turn into YAML syntax.
  let indicators = start === '---' || start === '...';
  let lineBreaks = false;
  let special = false;
  let edgeSpaceOrBreak = false;
  let trailingSpace = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    const followedByWhitespace = i + 1 >= n || isBlank(text[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch(i))) indicators = true;
      else if ((ch(i) === '?' || ch(i) === ':' || ch(i) === '-') && followedByWhitespace) indicators = true;
    } else if ((ch(i) === ':' && followedByWhitespace) || (ch(i) === '#' && precededByWhitespace)) {
      indicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0 || i === n - 1) edgeSpaceOrBreak = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0 || i === n - 1) edgeSpaceOrBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === 0;
  }
  return {
    multiline: lineBreaks,
    plainAllowed: !(edgeSpaceOrBreak || breakSpace || spaceBreak || special || lineBreaks || indicators),
    singleQuotedAllowed: !(breakSpace || spaceBreak || special),
    blockAllowed: !(trailingSpace || spaceBreak || special),
  };
}

/** Where a node sits, as far as the emitter's choices depend on it. */
interface NodeContext {
  mapping?: boolean;
  simpleKey?: boolean;
}

const doubleQuotedEscapes = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

class YamlEmitter {
  private out = '';
  private column = 0;
  // Whether the last thing written was whitespace / only indentation on this line.
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private context: NodeContext = {};

  output(): string {
    return this.out;
  }

  emitNode(node: YamlNode, context: NodeContext): void {
    this.context = context;
    if (node.kind === 'scalar') this.emitScalar(node.text, node.style);
    else if (node.kind === 'sequence') {
      if (node.items.length === 0) this.emitEmptyFlow('[', ']');
      else this.emitBlockSequence(node.items);
    } else if (node.pairs.length === 0) this.emitEmptyFlow('{', '}');
    else this.emitBlockMapping(node.pairs);
  }

  private emitEmptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(items: YamlNode[]): void {
    // A sequence that is a mapping value starts on the key's column ("key:\n- a").
    this.increaseIndent(false, this.context.mapping === true && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, {});
    }
    this.indent = this.indents.pop()!;
  }

  private emitBlockMapping(pairs: Array<[YamlNode, YamlNode]>): void {
    this.increaseIndent(false, false);
    for (const [key, value] of pairs) {
      this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.emitNode(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(key, { mapping: true });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, { mapping: true });
    }
    this.indent = this.indents.pop()!;
  }

  /** Keys are strings; a multi-line one or one over 128 bytes takes the `? key` form. */
  private isSimpleKey(key: YamlNode): boolean {
    if (key.kind !== 'scalar') return false;
    return !analyzeScalar(key.text).multiline && Buffer.byteLength(String.fromCodePoint(...key.text)) <= 128;
  }

  private emitScalar(text: number[], requested: ScalarStyle): void {
    const analysis = analyzeScalar(text);
    const simpleKey = this.context.simpleKey === true;
    let style = requested;
    if (simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain' && (!analysis.plainAllowed || (text.length === 0 && simpleKey))) style = 'single';
    if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';

    this.increaseIndent(true, false);
    if (style === 'plain') this.writePlain(text, !simpleKey);
    else if (style === 'single') this.writeSingleQuoted(text, !simpleKey);
    else if (style === 'double') this.writeDoubleQuoted(text, !simpleKey);
    else this.writeLiteral(text);
    this.indent = this.indents.pop()!;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  /** Starts a new line at the current indentation unless already there. */
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** One character (the column counts characters, not bytes). */
  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** A line break from the text itself; U+2028/U+2029 are written as they are. */
  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.out += String.fromCodePoint(c);
      this.column = 0;
    }
  }

  /** Beyond column 80 a single space becomes a line break (the reader folds it back). */
  private foldsAt(text: number[], i: number, allowBreaks: boolean, afterSpace: boolean): boolean {
    return allowBreaks && !afterSpace && this.column > BEST_WIDTH && text[i + 1] !== 0x20;
  }

  private writePlain(text: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    text.forEach((c, i) => {
      if (c === 0x20) {
        if (this.foldsAt(text, i, allowBreaks, spaces)) this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(text: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    text.forEach((c, i) => {
      if (c === 0x20) {
        if (i > 0 && i < text.length - 1 && this.foldsAt(text, i, allowBreaks, spaces)) this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else if (isBreak(c)) {
        // Only U+2028/U+2029 get here: other breaks go literal or double-quoted.
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(text: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    // libyaml's BOM test looks at the start of the text, so a leading BOM escapes everything.
    const leadingBom = text[0] === 0xfeff;
    let spaces = false;
    text.forEach((c, i) => {
      if (!isPrintable(c) || leadingBom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const escape = doubleQuotedEscapes.get(c);
        if (escape !== undefined) this.put(escape);
        else {
          const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          for (const digit of `${letter}${c.toString(16).toUpperCase().padStart(width, '0')}`) this.put(digit);
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < text.length - 1) {
          this.writeIndent();
          if (text[i + 1] === 0x20) this.put('\\');
        } else {
          this.put(' ');
        }
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(text: number[]): void {
    this.writeIndicator('|', true, false, false);
    if (text[0] === 0x20 || isBreak(text[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const n = text.length;
    // Chomping: `-` strips the missing final break, `+` keeps extra ones, none clips to one.
    const chomp = !isBreak(text[n - 1]) ? '-' : n === 1 || isBreak(text[n - 2]) ? '+' : '';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of text) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(String.fromCodePoint(c));
        this.indention = false;
        breaks = false;
      }
    }
  }
}
