// A charm's Python dependencies, as a real virtualenv made by the chosen interpreter. Made the
// way charmcraft's python plugin does it: a venv without pip of its own, filled by the
// interpreter's pip through `--python`. Venvs are cached by interpreter and everything pip is
// given, so editing a charm's code rebuilds the charm but does not reinstall its dependencies.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { cached } from './cache.js';
import type { Python } from './python.js';
import { projectRequirements } from './requirements.js';
import type { Step } from './step.js';

/**
 * Quiet, never prompting, without pip's check for a newer pip, and without colours (which pip
 * uses when FORCE_COLOR is set, and which would end up in the error message).
 */
const pipFlags = ['--disable-pip-version-check', '--no-input', '--quiet', '--progress-bar', 'off', '--no-color'];

/** Changes whenever how venvs are made changes, so older venvs are not reused. */
const venvVersion = 'juju-sim venv 2';

/**
 * pip and venv write the venv's own path into its scripts (console-script shebangs, `activate`).
 * The venv is built under a temporary name and then renamed, so point them at the final one:
 * a bash handler of a reactive charm runs `charms.reactive` from ../.venv/bin.
 */
function relocateScripts(tmp: string, dir: string): void {
  const bin = join(tmp, 'bin');
  for (const name of readdirSync(bin)) {
    const file = join(bin, name);
    if (!lstatSync(file).isFile()) continue;
    const text = readFileSync(file, 'latin1');
    if (text.includes(tmp)) writeFileSync(file, text.replaceAll(tmp, dir), 'latin1');
  }
}

/** A requirements file and the ones it pulls in with -r / -c, each once: what pip will read. */
function requirementFiles(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const included = [...readFileSync(file, 'utf8').matchAll(/^\s*(?:-r|-c|--requirement|--constraint)(?:\s+|=)(\S+)/gm)];
  return [file, ...included.flatMap((m) => requirementFiles(resolve(dirname(file), m[1]), seen))];
}

export interface VenvSpec {
  /** The charm tree the requirements belong to; paths in the cache key are relative to it. */
  sourceDir: string;
  /** The requirements file, relative to sourceDir; the venv stays empty of it when it is absent. */
  requirements: string;
  /** Requirements given to pip besides the file. */
  extraRequirements?: string[];
  /** A directory of archives pip may install from, relative to sourceDir, if it exists. */
  findLinks?: string;
  /** Modules written into the venv's site-packages after the install: file name → text. */
  sitePackages?: Record<string, string>;
}

/** The files of a find-links directory, sorted. */
const archives = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')).sort() : []);

/** The cached venv for the spec. */
export async function pythonVenv(spec: VenvSpec, cache: string, py: Python, step: Step): Promise<string> {
  const requirements = join(spec.sourceDir, spec.requirements);
  const extra = spec.extraRequirements ?? [];
  const findLinks = spec.findLinks === undefined ? undefined : join(spec.sourceDir, spec.findLinks);
  const sitePackages = Object.entries(spec.sitePackages ?? {});

  const hash = createHash('sha256').update(`${venvVersion}\0${py.executable}\0${py.version}\0`);
  // Relative names, so trees with the same requirements share one venv wherever they are.
  for (const file of requirementFiles(requirements)) hash.update(`${relative(spec.sourceDir, file)}\0`).update(readFileSync(file)).update('\0');
  for (const requirement of extra) hash.update(`extra\0${requirement}\0`);
  for (const name of findLinks ? archives(findLinks) : []) hash.update(`find-links\0${name}\0`).update(readFileSync(join(findLinks!, name))).update('\0');
  for (const [name, text] of sitePackages) hash.update(`site-packages\0${name}\0${text}\0`);
  const dir = join(cache, 'venvs', hash.digest('hex'));

  await cached(dir, async (tmp) => {
    await step('creating venv', py.executable, ['-m', 'venv', '--without-pip', tmp]);
    const args = [...(existsSync(requirements) ? ['-r', requirements] : []), ...extra];
    if (args.length) {
      const links = findLinks && existsSync(findLinks) ? ['--find-links', findLinks] : [];
      await step('installing requirements', py.executable, ['-m', 'pip', '--python', join(tmp, 'bin', 'python'), 'install', ...pipFlags, ...links, ...args], {
        cwd: spec.sourceDir,
      });
    }
    const [major, minor] = py.version.split('.');
    for (const [name, text] of sitePackages) writeFileSync(join(tmp, 'lib', `python${major}.${minor}`, 'site-packages', name), text);
    relocateScripts(tmp, dir);
  });
  return dir;
}

/**
 * The cached venv for a charmcraft tree: its requirements.txt (the charm plugin), else the
 * locked dependencies of its pyproject.toml (the uv and poetry plugins); empty when it has none.
 */
export async function charmVenv(sourceDir: string, cache: string, py: Python, step: Step): Promise<string> {
  const requirements = 'requirements.txt';
  const locked = existsSync(join(sourceDir, requirements)) ? undefined : await projectRequirements(sourceDir, py);
  return pythonVenv({ sourceDir, requirements, extraRequirements: locked }, cache, py, step);
}
