// The manifest deployer: a new charm is written over the unit's charm directory whatever the
// previous one left there (files, directories and symlinks in each other's place, a venv's
// symlinks), files only the previous charm shipped go, run-time files stay.
import t from 'tap';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployCharm } from '../../../agent/charm/deployer.js';

/** A tree as path → `file:<text>`, `dir` or `link:<target>`. */
type Tree = Record<string, string>;

function write(root: string, tree: Tree): void {
  mkdirSync(root, { recursive: true });
  for (const [path, what] of Object.entries(tree)) {
    const full = join(root, path);
    if (what === 'dir') mkdirSync(full, { recursive: true });
    else if (what.startsWith('link:')) symlinkSync(what.slice('link:'.length), full);
    else writeFileSync(full, what.slice('file:'.length));
  }
}

function read(root: string, dir = ''): Tree {
  const tree: Tree = {};
  for (const name of readdirSync(join(root, dir)).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(join(root, path));
    if (stat.isSymbolicLink()) tree[path] = `link:${readlinkSync(join(root, path))}`;
    else if (stat.isDirectory()) Object.assign(tree, { [path]: 'dir' }, read(root, path));
    else tree[path] = `file:${readFileSync(join(root, path), 'utf8')}`;
  }
  return tree;
}

function scratch(t: { teardown(fn: () => unknown): void }): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-deployer-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}

t.test('an upgrade writes the new charm over the old, removes what only the old one shipped, keeps run-time files', async (t) => {
  const at = scratch(t);
  write(at('outside'), { python3: 'file:the interpreter' });
  const venv = { venv: 'dir', 'venv/bin': 'dir', 'venv/bin/python3': `link:${at('outside')}/python3`, 'venv/lib': 'dir', 'venv/lib/ops.py': 'file:ops' };
  write(at('v0'), { ...venv, dispatch: 'file:v0', 'old-only': 'dir', 'old-only/x': 'file:x' });
  write(at('v1'), { ...venv, dispatch: 'file:v1', 'new-only': 'file:new' });
  const [charm, agent] = [at('unit/charm'), at('unit')];

  deployCharm(at('v0'), charm, agent, 'local:c-0');
  write(charm, { 'written-at-install': 'file:state', 'venv/lib/cache.pyc': 'file:cache' });
  deployCharm(at('v1'), charm, agent, 'local:c-1');

  t.same(read(charm), {
    '.juju-charm': 'file:local:c-1\n',
    dispatch: 'file:v1',
    'new-only': 'file:new',
    venv: 'dir',
    'venv/bin': 'dir',
    'venv/bin/python3': `link:${at('outside')}/python3`,
    'venv/lib': 'dir',
    'venv/lib/cache.pyc': 'file:cache',
    'venv/lib/ops.py': 'file:ops',
    'written-at-install': 'file:state',
  });
  t.same(read(at('outside')), { python3: 'file:the interpreter' }, 'what the venv points at is untouched');

  writeFileSync(join(charm, 'dispatch'), 'changed at run time');
  deployCharm(at('v1'), charm, agent, 'local:c-1');
  t.equal(readFileSync(join(charm, 'dispatch'), 'utf8'), 'changed at run time', 'the charm deployed already is not deployed again');
});

t.test('an upgrade drops the bytecode cached beside the Python modules it writes over, and only that', async (t) => {
  const at = scratch(t);
  // Python would trust client.cpython-311.pyc if v2's client.py (the same length) were written in
  // the second v1's was first imported.
  write(at('v1'), { reactive: 'dir', 'reactive/client.py': 'file:X = 1', data: 'dir', 'data/table.txt': 'file:1' });
  write(at('v2'), { reactive: 'dir', 'reactive/client.py': 'file:X = 2', data: 'dir', 'data/table.txt': 'file:2' });
  const [charm, agent] = [at('unit/charm'), at('unit')];
  deployCharm(at('v1'), charm, agent, 'local:c-1');
  const bytecode = { 'reactive/__pycache__': 'dir', 'reactive/__pycache__/client.cpython-311.pyc': 'file:X = 1', 'data/__pycache__': 'dir', 'data/__pycache__/kept.pyc': 'file:k' };
  write(charm, bytecode);
  deployCharm(at('v2'), charm, agent, 'local:c-2');
  const tree = read(charm);
  t.notOk('reactive/__pycache__' in tree, 'the rewritten module compiles again');
  t.equal(tree['data/__pycache__/kept.pyc'], 'file:k', 'a directory whose modules were not rewritten keeps its cache');
  t.equal(tree['reactive/client.py'], 'file:X = 2');
});

t.test('a path that changes between file, directory and symlink takes the new charm\'s form', async (t) => {
  const forms: Record<string, Tree> = {
    file: { p: 'file:text' },
    dir: { p: 'dir', 'p/inner': 'file:inner' },
    'link to a file': { p: 'link:target-file' },
    'link to a directory': { p: 'link:target-dir' },
  };
  const targets = { 'target-file': 'file:target', 'target-dir': 'dir', 'target-dir/kept': 'file:kept' };
  for (const [from, before] of Object.entries(forms)) {
    for (const [to, after] of Object.entries(forms)) {
      if (from === to) continue;
      const at = scratch(t);
      write(at('v0'), { ...targets, ...before });
      write(at('v1'), { ...targets, ...after });
      deployCharm(at('v0'), at('charm'), at('agent'), 'local:c-0');
      deployCharm(at('v1'), at('charm'), at('agent'), 'local:c-1');
      t.same(read(at('charm')), { '.juju-charm': 'file:local:c-1\n', ...targets, ...after }, `${from} → ${to}`);
    }
  }
});

t.test('a failed deploy is finished by the next one; the files only an abandoned charm shipped go', async (t) => {
  const at = scratch(t);
  write(at('v0'), { dispatch: 'file:v0' });
  write(at('v1'), { dispatch: 'file:v1', 'v1-only': 'file:v1' });
  write(at('v2'), { dispatch: 'file:v2' });
  const [charm, agent] = [at('unit/charm'), at('unit')];
  deployCharm(at('v0'), charm, agent, 'local:c-0');
  write(charm, { 'written-at-install': 'file:state' });

  // v1 cannot be written: its file is where the unit's directory should be.
  rmSync(charm, { recursive: true });
  writeFileSync(charm, 'in the way');
  t.throws(() => deployCharm(at('v1'), charm, agent, 'local:c-1'), { code: 'EEXIST' });
  rmSync(charm);
  write(charm, { '.juju-charm': 'file:local:c-0\n', '.juju-deploying': 'file:local:c-1\n', dispatch: 'file:v1', 'v1-only': 'file:v1', 'written-at-install': 'file:state' });

  deployCharm(at('v2'), charm, agent, 'local:c-2');
  t.same(read(charm), { '.juju-charm': 'file:local:c-2\n', dispatch: 'file:v2', 'written-at-install': 'file:state' });
});
