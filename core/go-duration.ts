// Go's time.ParseDuration, whose texts Juju's users see: model-config's
// update-status-hook-interval is checked with it, and juju's own duration flags parse with it.
// Same grammar (a sign, then decimal numbers each with a unit: ns, us, µs, μs, ms, s, m, h),
// same int64 nanosecond range, same error texts.

const nanoseconds: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 MICRO SIGN
  'μs': 1_000n, // U+03BC GREEK SMALL LETTER MU
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const maxNanoseconds = 1n << 63n;

/** time's own quote: printable ASCII as is (with `"` and `\` escaped), every other byte as \xNN. */
function quote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code >= 0x80) {
      for (const byte of Buffer.from(char, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += char === '"' || char === '\\' ? `\\${char}` : char;
    }
  }
  return `${out}"`;
}

/** An error of time.ParseDuration, with its text. */
export class DurationError extends Error {}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** time.ParseDuration: the duration in nanoseconds. */
export function parseDuration(text: string): bigint {
  const invalid = (): DurationError => new DurationError(`time: invalid duration ${quote(text)}`);
  let s = text;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    // The integer part; past int64 it is an error.
    let whole = 0n;
    let i = 0;
    for (; isDigit(s[i]); i++) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > maxNanoseconds) throw invalid();
    }
    const hasWhole = i > 0;
    s = s.slice(i);
    // The fraction: digits past what an int64 holds are read and ignored.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (s[0] === '.') {
      let overflow = false;
      for (i = 1; isDigit(s[i]); i++) {
        if (overflow) continue;
        const next = fraction * 10n + BigInt(s.charCodeAt(i) - 48);
        overflow = fraction > (maxNanoseconds - 1n) / 10n || next > maxNanoseconds;
        if (overflow) continue;
        fraction = next;
        scale *= 10;
      }
      hasFraction = i > 1;
      s = s.slice(i);
    }
    if (!hasWhole && !hasFraction) throw invalid();
    for (i = 0; i < s.length && s[i] !== '.' && !isDigit(s[i]); i++);
    if (i === 0) throw new DurationError(`time: missing unit in duration ${quote(text)}`);
    const unitName = s.slice(0, i);
    s = s.slice(i);
    const unit = nanoseconds[unitName];
    if (unit === undefined) throw new DurationError(`time: unknown unit ${quote(unitName)} in duration ${quote(text)}`);
    if (whole > maxNanoseconds / unit) throw invalid();
    let value = whole * unit;
    // Go scales the fraction in float64, and so does this.
    if (fraction > 0n) value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
    if (value > maxNanoseconds) throw invalid();
    total += value;
    if (total > maxNanoseconds) throw invalid();
  }
  if (negative) return -total;
  if (total > maxNanoseconds - 1n) throw invalid();
  return total;
}
