// A charm's name, read one way wherever juju-sim needs it (deploy's default application name,
// a build's progress lines, pack's file name). Juju knows a charm by the `name` of its
// metadata.yaml, which a built charm always has; charmcraft takes it from the metadata.yaml of a
// project that keeps one (the older layout) and otherwise from charmcraft.yaml, whose metadata
// keys it writes into the metadata.yaml it generates.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type Yaml = Record<string, unknown>;

/** A YAML mapping file of the charm, or undefined when there is none; anything else fails, naming the file. */
export function readCharmYaml(dir: string, file: string): Yaml | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`cannot read ${path}: not a YAML mapping`);
  return value as Yaml;
}

/** The charm's name: metadata.yaml's when there is one, else charmcraft.yaml's; a file without one fails, named. */
export function charmName(dir: string): string {
  const legacy = readCharmYaml(dir, 'metadata.yaml');
  const file = legacy ? 'metadata.yaml' : 'charmcraft.yaml';
  const source = legacy ?? readCharmYaml(dir, file);
  if (source === undefined) throw new Error(`${dir} has neither metadata.yaml nor charmcraft.yaml`);
  const { name } = source;
  if (typeof name !== 'string' || name === '') throw new Error(`${join(dir, file)} has no charm name`);
  return name;
}
