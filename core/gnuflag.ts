// Option parsing as juju/gnuflag does it for Juju's hook tools, with Juju's word "option" in
// every message. The quirks are deliberate: charms in the wild depend on them, so `-r=3` means
// the value "=3", `-relation` means `-r elation`, and a cluster of short options in the last
// argument stops after its first option.

/** A flag's value. `set` throws Error(msg) for `invalid value "<text>" for option -r: <msg>`. */
export interface FlagValue {
  set(text: string): void;
  /** The default as shown in help. */
  toString(): string;
  /** Bool options need no argument: `--app`, or `--app=<bool>`. */
  readonly isBool?: boolean;
}

export interface FlagRef<T> {
  value: T;
}

interface Flag {
  name: string;
  usage: string;
  value: FlagValue;
  /** The value's text when the option was declared, as help shows it. */
  defValue: string;
}

class StringValue implements FlagValue, FlagRef<string> {
  constructor(public value: string) {}
  set(text: string): void {
    this.value = text;
  }
  toString(): string {
    return this.value;
  }
}

class BoolValue implements FlagValue, FlagRef<boolean> {
  readonly isBool = true;
  constructor(public value: boolean) {}
  set(text: string): void {
    this.value = goParseBool(text);
  }
  toString(): string {
    return String(this.value);
  }
}

class IntValue implements FlagValue, FlagRef<number> {
  constructor(public value: number) {}
  set(text: string): void {
    this.value = Number(goParseInt(text));
  }
  toString(): string {
    return String(this.value);
  }
}

export class FlagSet {
  private readonly formal = new Map<string, Flag>();
  private helpSeen = false;

  constructor(readonly name: string) {}

  /** Whether the last parse() stopped at -h or --help. */
  get helpRequested(): boolean {
    return this.helpSeen;
  }

  string(names: string[], def: string, usage: string): FlagRef<string> {
    return this.var(names, new StringValue(def), usage);
  }

  bool(names: string[], def: boolean, usage: string): FlagRef<boolean> {
    return this.var(names, new BoolValue(def), usage);
  }

  int(names: string[], def: number, usage: string): FlagRef<number> {
    return this.var(names, new IntValue(def), usage);
  }

  /** Declares one value under several names (`['r', 'relation']`); help groups them. */
  var<V extends FlagValue>(names: string[], value: V, usage: string): V {
    for (const name of names) {
      if (this.formal.has(name)) throw new Error(`option redefined: ${name}`);
      this.formal.set(name, { name, usage, value, defValue: value.toString() });
    }
    return value;
  }

  /** Parses args with interspersed options; returns the positional args. */
  parse(args: string[]): string[] {
    this.helpSeen = false;
    const positional: string[] = [];
    const pending = [...args];
    // What is left of the argument being read: more short options (`-ab`) or `=value`.
    let rest = '';
    // gnuflag stops when the arguments run out, even with `rest` unread.
    while (pending.length > 0) {
      let name: string;
      let long = false;
      if (rest !== '') {
        name = firstRune(rest);
        rest = rest.slice(name.length);
      } else {
        const arg = pending[0];
        if (arg === '-' || !arg.startsWith('-')) {
          positional.push(arg);
          pending.shift();
          continue;
        }
        if (arg === '--') {
          positional.push(...pending.slice(1));
          break;
        }
        pending.shift();
        if (arg[1] === '-') {
          long = true;
          const eq = arg.indexOf('=');
          if (eq < 0) {
            name = arg.slice(2);
          } else {
            name = arg.slice(2, eq);
            if (name === '') throw new Error(`empty option in argument ${goQuote(arg)}`);
            rest = arg.slice(eq);
          }
        } else {
          name = firstRune(arg.slice(1));
          rest = arg.slice(1 + name.length);
        }
      }

      const flag = this.formal.get(name);
      if (flag === undefined) {
        if (name === 'help' || name === 'h') {
          this.helpSeen = true;
          return positional;
        }
        throw new Error(`option provided but not defined: ${withMinus(name)}`);
      }
      if (flag.value.isBool && !rest.startsWith('=')) {
        try {
          flag.value.set('true');
        } catch (err) {
          throw new Error(`invalid boolean option ${name}: ${messageOf(err)}`);
        }
        continue;
      }
      let value: string | undefined;
      if (rest !== '') {
        // A long option's rest is `=value`; a short option keeps everything after its rune.
        value = long ? rest.slice(1) : rest;
        rest = '';
      } else {
        value = pending.shift();
      }
      if (value === undefined) throw new Error(`option needs an argument: ${withMinus(name)}`);
      try {
        flag.value.set(value);
      } catch (err) {
        throw new Error(`invalid value ${goQuote(value)} for option ${withMinus(name)}: ${messageOf(err)}`);
      }
    }
    return positional;
  }

  /** The "Options:" block of help: names sharing a value grouped, shortest name first. */
  defaults(): string {
    const groups = new Map<FlagValue, Flag[]>();
    for (const flag of this.formal.values()) {
      const group = groups.get(flag.value);
      if (group) group.push(flag);
      else groups.set(flag.value, [flag]);
    }
    const sorted = [...groups.values()].map((group) => group.sort(byLengthThenName));
    sorted.sort((a, b) => compareStrings(a[0].name, b[0].name));
    let out = '';
    for (const group of sorted) {
      const names = group.map((f) => withMinus(f.name)).join(', ');
      const first = group[0];
      const shown = first.value instanceof StringValue ? ` (= ${goQuote(first.defValue)})` : `  (= ${first.defValue})`;
      out += `${names}${shown}\n    ${first.usage}\n`;
    }
    return out;
  }
}

