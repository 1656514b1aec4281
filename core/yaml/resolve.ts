// yaml.v2's resolve() as Juju's fork has it (github.com/juju/yaml/v2 v2.0.0, which juju's go.mod
// puts in place of gopkg.in/yaml.v2): what a scalar's text means given its tag, `''` for a plain
// scalar without one. The encoder asks it whether a string must be quoted; the decoders ask it
// what a scalar is.

import type { Scalar } from 'yaml';
import { scanInt, scanUint, underscoreOK } from '../gnuflag.js';

const TAG_PREFIX = 'tag:yaml.org,2002:';
export const STR_TAG = `${TAG_PREFIX}str`;
export const BOOL_TAG = `${TAG_PREFIX}bool`;
export const INT_TAG = `${TAG_PREFIX}int`;
export const FLOAT_TAG = `${TAG_PREFIX}float`;
export const NULL_TAG = `${TAG_PREFIX}null`;
export const TIMESTAMP_TAG = `${TAG_PREFIX}timestamp`;
export const BINARY_TAG = `${TAG_PREFIX}binary`;
export const MERGE_TAG = `${TAG_PREFIX}merge`;
export const SEQ_TAG = `${TAG_PREFIX}seq`;
export const MAP_TAG = `${TAG_PREFIX}map`;

/** `!!int` for `tag:yaml.org,2002:int`; other tags as they are. */
export function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

/**
 * What resolve() makes of a scalar. Integers are exact (Go's int, int64 or uint64); a timestamp
 * keeps its text (Go's time.Time is never needed here); a tag resolve() leaves alone keeps the
 * text too.
 */
export interface Resolved {
  tag: string;
  value: null | boolean | bigint | number | string;
}

/** The texts resolved by lookup alone. `<<` is among them but never reached: `<` is no hint. */
const known = new Map<string, Resolved>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (s) => [s, { tag: BOOL_TAG, value: true }] as const,
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (s) => [s, { tag: BOOL_TAG, value: false }] as const,
  ),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, { tag: NULL_TAG, value: null }] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, { tag: FLOAT_TAG, value: NaN }] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, { tag: FLOAT_TAG, value: Infinity }] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, { tag: FLOAT_TAG, value: -Infinity }] as const),
]);

/** The fork's float pattern: stricter than upstream v2's (no `1e5`, no `01.5`). */
const yamlStyleFloat = /^[-+]?(0|[1-9][0-9]*)?(\.[0-9]+)?([eE][-+][0-9]+)?$/;

/** The first character decides what a plain scalar may be; any other is a string. */
function hint(first: string): 'number' | 'dot' | 'word' | undefined {
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) return 'number';
  if (first === '.') return 'dot';
  return 'yYnNtTfFoO~'.includes(first) ? 'word' : undefined;
}

const resolvableTags = new Set(['', STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG]);

/**
 * resolve(tag, text): the scalar's tag and value. An explicit tag must fit what the text is
 * (an integer may be a !!float); otherwise it fails with yaml.v2's error text.
 */
export function resolve(tag: string, text: string): Resolved {
  if (!resolvableTags.has(tag)) return { tag, value: text };
  const resolved = tag === STR_TAG ? { tag: STR_TAG, value: text } : resolveText(text, tag === '' || tag === TIMESTAMP_TAG);
  if (tag === '' || tag === STR_TAG || tag === resolved.tag) return resolved;
  if (tag === FLOAT_TAG && resolved.tag === INT_TAG) return { tag: FLOAT_TAG, value: Number(resolved.value) };
  throw new Error(`yaml: cannot decode ${shortTag(resolved.tag)} \`${text}\` as a ${shortTag(tag)}`);
}

/** resolve() for a parsed scalar: a quoted one without a tag is a string, a plain one is looked at. */
export function resolveScalar(node: Scalar, text = node.source ?? ''): Resolved {
  return resolve(node.tag ?? (node.type === 'PLAIN' ? '' : STR_TAG), text);
}

