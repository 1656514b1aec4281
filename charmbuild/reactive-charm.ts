// A built reactive charm (what charm-tools writes: metadata.yaml, hooks/, reactive/ and a
// wheelhouse.txt) runs as it is. What layer-basic does on a unit's first hook (apt-get, a
// virtualenv at ../.venv filled from the wheelhouse) is done here once, into the cache: a venv
// with the charm's Python requirements, which every unit then finds at ../.venv.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cached } from './cache.js';
import { charmName } from './charm-name.js';
import type { BuildOptions } from './options.js';
import { python } from './python.js';
import { copyEntries, fingerprint, sourceEntries } from './source-tree.js';
import { steps } from './step.js';
import { ubuntuShim } from './ubuntu-shim.js';
import { pythonVenv } from './venv.js';

/** Changes whenever what this builder writes changes, so older builds are not reused. */
const builderVersion = 'juju-sim reactive charm 1';

/**
 * charms.reactive 1.5.3 imports pkg_resources and charmhelpers 1.2.1 imports distutils; from
 * Python 3.12 on, only a setuptools before 81 still provides both.
 */
const setuptools = 'setuptools<81';

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** metadata.yaml, hooks/ and reactive/ make a built reactive charm; wheelhouse.txt says what it runs with. */
export function isReactiveCharm(dir: string): boolean {
  return existsSync(join(dir, 'metadata.yaml')) && isDir(join(dir, 'hooks')) && isDir(join(dir, 'reactive')) && existsSync(join(dir, 'wheelhouse.txt'));
}

export async function buildReactiveCharm(sourceDir: string, options: BuildOptions): Promise<{ dir: string; built: boolean; unitVenv: string }> {
  const py = await python();
  const entries = sourceEntries(sourceDir);
  const dir = join(options.cache, 'charms', fingerprint(sourceDir, entries, [builderVersion]));
  const name = charmName(sourceDir);
  const step = steps(name, options.progress);
  const started = Date.now();

  // layer-basic installs every archive of wheelhouse/, which charm-tools fills from wheelhouse.txt.
  const unitVenv = await pythonVenv(
    { sourceDir, requirements: 'wheelhouse.txt', extraRequirements: [setuptools], findLinks: 'wheelhouse', sitePackages: ubuntuShim },
    options.cache,
    py,
    step,
  );
  const built = await cached(dir, async (tmp) => {
    copyEntries(sourceDir, entries, tmp);
    // The sentinel of layer-basic's finished bootstrap: with it, a hook only re-executes itself
    // in ../.venv, instead of running apt-get and pip as root on the first hook.
    if (isDir(join(tmp, 'wheelhouse'))) writeFileSync(join(tmp, 'wheelhouse', '.bootstrapped'), '');
  });
  if (built) options.progress(`building charm ${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir, built, unitVenv };
}
