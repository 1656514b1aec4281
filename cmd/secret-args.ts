// What add-secret and update-secret read from their arguments, as Juju's
// SecretUpsertContentCommand does: `key=value`, `key#base64=…` and `key#file=<path>`
// arguments, and --file with a YAML or JSON map, whose keys win. Files are read here, in the
// command's own process and directory, as Juju's client reads them.
import type { Command } from 'commander';
import { readGoFile } from '../core/go-file.js';
import { createSecretData, readSecretData } from '../core/secret-content.js';
import type { ToolIO } from '../core/tool-io.js';

const commandIO: ToolIO = {
  dir: process.cwd(),
  stdin: () => Buffer.alloc(0),
  readFile: (path) => readGoFile(path),
  createFile: () => {
    throw new Error('add-secret writes no files');
  },
  stdout: process.stdout,
  stderr: process.stderr,
};

/** The content, each value base64-encoded; empty when none was given. What cannot be read is a usage error (exit 2), as in Juju's Init. */
export function secretContent(command: Command, args: string[], file: string | undefined): Record<string, string> {
  try {
    const content = createSecretData(args, commandIO);
    if (file !== undefined) for (const [key, value] of readSecretData(file, commandIO)) content.set(key, value);
    return Object.fromEntries(content);
  } catch (err) {
    command.error((err as Error).message, { exitCode: 2 });
  }
}
