// yaml.v2's encoder: what to emit for a value (the node tree, and each scalar's style), with
// Juju's fork's resolver deciding which strings would read as another type and need quotes.

import { resolve, STR_TAG } from '../yaml/resolve.js';
import { goFloatG } from './strconv.js';
import { GoBytes, GoFloat, GoStruct, GoTime, type GoValue } from './value.js';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

export type YamlNode =
  /** tag: a short tag written before the scalar (`!!binary`), for a non-implicit one. */
  | { kind: 'scalar'; text: number[]; style: ScalarStyle; tag?: string }
  | { kind: 'sequence'; items: YamlNode[] }
  | { kind: 'mapping'; pairs: Array<[YamlNode, YamlNode]> };

export function yamlNode(v: GoValue): YamlNode {
  if (v === null || v === undefined) return plainScalar('null');
  if (typeof v === 'string') return stringScalar(v);
  if (typeof v === 'boolean') return plainScalar(v ? 'true' : 'false');
  if (typeof v === 'number') return plainScalar(Number.isInteger(v) ? BigInt(v).toString() : yamlFloat(v));
  if (v instanceof GoFloat) return plainScalar(yamlFloat(v.value));
  if (v instanceof GoTime) return plainScalar(v.text);
  if (v instanceof GoBytes) return bytesScalar(v);
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

/**
 * yaml.v2's stringv for a string that is not valid UTF-8: `!!binary` and its base64, in lines of
 * 70 characters each ended by a newline (so a literal block) once it is that long (encodeBase64).
 */
function bytesScalar(v: GoBytes): YamlNode {
  const text = v.text();
  if (text !== undefined) return stringScalar(text);
  const encoded = v.bytes.toString('base64');
  const lines = encoded.length >= 70 ? encoded.match(/.{1,70}/g)!.map((line) => `${line}\n`).join('') : encoded;
  return { kind: 'scalar', text: codePoints(lines), style: lines.includes('\n') ? 'literal' : 'plain', tag: '!!binary' };
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

// Sexagesimal numbers, which yaml.v2 reads as strings but quotes.
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** YAML 1.1 sexagesimal numbers (`1:20`) are quoted for other parsers' sake. */
function isBase60Float(s: string): boolean {
  return s.includes(':') && base60Float.test(s);
}
