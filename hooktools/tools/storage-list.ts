// storage-list [<storage-name>]: the ids of the storage instances attached to the unit,
// optionally only those of one storage name from metadata.yaml.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextStorage } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';

export class StorageListCommand implements ToolCommand {
  private readonly out = new Output();
  private storageName = '';

  constructor(private readonly ctx: ContextStorage) {}

  info(): ToolInfo {
    return {
      name: 'storage-list',
      args: '[<storage-name>]',
      purpose: 'List the storage instances attached to the unit.',
      doc: [
        'Prints the id (<storage name>/<number>) of each storage instance attached to the',
        'unit, or only of those with the given storage name. An id can be passed to',
        'storage-get with -s.',
      ].join('\n'),
      examples: `
    storage-list
    storage-list pgdata
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    if (args.length > 0) this.storageName = args[0];
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    const ids = this.ctx
      .storageIds()
      .filter((id) => this.storageName === '' || id.slice(0, id.lastIndexOf('/')) === this.storageName);
    this.out.write(io, ids);
  }
}

export const storageList: ToolFactory = (ctx) => new StorageListCommand(ctx);
