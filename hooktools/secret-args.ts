// What the secret tools read from their arguments, as Juju's jujuc secret commands and
// core/secrets read it: for secret-add and secret-set the content (`key=value`,
// `key#base64=<base64>`, `key#file=<path>`, and --file with a YAML or JSON map), --expire,
// --rotate and --owner. Also the way back for secret-get: the stored base64 content decoded as Go decodes it.
//
// Juju reads the files in the agent process, so a relative path is relative to the agent's
// working directory, not the hook's; here that is the daemon's. The client reads each file by
// that absolute path (ToolIO.readFile), which a failure then names (ops passes absolute paths).

import { isAbsolute } from 'node:path';
import { userInfo } from 'node:os';
import { NeedClientStepError, type ToolIO } from '../core/tool-io.js';
import type { SecretUpsert } from '../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../core/gnuflag.js';
import { goClean } from '../core/go-file.js';
import { unmarshalStringMap } from '../core/yaml/string-map.js';

const rotatePolicies = ['never', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'];

type SecretOwner = 'application' | 'unit';

/**
 * core/secrets' limits since Juju 3.6.9: 1 MB for one value and for the whole secret, counted
 * base64-encoded, and 1 MB for a file named by `#file` or --file.
 */
const maxSecretValueBytes = 1000 * 1000;
const maxSecretContentBytes = 1000 * 1000;
const maxSecretFileBytes = 1000 * 1000;

/** At least three characters: lower-case letters and digits, single dashes inside. */
const secretKey = /^[a-z](?:-?[a-z0-9]){2,}$/;

/** The options secret-add and secret-set share (Juju's secretUpsertCommand). */
export class SecretUpsertFlags {
  private expire!: FlagRef<string>;
  private rotate!: FlagRef<string>;
  private description!: FlagRef<string>;
  private label!: FlagRef<string>;
  private file!: FlagRef<string>;
  private ownerFlag!: FlagRef<string>;

  setFlags(f: FlagSet): void {
    this.expire = f.string(['expire'], '', 'When the secret expires: a time (RFC 3339) or a duration (24h)');
    this.rotate = f.string(['rotate'], '', `How often the secret should be rotated: ${rotatePolicies.join(', ')}`);
    this.description = f.string(['description'], '', 'What the secret is for');
    this.label = f.string(['label'], '', 'A name for the secret that hooks can use instead of its ID');
    this.file = f.string(['file'], '', 'A YAML or JSON file of keys and values to store');
    this.ownerFlag = f.string(['owner'], 'application', 'Who owns the secret: application or unit');
  }

  /** The --file option, '' when not given. */
  get fileName(): string {
    return this.file.value;
  }

  /** Valid once parse() has succeeded. */
  get owner(): SecretOwner {
    return this.ownerFlag.value as SecretOwner;
  }

  /**
   * secretUpsertCommand.Init: the options are checked, then the content is read (files
   * included, at once) and encoded. Content from --file overrides the arguments' keys.
   */
  parse(args: string[], now: Date, io: ToolIO): SecretUpsert {
    const upsert: SecretUpsert = {};
    if (this.expire.value !== '') upsert.expireTime = parseExpiry(this.expire.value, now);
    if (this.rotate.value !== '') {
      if (!rotatePolicies.includes(this.rotate.value)) {
        throw new Error(`rotate policy ${goQuote(this.rotate.value)} not valid`);
      }
      upsert.rotatePolicy = this.rotate.value;
    }
    if (this.ownerFlag.value !== 'application' && this.ownerFlag.value !== 'unit') {
      throw new Error(`secret owner ${goQuote(this.ownerFlag.value)} not valid`);
    }
    const content = createSecretData(args, io);
    if (this.file.value !== '') {
      for (const [key, value] of readSecretData(this.file.value, io)) content.set(key, value);
    }
    // An empty map is "no new content" (secret-set), or an error (secret-add).
    if (content.size > 0) upsert.value = Object.fromEntries(content);
    if (this.description.value !== '') upsert.description = this.description.value;
    if (this.label.value !== '') upsert.label = this.label.value;
    return upsert;
  }
}

// ---- content ----

/**
 * CreateSecretData: `key=value` arguments, base64-encoded. A `#file` value is read at once; a
 * `#base64` value is kept as given.
 */
export function createSecretData(args: string[], io: ToolIO): Map<string, string> {
  const data = new Map<string, Buffer>();
  for (const arg of args) {
    // Base64 padding may end the value, so the key ends at the first '=' before it.
    const eq = arg.replace(/=+$/, '').indexOf('=');
    if (eq < 1) throw new Error(`key value ${goQuote(arg)} not valid`);
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    if (key.endsWith('#file')) {
      const name = key.slice(0, -'#file'.length);
      data.set(name, readValueFile(name, value, io));
    } else {
      data.set(key, Buffer.from(value));
    }
  }
  return encodeSecretData(data);
}

function readValueFile(key: string, path: string, io: ToolIO): Buffer {
  const normalized = normalizePath(path);
  let data: Buffer;
  try {
    // Juju reads the path as given, not the normalized one it measures.
    data = io.readFile(inAgentDir(path));
  } catch (err) {
    if (err instanceof NeedClientStepError) throw err;
    throw new Error(`reading content for secret key ${goQuote(key)}: ${(err as Error).message}`);
  }
  checkFileSize(normalized, data);
  return data;
}

/** ReadSecretData: a JSON object of strings, or failing that a YAML map, base64-encoded. */
export function readSecretData(file: string, io: ToolIO): Map<string, string> {
  const path = normalizePath(file);
  const text = io.readFile(inAgentDir(path));
  checkFileSize(path, text);
  const map = jsonStringMap(text.toString('utf8')) ?? unmarshalStringMap(text);
  return encodeSecretData(new Map([...map].map(([key, value]) => [key, Buffer.from(value)])));
}

/**
 * Juju measures a file with os.Stat before it reads it, and refuses one over 1 MB. The client's
 * bytes are the same measure for a regular file; a FIFO or a device, which stat calls empty, is
 * measured too, and a file over the request limit fails as the client reads it.
 */
function checkFileSize(path: string, data: Buffer): void {
  if (data.length > maxSecretFileBytes) {
    throw new Error(`secret content in file ${goQuote(path)} too large: ${data.length} bytes`);
  }
}

/** A path as the agent process opens it: a relative one in its working directory. */
function inAgentDir(path: string): string {
  return isAbsolute(path) ? path : `${process.cwd()}/${path}`;
}

/** encoding/json into a map[string]string: undefined when Go's decoder would fail. */
function jsonStringMap(text: string): Map<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null) return new Map();
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    // A JSON null leaves the element its zero value.
    if (value !== null && typeof value !== 'string') return undefined;
    map.set(key, value ?? '');
  }
  return map;
}

