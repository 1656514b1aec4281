// storage-add <storage name>[=<count>]…: ask for more instances of the charm's storage. The
// request is buffered and made when the hook exits 0.

import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';
import { UsageError } from '../../core/errors.js';
import type { ContextStorage } from '../../core/hook-context.js';
import { goParseUint, goQuote } from '../../core/gnuflag.js';

/** One parsed storage constraint (Juju's storage.Constraints); a size only matters when set. */
interface StorageConstraints {
  pool: string;
  /** MiB, as utils.ParseSize gives it; 0 is no size. */
  size: bigint;
  count: bigint;
}

export class StorageAddCommand implements ToolCommand {
  private counts: Record<string, number> = {};

  constructor(private readonly ctx: ContextStorage) {}

  info(): ToolInfo {
    return {
      name: 'storage-add',
      args: '<charm storage name>[=count] ...',
      purpose: 'Add storage instances to the unit.',
      doc: [
        'Asks for <count> more instances (1 when not given) of each named storage, as',
        'declared in the charm metadata. The request is made when the hook succeeds; the',
        'new instances then arrive through storage-attached hooks.',
      ].join('\n'),
      examples: `
    storage-add data
    storage-add logs=2 cache
`,
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    if (args.length === 0) throw new UsageError('storage add requires a storage directive');
    const directives = new Map<string, StorageConstraints>();
    for (const arg of args) {
      const parts = arg.split('=');
      const name = parts[0];
      if (parts.length > 2 || name === '') {
        throw new UsageError(`expected "name=constraints" or "name", got ${goQuote(arg)}`);
      }
      if (directives.has(name)) throw new UsageError(`storage ${goQuote(name)} specified more than once`);
      try {
        directives.set(name, parseConstraints(parts[1] ?? '1'));
      } catch (err) {
        throw new UsageError(`cannot parse constraints for storage ${goQuote(name)}: ${(err as Error).message}`);
      }
    }
    // A charm may only ask for a number of instances; pools and sizes come from the deployment.
    for (const [name, cons] of directives) {
      if (cons.pool !== '' || cons.size !== 0n) throw new UsageError(`only count can be specified for ${goQuote(name)}`);
      this.counts[name] = Number(cons.count);
    }
  }

  run(): void {
    this.ctx.addUnitStorage(this.counts);
  }
}

const poolName = /^[a-zA-Z]+[-?a-zA-Z0-9]*$/;
const countField = /^-?[0-9]+$/;
const sizeField = /^-?[0-9]+(?:\.[0-9]+)?[MGTPEZY](?:i?B)?$/;

/** storage.ParseConstraints: comma-separated pool, count and size, in any order, each once. */
function parseConstraints(text: string): StorageConstraints {
  const cons: StorageConstraints = { pool: '', size: 0n, count: 0n };
  for (const field of text.split(',')) {
    if (field === '') continue;
    if (poolName.test(field)) {
      if (cons.pool !== '') {
        throw new Error(`pool name is already set to ${goQuote(cons.pool)}, new value ${goQuote(field)} not valid`);
      }
      cons.pool = field;
      continue;
    }
    const count = countField.test(field) ? parseCount(field) : undefined;
    if (count !== undefined) {
      // A count or a size given twice is refused, unless the first one was a zero size.
      if (cons.count !== 0n) throw new Error(`storage instance count is already set to ${cons.count}, new value ${count} not valid`);
      cons.count = count;
      continue;
    }
    if (sizeField.test(field)) {
      const size = parseSize(field);
      if (cons.size !== 0n) throw new Error(`storage size is already set to ${cons.size}, new value ${size} not valid`);
      cons.size = size;
      continue;
    }
    throw new Error(`unrecognized storage constraint ${goQuote(field)} not valid`);
  }
  if (cons.count === 0n && cons.size === 0n && cons.pool === '') {
    throw new Error('storage constraints require at least one field to be specified');
  }
  if (cons.count === 0n) cons.count = 1n;
  return cons;
}

/** A count field; undefined when it is too big for a uint64 (Juju then tries it as a size). */
function parseCount(field: string): bigint | undefined {
  let n = 0n;
  if (!field.startsWith('-')) {
    try {
      n = goParseUint(field, 10);
    } catch {
      return undefined;
    }
  }
  if (n === 0n) throw new Error(`cannot parse count: count must be greater than zero, got ${goQuote(field)}`);
  return n;
}

const sizeSuffixes = 'MGTPEZY';

/** utils.ParseSize: the size in MiB, rounded up (the field already matched sizeField). */
function parseSize(field: string): bigint {
  // The number ends at the suffix, unless a sign comes first: then the whole field is read.
  const suffixAt = field.search(/[MGTPEZY]/);
  const number = field.startsWith('-') ? field : field.slice(0, suffixAt);
  const value = Number(number);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`cannot parse size: expected a non-negative number, got ${goQuote(number)}`);
  }
  const mib = Math.ceil(value * 2 ** (10 * sizeSuffixes.indexOf(field[suffixAt])));
  // Go's uint64 conversion of a float64 past its range gives 1<<63 on amd64.
  return mib >= 2 ** 64 ? 1n << 63n : BigInt(mib);
}

export const storageAdd: ToolFactory = (ctx) => new StorageAddCommand(ctx);
