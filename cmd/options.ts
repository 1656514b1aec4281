// Option parsers shared by several commands.
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../core/go-duration.js';

export function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** A hook run's number, as `history` lists it. */
export function hookRunNumber(text: string): number {
  try {
    return positiveInt(text);
  } catch {
    throw new InvalidArgumentError('expected a hook run number');
  }
}

/** A duration as Go parses one (`90s`, `10m`, `1h30m`, `500ms`), in milliseconds; not negative. */
export function duration(text: string): number {
  let nanoseconds: bigint;
  try {
    nanoseconds = parseDuration(text);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  if (nanoseconds < 0n) throw new InvalidArgumentError(`invalid duration "${text}": negative`);
  return Number(nanoseconds) / 1e6;
}
