// juju/cmd's FileVar with "-" as its stdin marker: the --file option of relation-set and
// state-set.

import type { ToolIO } from '../core/tool-io.js';
import type { FlagValue } from '../core/gnuflag.js';
import { absPath } from '../core/go-file.js';

/** A path option; its help default is the bare path. An empty path means no file. */
export class FileVar implements FlagValue {
  path = '';

  set(text: string): void {
    this.path = text;
  }

  toString(): string {
    return this.path;
  }

  /** FileVar.Open read to the end: the tool's stdin for "-", else the file under the caller's
   *  directory, which the client reads (see ToolIO.readFile). */
  read(io: ToolIO): Buffer {
    if (this.path === '-') return io.stdin();
    return io.readFile(absPath(io.dir, this.path));
  }
}
