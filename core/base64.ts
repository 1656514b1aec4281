// encoding/base64 as Go decodes it: base64.StdEncoding.DecodeString, with its leniency (line
// breaks skipped, stray bits in the last character ignored) and its errors, which name the
// offending byte. Juju keeps secret content base64-encoded and decodes it this way, so what
// a charm gets for content that is not valid base64 is Go's answer.

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Values = new Map(Array.from(base64Alphabet, (c, i) => [c.charCodeAt(0), i]));
const isLineBreak = (c: number | undefined) => c === 0x0a || c === 0x0d;

/**
 * base64.StdEncoding.DecodeString: padding required, line breaks skipped, and an error that
 * names the offending byte (`illegal base64 data at input byte 4`).
 */
export function goBase64Decode(text: string): Buffer {
  const src = Buffer.from(text);
  const out: number[] = [];
  const corrupt = (at: number) => new Error(`illegal base64 data at input byte ${at}`);
  let si = 0;
  for (;;) {
    // One quantum: four characters, or fewer before padding.
    const quantum = [0, 0, 0, 0];
    let length = 4;
    let trailing: Error | undefined;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        throw corrupt(si - j);
      }
      const c = src[si++];
      const value = base64Values.get(c);
      if (value !== undefined) {
        quantum[j] = value;
        continue;
      }
      if (isLineBreak(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d || j < 2) throw corrupt(si - 1);
      if (j === 2) {
        // "==" is due: the second '=' may come after line breaks.
        while (si < src.length && isLineBreak(src[si])) si++;
        if (si === src.length) throw corrupt(src.length);
        if (src[si] !== 0x3d) throw corrupt(si - 1);
        si++;
      }
      while (si < src.length && isLineBreak(src[si])) si++;
      if (si < src.length) trailing = corrupt(si);
      length = j;
      break;
    }
    const bits = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
    out.push(...[(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff].slice(0, length - 1));
    if (trailing) throw trailing;
    if (length < 4) return Buffer.from(out);
  }
}
