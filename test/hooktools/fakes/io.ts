// A ToolIO whose client takes each step as soon as the tool needs it (reading stdin, reading
// and writing the caller's files), and keeps what the tool writes.

import { closeSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { toolIO, type ClientSteps, type StepOutcome, type ToolIO } from '../../../core/tool-io.js';
import { goFileCall, readGoFile } from '../../../core/go-file.js';

export interface FakeIOOptions {
  /** Absent: the client has not sent its stdin yet, so reading it asks for that step. */
  stdin?: string;
  /** The client has not read the files a tool reads yet, so reading one asks for that step.
   *  Otherwise it reads and writes the caller's files at once, on disk, with the real client's
   *  words for failures. */
  fileNotSent?: boolean;
  /** The caller's working directory; the system temporary directory by default. */
  dir?: string;
}

/** A step's outcome: what it read, or its failure. */
function outcome(step: () => Buffer): StepOutcome {
  try {
    return { error: '', data: step() };
  } catch (err) {
    return { error: (err as Error).message, data: Buffer.alloc(0) };
  }
}

/** os.Create and a write, as the client does them. */
function writeGoFile(path: string, data: Buffer): Buffer {
  const fd = goFileCall('open', path, () => openSync(path, 'w+', 0o666));
  try {
    goFileCall('write', path, () => writeFileSync(fd, data));
  } finally {
    closeSync(fd);
  }
  return Buffer.alloc(0);
}

export function fakeIO(options: FakeIOOptions = {}): ToolIO & { out(): string; err(): string } {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const writer = (chunks: Buffer[]) => ({
    write: (data: string | Uint8Array) => void chunks.push(Buffer.from(data)),
  });
  const client: ClientSteps = (step) => {
    switch (step.kind) {
      case 'stdin':
        return options.stdin === undefined ? undefined : { error: '', data: Buffer.from(options.stdin) };
      case 'read':
        return options.fileNotSent ? undefined : outcome(() => readGoFile(step.path));
      case 'write':
        return outcome(() => writeGoFile(step.path, step.data));
    }
  };
  return {
    ...toolIO(options.dir ?? tmpdir(), client, writer(stdout), writer(stderr)),
    out: () => Buffer.concat(stdout).toString(),
    err: () => Buffer.concat(stderr).toString(),
  };
}
