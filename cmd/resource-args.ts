// `--resource name=path`, repeatable, as `juju deploy` and `juju refresh` take it (Juju's
// stringMap flag): each name once. The files are read here, by the caller's process, and sent
// to the daemon as their content.
import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import type { CommandIO } from './io.js';

/** Commander's parser of one `--resource` value, with Juju's errors for a bad one. */
export function resourceArg(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq < 0) throw new InvalidArgumentError(`badly formatted name value pair: ${value}`);
  const name = value.slice(0, eq);
  if (Object.hasOwn(previous, name)) throw new InvalidArgumentError(`duplicate name specified: "${name}"`);
  return { ...previous, [name]: value.slice(eq + 1) };
}

/**
 * Each resource's file, read through the caller, as the control protocol carries it (base64).
 * A file named for several resources is read once: the front end reads each file of a call once.
 */
export async function readResources(io: CommandIO, resources: Record<string, string> = {}): Promise<Record<string, string>> {
  const read = new Map<string, string>();
  const files: Record<string, string> = {};
  for (const [name, path] of Object.entries(resources)) {
    const absolute = resolve(io.cwd, path);
    if (!read.has(absolute)) read.set(absolute, (await io.readFile(absolute)).toString('base64'));
    files[name] = read.get(absolute)!;
  }
  return files;
}
