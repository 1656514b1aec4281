// What add-secret and update-secret read from their arguments, as Juju's
// SecretUpsertContentCommand does: `key=value`, `key#base64=…` and `key#file=<path>`
// arguments, and --file with a YAML or JSON map, whose keys win. Relative paths are the user's,
// and the front end reads each file (io.readFile): the content is parsed as the hook tools parse
// it, asking for each file it needs and starting over once it has it.
import type { Command } from 'commander';
import { createSecretData, readSecretData } from '../core/secret-content.js';
import { NeedClientStepError, toolIO, type StepOutcome } from '../core/tool-io.js';
import type { CommandIO } from './io.js';

/** The content, each value base64-encoded; empty when none was given. What cannot be read is a usage error (exit 2), as in Juju's Init. */
export async function secretContent(io: CommandIO, command: Command, args: string[], file: string | undefined): Promise<Record<string, string>> {
  const read = new Map<string, StepOutcome>();
  for (;;) {
    const files = toolIO(io.cwd, (step) => (step.kind === 'read' ? read.get(step.path) : undefined), io.stdout, io.stderr);
    try {
      const content = createSecretData(args, files, io.cwd);
      if (file !== undefined) for (const [key, value] of readSecretData(file, files, io.cwd)) content.set(key, value);
      return Object.fromEntries(content);
    } catch (err) {
      if (err instanceof NeedClientStepError && err.step.kind === 'read' && !read.has(err.step.path)) {
        const path = err.step.path;
        read.set(path, await io.readFile(path).then(
          (data) => ({ error: '', data }),
          (failure: Error) => ({ error: failure.message, data: Buffer.alloc(0) }),
        ));
        continue;
      }
      command.error((err as Error).message, { exitCode: 2 });
    }
  }
}
