// A charm's Python dependencies, as a real virtualenv made by the chosen interpreter. Made the
// way charmcraft's python plugin does it: a venv without pip of its own, filled by the
// interpreter's pip through `--python`. Venvs are cached by interpreter and requirements, so
// editing a charm's code rebuilds the charm but does not reinstall its dependencies.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { cached } from './cache.js';
import type { Python } from './python.js';
import type { Step } from './step.js';

/**
 * Quiet, never prompting, without pip's check for a newer pip, and without colours (which pip
 * uses when FORCE_COLOR is set, and which would end up in the error message).
 */
const pipFlags = ['--disable-pip-version-check', '--no-input', '--quiet', '--progress-bar', 'off', '--no-color'];

/** A requirements file and the ones it pulls in with -r / -c, each once: what pip will read. */
function requirementFiles(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const included = [...readFileSync(file, 'utf8').matchAll(/^\s*(?:-r|-c|--requirement|--constraint)(?:\s+|=)(\S+)/gm)];
  return [file, ...included.flatMap((m) => requirementFiles(resolve(dirname(file), m[1]), seen))];
}

/** The cached venv for the tree's requirements.txt (an empty venv when it has none). */
export async function charmVenv(sourceDir: string, cache: string, py: Python, step: Step): Promise<string> {
  const requirements = join(sourceDir, 'requirements.txt');
  const hash = createHash('sha256').update(`${py.executable}\0${py.version}\0`);
  // Relative names, so trees with the same requirements share one venv wherever they are.
  for (const file of requirementFiles(requirements)) hash.update(`${relative(sourceDir, file)}\0`).update(readFileSync(file)).update('\0');
  const dir = join(cache, 'venvs', hash.digest('hex'));
  await cached(dir, async (tmp) => {
    await step('creating venv', py.executable, ['-m', 'venv', '--without-pip', tmp]);
    if (existsSync(requirements)) {
      await step('installing requirements', py.executable, ['-m', 'pip', '--python', join(tmp, 'bin', 'python'), 'install', ...pipFlags, '-r', requirements], {
        cwd: sourceDir,
      });
    }
  });
  return dir;
}
