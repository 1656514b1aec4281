// A bundle as `deploy` takes it from disk: which paths name one, and its charms' paths made
// absolute and checked, so that a bundle that cannot be deployed whole is refused before any
// charm is built.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { localCharmPath, parseBundleYaml, type ParsedBundle } from '../core/bundle.js';
import { JujuSimError } from '../core/errors.js';

/** The bundle file a path names: a .yaml file, or a directory with a bundle.yaml and no charm. */
export function bundleFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isFile()) return ['.yaml', '.yml'].includes(extname(path)) ? path : undefined;
  const isCharm = ['metadata.yaml', 'charmcraft.yaml'].some((name) => existsSync(join(path, name)));
  return !isCharm && existsSync(join(path, 'bundle.yaml')) ? join(path, 'bundle.yaml') : undefined;
}

/** The bundle in `file`, each charm's path absolute (Juju reads them relative to the bundle's directory). */
export function readBundle(file: string): ParsedBundle {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new JujuSimError(`cannot read bundle "${file}": ${(err as Error).message}`);
  }
  const { bundle, warnings } = parseBundleYaml(text);
  const dir = dirname(resolve(file));
  const applications = bundle.applications.map((app) => ({ ...app, charm: localCharmPath(app.charm, dir) }));
  const missing = applications.filter((app) => !existsSync(app.charm));
  if (missing.length > 0) {
    throw new JujuSimError(missing.map((app) => `charm path in application "${app.name}" does not exist: ${app.charm}`).join('\n'));
  }
  return { bundle: { ...bundle, applications }, warnings };
}
