// A secret's content as Juju's core/secrets reads it from secret-add's and secret-set's
// arguments (`key=value`, `key#base64=<base64>`, `key#file=<path>`, and --file with a YAML or
// JSON map) and keeps it, base64-encoded; and the way back for secret-get, the stored content
// decoded as Go decodes it.
//
// Juju reads the files in the agent process, so a relative path is relative to the agent's
// working directory, not the hook's; here that is the daemon's. The client reads each file by
// that absolute path (ToolIO.readFile), which a failure then names (ops passes absolute paths).
// The command line's add-secret and update-secret read them in the user's directory instead.

import { isAbsolute } from 'node:path';
import { userInfo } from 'node:os';
import { NeedClientStepError, type ToolIO } from './tool-io.js';
import { goBase64Decode } from './base64.js';
import { goQuote } from './gnuflag.js';
import { goClean } from './go-file.js';
import { unmarshalStringMap } from './yaml/string-map.js';

/**
 * core/secrets' limits since Juju 3.6.9: 1 MB for one value and for the whole secret, counted
 * base64-encoded, and 1 MB for a file named by `#file` or --file.
 */
const maxSecretValueBytes = 1000 * 1000;
const maxSecretContentBytes = 1000 * 1000;
const maxSecretFileBytes = 1000 * 1000;

/** At least three characters: lower-case letters and digits, single dashes inside. */
const secretKey = /^[a-z](?:-?[a-z0-9]){2,}$/;

/**
 * CreateSecretData: `key=value` arguments, base64-encoded. A `#file` value is read at once; a
 * `#base64` value is kept as given.
 */
export function createSecretData(args: string[], io: ToolIO, dir = process.cwd()): Map<string, string> {
  const data = new Map<string, Buffer>();
  for (const arg of args) {
    // Base64 padding may end the value, so the key ends at the first '=' before it.
    const eq = arg.replace(/=+$/, '').indexOf('=');
    if (eq < 1) throw new Error(`key value ${goQuote(arg)} not valid`);
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    if (key.endsWith('#file')) {
      const name = key.slice(0, -'#file'.length);
      data.set(name, readValueFile(name, value, io, dir));
    } else {
      data.set(key, Buffer.from(value));
    }
  }
  return encodeSecretData(data);
}

function readValueFile(key: string, path: string, io: ToolIO, dir: string): Buffer {
  const normalized = normalizePath(path);
  let data: Buffer;
  try {
    // Juju reads the path as given, not the normalized one it measures.
    data = io.readFile(inDir(dir, path));
  } catch (err) {
    if (err instanceof NeedClientStepError) throw err;
    throw new Error(`reading content for secret key ${goQuote(key)}: ${(err as Error).message}`);
  }
  checkFileSize(normalized, data);
  return data;
}

/** ReadSecretData: a JSON object of strings, or failing that a YAML map, base64-encoded. */
export function readSecretData(file: string, io: ToolIO, dir = process.cwd()): Map<string, string> {
  const path = normalizePath(file);
  const text = io.readFile(inDir(dir, path));
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

/**
 * A path as the reading process opens it: a relative one in its working directory, which for a
 * hook tool is the agent's (the daemon's), and for the command line the user's.
 */
function inDir(dir: string, path: string): string {
  return isAbsolute(path) ? path : `${dir}/${path}`;
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
