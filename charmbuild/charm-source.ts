// What a path given to `deploy` or `build` is, and the built charm directory it stands for. The
// daemon only ever gets a built directory: a packed .charm is unpacked and a source tree
// (charmcraft.yaml, no dispatch or hooks) is built first, both into the cache. A built reactive
// charm also gets the Python environment its hooks look for at ../.venv.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isZip, unpackCharm } from './archive.js';
import { buildCharm } from './build-charm.js';
import { defaultBuildOptions, type BuildOptions } from './options.js';
import { buildReactiveCharm, isReactiveCharm } from './reactive-charm.js';

export type CharmSourceKind = 'built' | 'reactive' | 'archive' | 'source';

/** What `path` (relative to `cwd`) is; errors name it as given. */
export function charmSourceKind(given: string, cwd = process.cwd()): CharmSourceKind {
  const path = resolve(cwd, given);
  if (!existsSync(path)) throw new Error(`no charm was found at "${given}"`);
  if (statSync(path).isFile()) {
    if (isZip(path)) return 'archive';
    throw new Error(`"${given}" is not a charm: expected a charm directory or a .charm file`);
  }
  const has = (name: string): boolean => existsSync(join(path, name));
  if (isReactiveCharm(path)) return 'reactive';
  const runnable = has('dispatch') || has('hooks');
  if (has('metadata.yaml') && runnable) return 'built';
  if (has('charmcraft.yaml')) return 'source';
  if (has('metadata.yaml')) return 'built';
  throw new Error(`"${given}" is not a charm: it has neither metadata.yaml nor charmcraft.yaml`);
}

export interface BuiltCharm {
  dir: string;
  /** Whether this call had to build or unpack it. */
  built: boolean;
  /** A prepared Python environment each unit should find at `../.venv` (built reactive charms). */
  unitVenv?: string;
}

/** The built charm directory for `path`. */
export async function builtCharm(path: string, options: BuildOptions = defaultBuildOptions()): Promise<BuiltCharm> {
  const full = resolve(options.cwd ?? process.cwd(), path);
  switch (charmSourceKind(path, options.cwd)) {
    case 'built':
      return { dir: full, built: false };
    case 'reactive':
      return buildReactiveCharm(full, options);
    case 'archive': {
      // charmcraft's reactive plugin packs a built reactive charm: it needs its venv all the same.
      const unpacked = await unpackCharm(full, options);
      if (!isReactiveCharm(unpacked.dir)) return unpacked;
      const reactive = await buildReactiveCharm(unpacked.dir, options);
      return { ...reactive, built: unpacked.built || reactive.built };
    }
    case 'source':
      return buildCharm(full, options);
  }
}

