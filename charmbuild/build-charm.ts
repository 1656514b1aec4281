// Builds a charm source tree into what `charmcraft pack` would put in the .charm, unzipped:
// the tree's files, the generated metadata.yaml / config.yaml / actions.yaml, a venv with the
// requirements, and a dispatch. The result is cached under the fingerprint of the sources and
// the interpreter, so an unchanged tree is never built twice.
import { chmodSync, cpSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cached } from './cache.js';
import { readCharmcraftProject } from './charmcraft.js';
import { dispatchScript } from '../core/dispatch.js';
import type { BuildOptions } from './options.js';
import { python } from './python.js';
import { copyEntries, fingerprint, sourceEntries } from './source-tree.js';
import { BuildError, steps } from './step.js';
import { charmVenv } from './venv.js';

/** Changes whenever what this builder writes changes, so older builds are not reused. */
const builderVersion = 'juju-sim charm build 2';

export async function buildCharm(sourceDir: string, options: BuildOptions): Promise<{ dir: string; built: boolean }> {
  const project = readCharmcraftProject(sourceDir);
  const py = await python();
  const entries = sourceEntries(sourceDir);
  const dir = join(options.cache, 'charms', fingerprint(sourceDir, entries, [builderVersion, py.executable, py.version]));
  const started = Date.now();
  const step = steps(project.name, options.progress);

  const built = await cached(dir, async (tmp) => {
    copyEntries(sourceDir, entries, tmp);
    const shipped = new Set(entries.map((e) => e.path));
    for (const [file, text] of project.generated) if (!shipped.has(file)) writeFileSync(join(tmp, file), text);

    if (!shipped.has(project.entrypoint)) {
      throw new BuildError(project.name, 'finding the entry point', `${project.entrypoint} does not exist in ${sourceDir}`);
    }
    const entrypoint = join(tmp, project.entrypoint);
    // The entry point must be executable for the older dispatch form (charmcraft#1931).
    chmodSync(entrypoint, statSync(entrypoint).mode | 0o111);
    // As charmcraft: a charm that brings its own dispatch or hooks keeps them.
    if (!shipped.has('dispatch') && !entries.some((e) => e.path.startsWith('hooks/'))) {
      writeFileSync(join(tmp, 'dispatch'), dispatchScript(project.entrypoint), { mode: 0o755 });
    }

    const venv = await charmVenv(sourceDir, options.cache, py, step);
    cpSync(venv, join(tmp, 'venv'), { recursive: true, verbatimSymlinks: true });
  });
  if (built) options.progress(`building charm ${project.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir, built };
}
