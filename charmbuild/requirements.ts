// What a charm's venv is filled with when the tree has no requirements.txt: charmcraft's uv and
// poetry plugins install a pyproject.toml project's dependencies, pinned by its lock file. We
// read uv.lock (every version the charm was tested with) or, without one, the
// [project] dependencies of pyproject.toml, and give pip exact requirement lines. Python's own
// tomllib reads the TOML, so this needs Python 3.11 or later, as the charms that use it do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Python } from './python.js';

/**
 * From uv.lock: the packages the project (the package whose source is the tree itself) depends
 * on, directly or not, each `name==version` with the environment marker of the edge that
 * brought it in (none if any edge had none). Dev groups are not followed, as `uv sync --no-dev`.
 */
const readLock = `
import sys, tomllib
with open(sys.argv[1], 'rb') as f:
    lock = tomllib.load(f)
packages = {}
root = None
for package in lock.get('package', []):
    packages.setdefault(package['name'], package)
    source = package.get('source', {})
    if source.get('virtual') == '.' or source.get('editable') == '.':
        root = package
if root is None:
    sys.exit('uv.lock has no package for the charm itself (source virtual or editable ".")')
markers = {}
def follow(edges, parent):
    for edge in edges:
        name, own = edge['name'], edge.get('marker')
        marker = f'({parent}) and ({own})' if parent and own else parent or own
        if name in markers and markers[name] in (None, marker):
            continue
        # Reached under two different conditions: install it unconditionally.
        markers[name] = None if name in markers else marker
        package = packages.get(name)
        if package is None:
            sys.exit(f'uv.lock names {name} but does not lock it')
        follow(package.get('dependencies', []), markers[name])
        for extra in edge.get('extra', []):
            follow(package.get('optional-dependencies', {}).get(extra, []), markers[name])
follow(root.get('dependencies', []), None)
for name in sorted(markers):
    marker = markers[name]
    print(f"{name}=={packages[name]['version']}" + (f'; {marker}' if marker else ''))
`;

/** From pyproject.toml alone: its [project] dependencies as written. */
const readProject = `
import sys, tomllib
with open(sys.argv[1], 'rb') as f:
    project = tomllib.load(f).get('project', {})
for requirement in project.get('dependencies', []):
    print(requirement)
`;

/** The requirement lines of a tree with no requirements.txt; undefined when it has none of these either. */
export async function projectRequirements(sourceDir: string, py: Python): Promise<string[] | undefined> {
  const lock = join(sourceDir, 'uv.lock');
  const project = join(sourceDir, 'pyproject.toml');
  const [script, file] = existsSync(lock) ? [readLock, lock] : existsSync(project) ? [readProject, project] : [];
  if (script === undefined || file === undefined) return undefined;
  // Loaded when first needed, as step.ts says why.
  const { execa } = await import('execa');
  const r = await execa(py.executable, ['-c', script, file], { reject: false, stdin: 'ignore' });
  if (r.exitCode !== 0) {
    const why = String(r.stderr).trim().split('\n').pop() ?? '';
    throw new Error(`cannot read the dependencies of ${file}: ${why.includes('tomllib') ? `Python ${py.version} has no tomllib (3.11 or later needed)` : why}`);
  }
  return String(r.stdout).split('\n').filter((line) => line !== '');
}