/** encodeBase64: keys checked, values encoded unless `#base64`, sizes checked encoded. */
function encodeSecretData(data: Map<string, Buffer>): Map<string, string> {
  const out = new Map<string, string>();
  let total = 0;
  for (const [given, value] of data) {
    const encoded = given.endsWith('#base64');
    const key = encoded ? given.slice(0, -'#base64'.length) : given;
    if (!secretKey.test(key)) throw new Error(`key ${goQuote(key)} not valid`);
    const text = encoded ? value.toString('utf8') : value.toString('base64');
    const size = encoded ? value.length : text.length;
    if (size > maxSecretValueBytes) {
      throw new Error(`base64 encoded secret content for key ${goQuote(key)} too large: ${size} bytes`);
    }
    out.set(key, text);
    total += size;
  }
  if (total > maxSecretContentBytes) throw new Error(`base64 encoded secret content too large: ${total} bytes`);
  return out;
}

/**
 * juju/utils NormalizePath: a `~` anywhere starts a home directory (`~/x` is $HOME's, `~name/x`
 * that user's), then filepath.Clean. Its user name is the path with each `~…` replaced by the
 * name after it, so `/a/~/b` asks for user `/a/`.
 */
function normalizePath(path: string): string {
  const tilde = /~([^/]*)(.*)/g;
  let expanded = path;
  if (path.includes('~')) {
    const home = homeOf(path.replace(tilde, '$1'));
    expanded = path.replace(tilde, (_match, _user, rest: string) => home + rest);
  }
  return goClean(expanded);
}

function homeOf(user: string): string {
  if (user === '') return process.env.HOME ?? '';
  const me = userInfo();
  if (user === me.username) return me.homedir;
  throw new Error(`user: unknown user ${user}`);
}

// ---- --expire ----

/**
 * An RFC 3339 time, a time without zone (UTC), or a Go duration from now. Returns the time
 * as Go prints a UTC time.Time in RFC 3339 (nanoseconds, trailing zeros dropped).
 */
export function parseExpiry(spec: string, now: Date): string {
  const time = parseGoTime(spec, true) ?? parseGoTime(spec, false);
  if (time !== undefined) return formatGoTime(time);
  const duration = parseGoDuration(spec);
  if (duration === undefined) throw new Error(`expire time or duration ${goQuote(spec)} not valid`);
  if (duration <= 0n) throw new Error(`negative expire duration ${goQuote(spec)} not valid`);
  return formatGoTime(BigInt(now.getTime()) * 1_000_000n + duration);
}