function byLengthThenName(a: Flag, b: Flag): number {
  const la = Buffer.byteLength(a.name);
  const lb = Buffer.byteLength(b.name);
  return la !== lb ? la - lb : compareStrings(a.name, b.name);
}

function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function firstRune(s: string): string {
  return String.fromCodePoint(s.codePointAt(0)!);
}

/** gnuflag names an option by its byte length: one byte `-r`, more `--relation`. */
function withMinus(name: string): string {
  return Buffer.byteLength(name) > 1 ? `--${name}` : `-${name}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---- Go's strconv, as the option values and Go's %q verb use it ----

/** Go's strconv.Quote (the %q verb for a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x22 || c === 0x5c) out += `\\${ch}`;
    else if (isGoPrint(c)) out += ch;
    else if (goEscapes.has(c)) out += goEscapes.get(c);
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    // A lone surrogate reaches Go as the replacement character, which is printable.
    else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else if (c < 0x10000) out += `\\u${hex(c, 4)}`;
    else out += `\\U${hex(c, 8)}`;
  }
  return `${out}"`;
}

/** Go's %q of a []string: `["a" "b"]`. */
export function goQuoteList(items: string[]): string {
  return `[${items.map(goQuote).join(' ')}]`;
}

const goEscapes = new Map([
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
]);

const printableCategories = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isGoPrint(c: number): boolean {
  if (c < 0x80) return c >= 0x20 && c < 0x7f;
  if (c <= 0xff) return c >= 0xa1 && c !== 0xad;
  return printableCategories.test(String.fromCodePoint(c));
}

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, '0');
}

/** strconv.ParseBool. */
export function goParseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_LIMIT = 1n << 63n;

type ScanFailure = 'invalid syntax' | 'value out of range';

/** strconv.ParseInt(s, base, 64)'s value, or why it fails. */
export function scanInt(s: string, base: 0 | 2 | 10 = 0): bigint | ScanFailure {
  if (s === '') return 'invalid syntax';
  const negative = s[0] === '-';
  const magnitude = scanUint(s[0] === '+' || negative ? s.slice(1) : s, base);
  if (typeof magnitude !== 'bigint') return magnitude;
  if (negative ? magnitude > INT64_LIMIT : magnitude >= INT64_LIMIT) return 'value out of range';
  return negative ? -magnitude : magnitude;
}

/** strconv.ParseInt(s, base, 64); base 0 reads 0x/0o/0b/0 prefixes and `_` separators. */
export function goParseInt(s: string, base: 0 | 2 | 10 = 0): bigint {
  const value = scanInt(s, base);
  if (typeof value === 'bigint') return value;
  throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: ${value}`);
}

/** strconv.ParseUint(s, base, 64). */
export function goParseUint(s: string, base: 0 | 2 | 10 = 0): bigint {
  const magnitude = scanUint(s, base);
  if (typeof magnitude === 'bigint') return magnitude;
  throw new Error(`strconv.ParseUint: parsing ${goQuote(s)}: ${magnitude}`);
}

/** strconv.ParseUint(s, base, 64)'s value, or why it fails. */
export function scanUint(s0: string, requestedBase: 0 | 2 | 10): bigint | ScanFailure {
  if (s0 === '') return 'invalid syntax';
  let s = s0;
  let base: number = requestedBase === 0 ? 10 : requestedBase;
  if (requestedBase === 0 && s[0] === '0') {
    const prefix = s.length >= 3 ? asciiLower(s[1]) : '';
    base = prefix === 'b' ? 2 : prefix === 'x' ? 16 : 8;
    s = s.slice(prefix === 'b' || prefix === 'o' || prefix === 'x' ? 2 : 1);
  }
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_' && requestedBase === 0) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return 'invalid syntax';
    n = n * BigInt(base) + BigInt(d);
    if (n > UINT64_MAX) return 'value out of range';
  }
  if (underscores && !underscoreOK(s0)) return 'invalid syntax';
  return n;
}

function digitValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 0x30;
  const lower = asciiLower(c);
  return lower >= 'a' && lower <= 'z' ? lower.charCodeAt(0) - 0x61 + 10 : Infinity;
}

/** Go's byte-wise lower(): sets bit 0x20, which only matters for ASCII letters. */
function asciiLower(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x80 ? String.fromCharCode(code | 0x20) : c;
}

/** Go's rule for `_` in numbers: only between digits, or between a base prefix and a digit. */
export function underscoreOK(s: string): boolean {
  // What came last: '^' start, '0' digit or prefix, '_' underscore, '!' anything else.
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hexDigits = false;
  if (s.length >= 2 && s[0] === '0' && ['b', 'o', 'x'].includes(asciiLower(s[1]))) {
    i = 2;
    saw = '0';
    hexDigits = asciiLower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    const lower = asciiLower(c);
    if ((c >= '0' && c <= '9') || (hexDigits && lower >= 'a' && lower <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}
