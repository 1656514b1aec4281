// A bundle as `deploy` takes it from disk: which paths name one, and its charms' paths made
// absolute and checked, so that a bundle that cannot be deployed whole is refused before any
// charm is built.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { localCharmPath, parseBundleYaml, type ParsedBundle } from '../core/bundle.js';
import { JujuSimError } from '../core/errors.js';

/** The bundle file (absolute) a path names, relative to cwd: a .yaml file, or a directory with
 *  a bundle.yaml and no charm. */
export function bundleFile(cwd: string, given: string): string | undefined {
  const path = resolve(cwd, given);
  if (!existsSync(path)) return undefined;
  if (statSync(path).isFile()) return ['.yaml', '.yml'].includes(extname(path)) ? path : undefined;
  const isCharm = ['metadata.yaml', 'charmcraft.yaml'].some((name) => existsSync(join(path, name)));
  return !isCharm && existsSync(join(path, 'bundle.yaml')) ? join(path, 'bundle.yaml') : undefined;
}

/**
 * The bundle in `file` (absolute), each charm's path absolute (Juju reads them relative to the
 * bundle's directory). The file is the user's: `read` is the caller's io.readFile.
 */
export async function readBundle(file: string, read: (path: string) => Promise<Buffer>): Promise<ParsedBundle> {
  let text: string;
  try {
    text = (await read(file)).toString('utf8');
  } catch (err) {
    throw new JujuSimError(`cannot read bundle "${file}": ${(err as Error).message}`);
  }
  const { bundle, warnings } = parseBundleYaml(text);
  const dir = dirname(file);
  const applications = bundle.applications.map((app) => ({ ...app, charm: localCharmPath(app.charm, dir) }));
  const missing = applications.filter((app) => !existsSync(app.charm));
  if (missing.length > 0) {
    throw new JujuSimError(missing.map((app) => `charm path in application "${app.name}" does not exist: ${app.charm}`).join('\n'));
  }
  return { bundle: { ...bundle, applications }, warnings };
}
