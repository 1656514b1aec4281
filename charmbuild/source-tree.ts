// Which files of a charm source tree make up the charm, and their fingerprint. The rules follow
// charmcraft's default .jujuignore (VCS directories, .tox, the top-level venv/ and build/),
// plus the outputs of packing and of running tools in the tree, so none of them changes the
// fingerprint or ends up in the built charm.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ignoredAnywhere = new Set([
  '.git', '.svn', '.hg', '.bzr', '.tox', '.jujuignore', '__pycache__',
  '.pytest_cache', '.mypy_cache', '.ruff_cache', '.unit-state.db',
]);
const ignoredAtTop = new Set(['venv', '.venv', 'build', 'parts', 'stage', 'prime', 'revision']);

function ignored(name: string, top: boolean): boolean {
  return ignoredAnywhere.has(name) || (top && (ignoredAtTop.has(name) || name.endsWith('.charm')));
}

export interface SourceEntry {
  /** Path relative to the tree's root, `/`-separated. */
  path: string;
  symlink: boolean;
}

/** The files and symlinks of the tree that belong to the charm, in a stable order. */
export function sourceEntries(root: string, sub = ''): SourceEntry[] {
  const entries = readdirSync(join(root, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry): SourceEntry[] => {
    if (ignored(entry.name, sub === '')) return [];
    const path = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) return [{ path, symlink: true }];
    if (entry.isDirectory()) return sourceEntries(root, path);
    return entry.isFile() ? [{ path, symlink: false }] : [];
  });
}

/** sha256 over `extra` and the entries' paths, kinds, executable bits, sizes and contents (or link targets). */
export function fingerprint(root: string, entries: SourceEntry[], extra: string[]): string {
  const hash = createHash('sha256');
  for (const item of extra) hash.update(`${item}\0`);
  for (const { path, symlink } of entries) {
    const full = join(root, path);
    if (symlink) {
      hash.update(`${path}\0link\0${readlinkSync(full)}\0`);
    } else {
      const stat = statSync(full);
      hash.update(`${path}\0${stat.mode & 0o111 ? 'exec' : 'file'}\0${stat.size}\0`);
      hash.update(readFileSync(full));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** Copies the entries into dest, keeping modes and symlinks as they are. */
export function copyEntries(root: string, entries: SourceEntry[], dest: string): void {
  for (const { path, symlink } of entries) {
    const target = join(dest, path);
    mkdirSync(dirname(target), { recursive: true });
    if (symlink) symlinkSync(readlinkSync(join(root, path)), target);
    else copyFileSync(join(root, path), target);
  }
}
