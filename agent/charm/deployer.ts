// Puts a charm into a unit's charm directory as Juju's manifest deployer does: the new charm's
// files are written over whatever is there, files that only the previous charm shipped are
// removed, and everything else the charm created at run time (state files, markers, caches)
// stays. Each deployed charm's file list (its manifest) is kept in the unit's agent directory,
// and the charm directory names the charm URL it holds in `.juju-charm`, and the one it is
// being given in `.juju-deploying` until that deploy has finished.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { dirname, join } from 'node:path';

const charmURLFile = '.juju-charm';
const deployingURLFile = '.juju-deploying';

/** Files of a charm source that are never part of a deployed charm. */
const notDeployed = new Set(['.git', '.unit-state.db', '.tox', '__pycache__', charmURLFile, deployingURLFile]);

/** Every file, directory and symlink a charm ships, relative to its root, each directory before what it holds. */
function* charmEntries(root: string, dir = ''): Generator<{ path: string; entry: Dirent }> {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (notDeployed.has(entry.name)) continue;
    const path = join(dir, entry.name);
    yield { path, entry };
    if (entry.isDirectory()) yield* charmEntries(root, path);
  }
}

/**
 * Writes the charm at `from` over what is at `to`, as Juju expands a charm archive: a directory
 * already there is kept, and whatever else is in the way of one of the charm's directories,
 * files or symlinks is removed first. So a file changed into a directory or a symlink (or back)
 * is no conflict, and a file is never written through a symlink the previous charm left there
 * (a venv's `bin/python3` points at the interpreter it was made with).
 *
 * Python modules written over drop the bytecode their directory cached: Python trusts a .pyc
 * while its source keeps the size and the mtime's second it was compiled from, so a module
 * refreshed in the second it was first imported, to code of the same length, would go on running
 * the old code. (The copy's new mtime already makes Python recompile it in any later second.)
 */
export function copyCharm(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  const staleBytecode = new Set<string>();
  for (const { path, entry } of charmEntries(from)) {
    const [source, target] = [join(from, path), join(to, path)];
    const existing = lstatSync(target, { throwIfNoEntry: false });
    if (entry.isDirectory()) {
      if (existing?.isDirectory()) continue;
      if (existing) rmSync(target, { recursive: true, force: true });
      mkdirSync(target);
      chmodSync(target, statSync(source).mode);
      continue;
    }
    if (existing) rmSync(target, { recursive: true, force: true });
    if (existing?.isFile() && path.endsWith('.py')) staleBytecode.add(join(dirname(target), '__pycache__'));
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else copyFileSync(source, target);
  }
  for (const cache of staleBytecode) rmSync(cache, { recursive: true, force: true });
}

const manifestPath = (agentDir: string, url: string): string => join(agentDir, 'manifests', url.replace(/[^a-zA-Z0-9.-]/g, '_'));

/** The charm URL named by `file` in charmDir and its manifest; an unknown manifest removes nothing. */
function charmIn(charmDir: string, agentDir: string, file: string): { url: string; manifest: string[] } | undefined {
  const urlFile = join(charmDir, file);
  if (!existsSync(urlFile)) return undefined;
  const url = readFileSync(urlFile, 'utf8').trim();
  const manifest = manifestPath(agentDir, url);
  return { url, manifest: existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as string[]) : [] };
}

/** Whether some directory above `path` in charmDir is now a symlink, which may lead out of the charm. */
function underSymlink(charmDir: string, path: string): boolean {
  for (let parent = dirname(path); parent !== '.'; parent = dirname(parent)) {
    if (lstatSync(join(charmDir, parent), { throwIfNoEntry: false })?.isSymbolicLink()) return true;
  }
  return false;
}

/** Removes from charmDir what `old` shipped and `kept` does not. */
function removeDiff(charmDir: string, old: string[], kept: string[]): void {
  const keep = new Set(kept);
  for (const path of old.filter((p) => !keep.has(p)).sort()) {
    // Its directory was removed or replaced already; removing through a symlink could delete
    // files that are not the charm's.
    if (underSymlink(charmDir, path)) continue;
    rmSync(join(charmDir, path), { recursive: true, force: true });
  }
}

/**
 * Deploys the charm at `from` (charm URL `url`) into charmDir; a no-op when it is there already.
 * A deploy that failed part way is finished by the next one; if that one is another charm, the
 * files only the interrupted charm shipped go first.
 */
export function deployCharm(from: string, charmDir: string, agentDir: string, url: string): void {
  const base = charmIn(charmDir, agentDir, charmURLFile);
  if (base?.url === url) return;
  const manifest = [...charmEntries(from)].map((e) => e.path);
  mkdirSync(join(agentDir, 'manifests'), { recursive: true });
  writeFileSync(manifestPath(agentDir, url), JSON.stringify(manifest));
  const interrupted = charmIn(charmDir, agentDir, deployingURLFile);
  if (interrupted && interrupted.url !== url) removeDiff(charmDir, interrupted.manifest, base?.manifest ?? []);
  mkdirSync(charmDir, { recursive: true });
  writeFileSync(join(charmDir, deployingURLFile), `${url}\n`);
  if (base) removeDiff(charmDir, base.manifest, manifest);
  copyCharm(from, charmDir);
  renameSync(join(charmDir, deployingURLFile), join(charmDir, charmURLFile));
}
