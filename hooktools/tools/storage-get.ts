// storage-get [-s <storage-id>] [<key>]: print the kind and location of a storage instance
// attached to the unit, or one of them. -s defaults to the storage of the running storage hook.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import { UsageError } from '../../core/errors.js';
import type { ContextStorage } from '../../core/hook-context.js';
import { goQuote, type FlagSet, type FlagValue } from '../../core/gnuflag.js';
import { type GoValue } from '../../core/format.js';
import { Output } from '../output.js';

/** names.IsValidStorage: `<storage name>/<number>`. */
const storageId = /^[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*\/(?:0|[1-9][0-9]*)$/;

/**
 * The -s option (Juju's storageIdValue): an attached storage id, by default the hook's. Help
 * shows the default bare, `-s  (= data/0)`, which ops 3.0–3.3 read back out of `--help`.
 */
export class StorageIdValue implements FlagValue {
  id: string;

  constructor(private readonly ctx: ContextStorage) {
    this.id = ctx.hookStorage();
  }

  set(text: string): void {
    if (!storageId.test(text)) throw new Error(`invalid storage ID ${goQuote(text)}`);
    this.ctx.storage(text);
    this.id = text;
  }

  toString(): string {
    return this.id;
  }
}

export class StorageGetCommand implements ToolCommand {
  private readonly out = new Output();
  private readonly storage: StorageIdValue;
  private key = '';

  constructor(private readonly ctx: ContextStorage) {
    this.storage = new StorageIdValue(ctx);
  }

  info(): ToolInfo {
    return {
      name: 'storage-get',
      args: '[<key>]',
      purpose: 'Print information about a storage instance attached to the unit.',
      doc: [
        'Prints the kind (block or filesystem) and location of a storage instance, or the',
        "one attribute named by <key>. In a storage hook the instance is the hook's own",
        'unless -s names another (an id as storage-list prints it); elsewhere -s is needed.',
      ].join('\n'),
      examples: `
    storage-get location
    storage-get -s data/0 --format=json
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    f.var(['s'], this.storage, 'Specify a storage instance by id');
  }

  init(args: string[]): void {
    if (this.storage.id === '') throw new UsageError('no storage instance specified');
    if (args.length > 0) this.key = args[0];
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    const attachment = this.ctx.storage(this.storage.id);
    const values: Record<string, GoValue> = { kind: attachment.kind, location: attachment.location };
    if (this.key === '') {
      this.out.write(io, values);
      return;
    }
    if (!Object.hasOwn(values, this.key)) throw new Error(`invalid storage attribute ${goQuote(this.key)}`);
    this.out.write(io, values[this.key]);
  }
}

export const storageGet: ToolFactory = (ctx) => new StorageGetCommand(ctx);
