// encoding/json's Marshal of the values hook tools print: compact, map keys sorted by their
// bytes, HTML characters escaped, lone surrogates as U+FFFD.

import { jsonFloat } from './strconv.js';
import { GoBytes, GoFloat, GoStruct, GoTime, type GoValue } from './value.js';

export function jsonValue(v: GoValue): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : jsonFloat(v);
  if (v instanceof GoFloat) return jsonFloat(v.value);
  if (v instanceof GoTime) return jsonString(v.text);
  // encoding/json writes each byte that starts no valid rune as the escape \ufffd.
  if (v instanceof GoBytes) {
    const runes = v.runes().map((r) => (r === null ? '\\ufffd' : jsonString(String.fromCodePoint(r)).slice(1, -1)));
    return `"${runes.join('')}"`;
  }
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
