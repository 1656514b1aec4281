// The Go values hook tools print, as the formatters see them: JavaScript values plus the Go
// types JavaScript has no twin of.

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

/**
 * A Go string of any bytes, valid UTF-8 or not (a secret's decoded value): yaml.v2 prints
 * invalid UTF-8 as `!!binary` base64, encoding/json each invalid byte as `\ufffd`.
 */
export class GoBytes {
  constructor(readonly bytes: Buffer) {}

  /** The text when the bytes are valid UTF-8 (as Go's utf8.ValidString judges), else undefined. */
  text(): string | undefined {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(this.bytes);
    } catch {
      return undefined;
    }
  }

  /** Go's range over the string: each rune, or null for a byte that starts no valid one (utf8.RuneError, width 1). */
  runes(): Array<number | null> {
    const b = this.bytes;
    const out: Array<number | null> = [];
    for (let i = 0; i < b.length; ) {
      const [rune, width] = decodeRune(b, i);
      out.push(rune);
      i += width;
    }
    return out;
  }
}

/** utf8.DecodeRune: the rune at i and its width, or null and width 1 for an invalid byte. */
function decodeRune(b: Buffer, i: number): [number | null, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  const width = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (width === 0 || i + width > b.length) return [null, 1];
  // The second byte's range depends on the first (no overlongs, surrogates or runes past U+10FFFF).
  const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
  if (b[i + 1] < lo || b[i + 1] > hi) return [null, 1];
  let rune = c & (0xff >> (width + 1));
  for (let k = 1; k < width; k++) {
    if (k > 1 && (b[i + k] & 0xc0) !== 0x80) return [null, 1];
    rune = (rune << 6) | (b[i + k] & 0x3f);
  }
  return [rune, width];
}

export type GoValue =
  | null
  | undefined
  | string
  | GoBytes
  | number
  | boolean
  | GoFloat
  | GoTime
  | GoStruct
  | GoValue[]
  | { [key: string]: GoValue };
