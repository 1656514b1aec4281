// Go's float formatting: strconv.FormatFloat(v, 'g', -1, 64), and encoding/json's own rule for
// when a float64 takes an exponent.

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
export function goFloatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const { digits, exp } = shortestDigits(v);
  // With the shortest digits Go switches to %e at exponent -5 and 6 (not at the digit count).
  return exp < -4 || exp >= 6 ? floatE(isNegative(v), digits, exp) : floatF(isNegative(v), digits, exp);
}

/** How encoding/json writes a float64. */
export function jsonFloat(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${goFloatG(v)}`);
  const { digits, exp } = shortestDigits(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return floatE(isNegative(v), digits, exp).replace(/e-0(\d)$/, 'e-$1');
  }
  return floatF(isNegative(v), digits, exp);
}
