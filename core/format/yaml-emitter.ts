// libyaml's emitter as yaml.v2 drives it: how a node tree is written. Block maps and sequences,
// `{}`/`[]` for empty ones, the plain/single/double/literal style choice, and folding long
// lines at 80 columns, exactly as the emitter does for the values hook tools print.

import type { ScalarStyle, YamlNode } from './yaml-encoder.js';

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

export class YamlEmitter {
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
    if (node.kind === 'scalar') this.emitScalar(node.text, node.style, node.tag);
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

  /** libyaml's emit_scalar: the style, then the tag (process_tag), then the scalar. */
  private emitScalar(text: number[], requested: ScalarStyle, tag?: string): void {
    const analysis = analyzeScalar(text);
    const simpleKey = this.context.simpleKey === true;
    let style = requested;
    if (simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain' && (!analysis.plainAllowed || (text.length === 0 && simpleKey))) style = 'single';
    if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';

    if (tag !== undefined) this.writeIndicator(tag, true, false, false);
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
    for (const ch of indicator) this.put(ch);
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
