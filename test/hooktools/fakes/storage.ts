// A ContextStorage with fixed attachments, an optional hook storage, and storage-add recorded.

import { type ContextStorage, type StorageAttachment } from '../../../core/hook-context.js';
import { JujuSimError, NotFoundError } from '../../../core/errors.js';

export class FakeStorage implements ContextStorage {
  readonly added: Array<Record<string, number>> = [];

  constructor(
    private readonly attachments: Record<string, StorageAttachment>,
    /** The storage of the running storage hook, '' outside one. */
    private readonly hook = '',
    /** When set, storage-add requests fail with this message. */
    private readonly addFailure?: string,
  ) {}

  storageIds(): string[] {
    return Object.keys(this.attachments);
  }

  storage(id: string): StorageAttachment {
    if (!Object.hasOwn(this.attachments, id)) throw new NotFoundError(`storage instance "${id}"`);
    return this.attachments[id];
  }

  hookStorage(): string {
    return this.hook;
  }

  addUnitStorage(constraints: Record<string, number>): void {
    if (this.addFailure !== undefined) throw new JujuSimError(this.addFailure);
    this.added.push(constraints);
  }
}