const NANOS_PER_SECOND = 1_000_000_000n;

// time.Parse's general parser with layout 2006-01-02T15:04:05[Z07:00]: the hour may have one
// digit, a fraction (after `.` or `,`) may follow the seconds, and nothing else may.
const goDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?/;
const goZone = /^(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** time.Parse(time.RFC3339) or time.Parse("2006-01-02T15:04:05"), as nanoseconds since the epoch. */
function parseGoTime(s: string, withZone: boolean): bigint | undefined {
  const m = goDateTime.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const rest = s.slice(m[0].length);
  let offset = 0;
  if (withZone) {
    const zone = goZone.exec(rest);
    if (!zone) return undefined;
    if (zone[1] !== undefined) {
      const [zoneHour, zoneMinute] = [Number(zone[2]), Number(zone[3])];
      // Go allows offsets of 24 hours or 60 minutes.
      if (zoneHour > 24 || zoneMinute > 60) return undefined;
      offset = (zone[1] === '-' ? -1 : 1) * (zoneHour * 3600 + zoneMinute * 60);
    }
  } else if (rest !== '') {
    return undefined;
  }
  // Only nine digits of a fraction count.
  const nanos = BigInt((m[7] ?? '').slice(0, 9).padEnd(9, '0'));
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return BigInt(seconds) * NANOS_PER_SECOND + nanos;
}

/** time.Time.UTC().Format(time.RFC3339Nano) of a time given in nanoseconds since the epoch. */
function formatGoTime(nanos: bigint): string {
  const seconds = floorDiv(nanos, NANOS_PER_SECOND);
  const fraction = nanos - seconds * NANOS_PER_SECOND;
  const days = Number(floorDiv(seconds, 86400n));
  const ofDay = Number(seconds - BigInt(days) * 86400n);
  const [year, month, day] = civilFromDays(days);
  const two = (n: number) => String(n).padStart(2, '0');
  const yearText = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  const clock = `${two(Math.floor(ofDay / 3600))}:${two(Math.floor(ofDay / 60) % 60)}:${two(ofDay % 60)}`;
  const digits = fraction === 0n ? '' : `.${fraction.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${yearText}-${two(month)}-${two(day)}T${clock}${digits}Z`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const durationUnits = new Map<string, bigint>([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', 1_000_000n],
  ['s', NANOS_PER_SECOND],
  ['m', 60n * NANOS_PER_SECOND],
  ['h', 3600n * NANOS_PER_SECOND],
]);

const INT64_LIMIT = 1n << 63n;

/** time.ParseDuration in nanoseconds; undefined where Go returns an error. */
export function parseGoDuration(orig: string): bigint | undefined {
  let s = orig;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole, fraction] = [number[1], number[2]];
    if (whole === '' && !fraction) return undefined;
    s = s.slice(number[0].length);
    const unitText = /^[^.0-9]*/.exec(s)![0];
    s = s.slice(unitText.length);
    const unit = durationUnits.get(unitText);
    if (unit === undefined) return undefined;
    let value = whole === '' ? 0n : BigInt(whole);
    if (value > INT64_LIMIT || value > INT64_LIMIT / unit) return undefined;
    value *= unit;
    const [f, scale] = leadingFraction(fraction ?? '');
    if (f > 0n) {
      // Go adds the fraction in float64, truncated.
      value += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (value > INT64_LIMIT) return undefined;
    }
    total += value;
    if (total > INT64_LIMIT) return undefined;
  }
  if (negative) return -total;
  return total > INT64_LIMIT - 1n ? undefined : total;
}

/** Go's leadingFraction: digits past what an int64 holds are ignored. */
function leadingFraction(digits: string): [bigint, number] {
  let x = 0n;
  let scale = 1;
  for (const c of digits) {
    const next = x * 10n + BigInt(c);
    if (x > (INT64_LIMIT - 1n) / 10n || next > INT64_LIMIT) break;
    x = next;
    scale *= 10;
  }
  return [x, scale];
}

// ---- secret-get: the stored content decoded ----

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

/** SecretValue.Values(): every value decoded; one that does not decode fails the whole read. */
export function decodeSecretContent(content: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(content).map(([key, value]) => [key, goBase64Decode(value)]));
}

/** SecretValue.KeyValue: `key#base64` gives the stored (encoded) text. */
export function secretKeyValue(content: Record<string, string>, key: string): Buffer {
  const encoded = key.endsWith('#base64');
  const name = encoded ? key.slice(0, -'#base64'.length) : key;
  if (!Object.hasOwn(content, name)) throw new Error(`secret key value ${goQuote(name)} not found`);
  return encoded ? Buffer.from(content[name]) : goBase64Decode(content[name]);
}
