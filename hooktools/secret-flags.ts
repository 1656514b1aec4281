// The options secret-add and secret-set share, as Juju's jujuc secretUpsertCommand reads them:
// --expire (a time or a Go duration from now), --rotate, --owner, --description, --label and
// --file; the content itself is read by secret-content.ts.

import type { ToolIO } from '../core/tool-io.js';
import type { SecretUpsert } from '../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../core/gnuflag.js';
import { parseDuration } from '../core/go-duration.js';
import { formatRFC3339Nano, parseGoTime, RFC3339 } from '../core/go-time.js';
import { createSecretData, readSecretData } from '../core/secret-content.js';

const rotatePolicies = ['never', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'];

type SecretOwner = 'application' | 'unit';

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

/**
 * An RFC 3339 time, a time without zone (UTC), or a Go duration from now. Returns the time
 * as Go prints a UTC time.Time in RFC 3339 (nanoseconds, trailing zeros dropped).
 */
export function parseExpiry(spec: string, now: Date): string {
  const time = parseGoTime(RFC3339, spec) ?? parseGoTime('2006-01-02T15:04:05', spec);
  if (time !== undefined) return formatRFC3339Nano(time);
  let duration: bigint;
  try {
    duration = parseDuration(spec);
  } catch {
    // Juju words it so, whatever time.ParseDuration said.
    throw new Error(`expire time or duration ${goQuote(spec)} not valid`);
  }
  if (duration <= 0n) throw new Error(`negative expire duration ${goQuote(spec)} not valid`);
  return formatRFC3339Nano(BigInt(now.getTime()) * 1_000_000n + duration);
}