function resolveText(text: string, timestamps: boolean): Resolved {
  const str = { tag: STR_TAG, value: text };
  const kind = text === '' ? 'word' : hint(text[0]);
  if (kind === undefined) return str;
  const word = known.get(text);
  if (word) return word;
  if (kind === 'word') return str;
  if (kind === 'dot') {
    const float = goParseFloat(text);
    return float === undefined ? str : { tag: FLOAT_TAG, value: float };
  }
  if (timestamps && isTimestamp(text)) return { tag: TIMESTAMP_TAG, value: text };
  const plain = text.replaceAll('_', '');
  const int = goInt(plain, 0);
  if (int !== undefined) return { tag: INT_TAG, value: int };
  if (yamlStyleFloat.test(plain)) {
    const float = goParseFloat(plain);
    if (float !== undefined) return { tag: FLOAT_TAG, value: float };
  }
  // strconv rejects a sign after the prefix, which these retries accept (`0b-1` is -1).
  const binary = plain.startsWith('0b')
    ? goInt(plain.slice(2), 2)
    : plain.startsWith('-0b')
      ? valueOf(scanInt(`-${plain.slice(3)}`, 2))
      : undefined;
  return binary === undefined ? str : { tag: INT_TAG, value: binary };
}

// resolve() runs for every string the encoder prints (to choose its quoting): parsing without
// throwing keeps a hook-tool call from building Error objects for every non-numeric value.
const valueOf = (scanned: bigint | string): bigint | undefined => (typeof scanned === 'bigint' ? scanned : undefined);

/** strconv.ParseInt(s, base, 64), or failing that ParseUint. */
function goInt(s: string, base: 0 | 2): bigint | undefined {
  return valueOf(scanInt(s, base)) ?? valueOf(scanUint(s, base));
}

/** strconv.ParseFloat(s, 64) for decimal text (the only shapes resolve() hands it). */
function goParseFloat(s: string): number | undefined {
  const m = /^[+-]?([0-9_]*)(?:\.([0-9_]*))?(?:[eE][+-]?[0-9][0-9_]*)?$/.exec(s);
  if (!m || !/[0-9]/.test(`${m[1]}${m[2] ?? ''}`)) return undefined;
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const value = Number(s.replaceAll('_', ''));
  return Number.isFinite(value) ? value : undefined;
}

// The time.Parse layouts yaml.v2 tries (`T` or `t`, a space form, a date); a match that
// time.Parse also finds in range makes the text a timestamp.
const day = '([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)';
const clock = '([0-9][0-9]?):([0-9][0-9]?):([0-9][0-9]?)(?:[.,][0-9]+)?';
const timestampLayouts = [
  new RegExp(`^${day}[Tt]${clock}(?:Z|[+-]([0-9]{2}):([0-9]{2}))$`),
  new RegExp(`^${day} +${clock}$`),
  new RegExp(`^${day}$`),
];

function isTimestamp(s: string): boolean {
  for (const layout of timestampLayouts) {
    const m = layout.exec(s);
    if (!m) continue;
    // Fields a layout lacks (clock, zone) count as 0.
    const [year, month, dayOfMonth, hour, minute, second, zoneHour, zoneMinute] = Array.from({ length: 8 }, (_, i) =>
      Number(m[i + 1] ?? 0),
    );
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    // Go allows zone offsets of 24 hours or 60 minutes.
    if (
      month >= 1 &&
      month <= 12 &&
      dayOfMonth >= 1 &&
      dayOfMonth <= monthDays &&
      hour < 24 &&
      minute < 60 &&
      second < 60 &&
      zoneHour <= 24 &&
      zoneMinute <= 60
    ) {
      return true;
    }
  }
  return false;
}

/**
 * A !!binary scalar as the decoder turns it into a Go string (encoding/base64.StdEncoding:
 * line breaks are skipped, padding is required).
 */
export function decodeBinary(text: string): string {
  const b64 = text.replace(/[\r\n]/g, '');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
    throw new Error('yaml: !!binary value contains invalid base64 data');
  }
  return Buffer.from(b64, 'base64').toString('utf8');
}
