// juju/utils keyvalues.Parse: the `key=value` arguments of relation-set, leader-set, state-set.

import { goQuote } from './flags.js';

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

// Go's unicode.IsSpace set (JavaScript's trim() differs on U+0085 and U+FEFF).
const goSpace = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const goSpaceEdges = new RegExp(`^${goSpace}+|${goSpace}+$`, 'g');

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(goSpaceEdges, '');
}
