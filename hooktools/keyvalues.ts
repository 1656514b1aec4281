// juju/utils keyvalues.Parse: the `key=value` arguments of relation-set, leader-set, state-set.

import { goQuote } from '../core/gnuflag.js';

/**
 * Splits each argument on its first '=' and trims key and value (so `k="$(cat f)"` loses its
 * trailing newlines, as in Juju). Empty arguments are skipped. An empty key, a duplicate key,
 * or (unless allowEmptyValues) an empty value is an error.
 */
export function parseKeyValues(args: string[], allowEmptyValues: boolean): Record<string, string> {
  const result = new Map<string, string>();
  for (const arg of args) {
    if (arg === '') continue;
    const eq = arg.indexOf('=');
    if (eq < 0) throw new Error(`expected "key=value", got ${goQuote(arg)}`);
    const key = goTrimSpace(arg.slice(0, eq));
    const value = goTrimSpace(arg.slice(eq + 1));
    if (key === '' || (!allowEmptyValues && value === '')) {
      throw new Error(`expected "key=value", got "${key}=${value}"`);
    }
    if (result.has(key)) throw new Error(`key ${goQuote(key)} specified more than once`);
    result.set(key, value);
  }
  // fromEntries defines own properties, so a key like `__proto__` is kept as data.
  return Object.fromEntries(result);
}

/** Go's unicode.IsSpace (JavaScript's \s differs: it matches U+FEFF and misses U+0085). */
function isGoSpace(code: number): boolean {
  switch (code) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20:
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
      return true;
    default:
      return code >= 0x2000 && code <= 0x200a;
  }
}

/** strings.TrimSpace. A scan from each end: an anchored regex backtracks quadratically over
 *  inner whitespace (`k=x<100,000 spaces>x` took 15 s). Every Go space is in the BMP, so
 *  UTF-16 code units are enough. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
