// The charm builder: source trees built as charmcraft would pack them, .charm files unpacked,
// both cached. One real build (a venv with ops from PyPI or pip's cache) serves most assertions.
import t from 'tap';
import { execa } from 'execa';
import {
  appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { root } from '../helpers/root.js';
import { builtCharm, charmSourceKind } from '../../charmbuild/charm-source.js';
import { readCharmcraftProject } from '../../charmbuild/charmcraft.js';
import type { BuildOptions } from '../../charmbuild/options.js';
import { python } from '../../charmbuild/python.js';

const fixture = join(root, 'test', 'charms', 'ops-tiny');
const scratch = mkdtempSync(join(tmpdir(), 'jsim-build-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

let lines: string[] = [];
const options = (cache: string): BuildOptions => ({ cache, progress: (line) => lines.push(line) });
/** The progress lines since the last call, with timings made comparable. */
const progress = (): string[] => {
  const seen = lines.map((l) => l.replace(/done in \d+\.\d s$/, 'done in N s'));
  lines = [];
  return seen;
};

/** A copy of the fixture to build (and change) in a test. */
function sourceTree(name: string, change: (dir: string) => void = () => {}): string {
  const dir = join(scratch, name);
  cpSync(fixture, dir, { recursive: true });
  change(dir);
  return dir;
}

/** Every file and symlink under dir, relative, sorted; `venv/` is left out unless asked for. */
function files(dir: string, withVenv = false): string[] {
  const walk = (sub: string): string[] =>
    readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => {
      const path = sub ? `${sub}/${e.name}` : e.name;
      if (!withVenv && path === 'venv') return [];
      return e.isDirectory() ? walk(path) : [path];
    });
  return walk('').sort();
}

const isExecutable = (path: string): boolean => (statSync(path).mode & 0o111) === 0o111;

const cache = join(scratch, 'cache');
// Leftovers of tools and packing in the tree, which must neither be copied nor change the fingerprint.
const src = sourceTree('src', (dir) => {
  for (const junk of ['venv/bin/python', '.tox/py3/x', '.git/HEAD', 'src/__pycache__/charm.cpython-311.pyc', 'build/x', 'ops-tiny_amd64.charm']) {
    mkdirSync(dirname(join(dir, junk)), { recursive: true });
    writeFileSync(join(dir, junk), 'junk');
  }
});
const first = await builtCharm(src, options(cache));

t.test('the first build creates the venv, installs the requirements and says so', async (t) => {
  t.equal(first.built, true);
  t.equal(dirname(first.dir), join(cache, 'charms'));
  t.match(first.dir, /\/[0-9a-f]{64}$/);
  t.same(progress(), [
    'building charm ops-tiny: creating venv…',
    'building charm ops-tiny: installing requirements…',
    'building charm ops-tiny: done in N s',
  ]);
});

t.test('the built charm holds the tree, the generated files, a dispatch and a venv, and no build outputs', async (t) => {
  t.same(files(first.dir), [
    'actions.yaml',
    'charmcraft.yaml',
    'config.yaml',
    'dispatch',
    'lib/charms/tiny/v0/greeting.py',
    'metadata.yaml',
    'requirements.txt',
    'src/charm.py',
  ]);
  t.ok(existsSync(join(first.dir, 'venv', 'pyvenv.cfg')));
  t.equal(statSync(first.dir).mode & 0o777, 0o755);
});

t.test('metadata.yaml, config.yaml and actions.yaml come from charmcraft.yaml as charmcraft writes them', async (t) => {
  const generated: Array<[string, string]> = [
    [
      'metadata.yaml',
      `description: |
  Two lines
  of description.
display-name: Tiny
docs: https://example.com/docs
issues: https://example.com/issues
maintainers:
  - Someone <someone@example.com>
name: ops-tiny
peers:
  replicas:
    interface: tiny-peers
provides:
  website:
    interface: http
requires:
  db:
    interface: pgsql
    limit: 1
summary: The smallest source tree the builder handles.
`,
    ],
    [
      'config.yaml',
      `options:
  port:
    default: 8080
    description: Where to listen.
    type: int
`,
    ],
    [
      'actions.yaml',
      `greet:
  description: Say hello.
  params:
    name:
      type: string
`,
    ],
  ];
  for (const [file, text] of generated) t.equal(readFileSync(join(first.dir, file), 'utf8'), text, file);
});

t.test('dispatch is charmcraft-style and executable, and so is the entry point', async (t) => {
  t.equal(
    readFileSync(join(first.dir, 'dispatch'), 'utf8'),
    `#!/bin/sh
# Written by juju-sim as charmcraft would write it. Paths are made absolute from this
# file's own directory, so the charm can run from wherever it is copied.
cd "$(dirname "$0")" || exit 1
PYTHONPATH="$PWD/lib:$PWD/src" exec "$PWD/venv/bin/python" "$PWD"/'src/charm.py'
`,
  );
  t.ok(isExecutable(join(first.dir, 'dispatch')));
  t.notOk(isExecutable(join(src, 'src', 'charm.py')), 'the fixture entry point is not executable');
  t.ok(isExecutable(join(first.dir, 'src', 'charm.py')));
});

t.test('dispatch runs the entry point with the venv, lib/ and src/, from any working directory', async (t) => {
  const run = async (env: Record<string, string>) => {
    const r = await execa(join(first.dir, 'dispatch'), [], { cwd: scratch, env: { PATH: process.env.PATH!, ...env }, extendEnv: false });
    return JSON.parse(r.stdout);
  };
  t.same(await run({ JUJU_DISPATCH_PATH: 'hooks/install' }), {
    cwd: first.dir,
    prefix: join(first.dir, 'venv'),
    ops: '3.9.0',
    lib: 'hello from lib',
    dispatch_path: 'hooks/install',
  });
  t.equal((await run({})).dispatch_path, null, 'JUJU_DISPATCH_PATH is never given a default');
});

t.test('an unchanged tree is not built again', async (t) => {
  const again = await builtCharm(src, options(cache));
  t.same(again, { dir: first.dir, built: false });
  t.same(progress(), []);
});

t.test('a changed source file gives a new build, which reuses the venv', async (t) => {
  appendFileSync(join(src, 'src', 'charm.py'), '# changed\n');
  const changed = await builtCharm(src, options(cache));
  t.equal(changed.built, true);
  t.not(changed.dir, first.dir);
  t.same(progress(), ['building charm ops-tiny: done in N s']);
  t.match(readFileSync(join(changed.dir, 'src', 'charm.py'), 'utf8'), /# changed\n$/);
  t.ok(existsSync(first.dir), 'the earlier build stays');
});

t.test('a change to the executable bit alone gives a new build', async (t) => {
  const tool = join(src, 'lib', 'tool');
  writeFileSync(tool, 'x');
  chmodSync(tool, 0o644);
  const plain = await builtCharm(src, options(cache));
  chmodSync(tool, 0o755);
  const executable = await builtCharm(src, options(cache));
  t.equal(executable.built, true);
  t.not(executable.dir, plain.dir);
  t.ok(isExecutable(join(executable.dir, 'lib', 'tool')));
  progress();
});

t.test('a change to a file requirements.txt includes gives a new venv', async (t) => {
  progress();
  // No packages at all, so the two installs are quick.
  const tree = sourceTree('included-requirements', (dir) => {
    writeFileSync(join(dir, 'requirements.txt'), '-r requirements/base.txt\n');
    mkdirSync(join(dir, 'requirements'));
    writeFileSync(join(dir, 'requirements', 'base.txt'), '# nothing yet\n');
  });
  const steps = ['building charm ops-tiny: creating venv…', 'building charm ops-tiny: installing requirements…', 'building charm ops-tiny: done in N s'];
  await builtCharm(tree, options(cache));
  t.same(progress(), steps);
  writeFileSync(join(tree, 'requirements', 'base.txt'), '# still nothing\n');
  await builtCharm(tree, options(cache));
  t.same(progress(), steps);
});

t.test('two concurrent builds of one tree agree on one result', async (t) => {
  appendFileSync(join(src, 'src', 'charm.py'), '# changed again\n');
  const [a, b] = await Promise.all([builtCharm(src, options(cache)), builtCharm(src, options(cache))]);
  t.equal(a.dir, b.dir);
  t.equal([a, b].filter((r) => r.built).length, 1);
  t.same(readdirSync(join(cache, 'charms')).filter((name) => name.startsWith('.')), [], 'no temporary directories left');
  progress();
});

t.test('a .charm file is unpacked once, keeping executable bits and symlinks, with or without unzip', async (t) => {
  const packed = join(scratch, 'packed');
  mkdirSync(join(packed, 'hooks'), { recursive: true });
  writeFileSync(join(packed, 'metadata.yaml'), 'name: packed\n');
  writeFileSync(join(packed, 'dispatch'), '#!/bin/sh\necho dispatched\n', { mode: 0o755 });
  writeFileSync(join(packed, 'hooks', 'install'), '#!/bin/sh\n', { mode: 0o755 });
  const py = await python();
  // zipfile stores each file's mode; the symlink entry is written by hand, as zip -y would.
  const pack = async (archive: string) =>
    execa(py.executable, ['-c', `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    for name in ('metadata.yaml', 'dispatch', 'hooks/install'):
        z.write(name)
    link = zipfile.ZipInfo('hooks/start')
    link.external_attr = 0o120777 << 16
    z.writestr(link, 'install')
`, archive], { cwd: packed });

  const facts = (dir: string) => ({
    files: files(dir),
    executable: [isExecutable(join(dir, 'dispatch')), isExecutable(join(dir, 'hooks', 'install'))],
    link: readlinkSync(join(dir, 'hooks', 'start')),
    metadata: readFileSync(join(dir, 'metadata.yaml'), 'utf8'),
  });
  const expected = {
    files: ['dispatch', 'hooks/install', 'hooks/start', 'metadata.yaml'],
    executable: [true, true],
    link: 'install',
    metadata: 'name: packed\n',
  };

  const archive = join(scratch, 'packed_ubuntu@22.04-amd64.charm');
  await pack(archive);
  t.equal(charmSourceKind(archive), 'archive');
  const unpacked = await builtCharm(archive, options(cache));
  t.equal(unpacked.built, true);
  t.equal(dirname(unpacked.dir), join(cache, 'charms'));
  t.same(facts(unpacked.dir), expected, 'unpacked by unzip');
  t.same(await builtCharm(archive, options(cache)), { dir: unpacked.dir, built: false });
  t.same(progress(), ['building charm packed_ubuntu@22.04-amd64.charm: unpacking…']);

  appendFileSync(join(packed, 'dispatch'), '# other content, other archive\n');
  const other = join(scratch, 'other.charm');
  await pack(other);
  const path = process.env.PATH;
  process.env.PATH = join(scratch, 'nothing-here');
  try {
    const byPython = await builtCharm(other, options(cache));
    t.equal(byPython.built, true);
    t.same(facts(byPython.dir), expected, 'unpacked by Python');
  } finally {
    process.env.PATH = path;
  }
  progress();
});

t.test('what a path given to deploy is', async (t) => {
  const dir = (name: string, contents: Record<string, string>): string => {
    const path = join(scratch, 'kinds', name);
    mkdirSync(path, { recursive: true });
    for (const [file, text] of Object.entries(contents)) writeFileSync(join(path, file), text);
    return path;
  };
  const cases: Array<[string, string]> = [
    [fixture, 'source'],
    [first.dir, 'built'],
    [dir('bash-style', { 'metadata.yaml': 'name: x\n', dispatch: '' }), 'built'],
    [dir('split-metadata-source', { 'metadata.yaml': 'name: x\n', 'charmcraft.yaml': 'type: charm\n' }), 'source'],
    [dir('metadata-only', { 'metadata.yaml': 'name: x\n' }), 'built'],
  ];
  for (const [path, kind] of cases) t.equal(charmSourceKind(path), kind, relative(scratch, path));

  const text = join(scratch, 'kinds', 'notes.txt');
  writeFileSync(text, 'hello');
  const errors: Array<[string, string]> = [
    [join(scratch, 'missing'), `no charm was found at "${join(scratch, 'missing')}"`],
    [text, `"${text}" is not a charm: expected a charm directory or a .charm file`],
    [dir('empty', {}), `"${join(scratch, 'kinds', 'empty')}" is not a charm: it has neither metadata.yaml nor charmcraft.yaml`],
  ];
  for (const [path, message] of errors) t.throws(() => charmSourceKind(path), { message }, relative(scratch, path));
});

t.test('charmcraft.yaml: legacy metadata.yaml, entry point, and what is not a charm', async (t) => {
  const project = (name: string, contents: Record<string, string>) => {
    const path = join(scratch, 'projects', name);
    mkdirSync(path, { recursive: true });
    for (const [file, text] of Object.entries(contents)) writeFileSync(join(path, file), text);
    return path;
  };
  const legacy = readCharmcraftProject(
    project('legacy', {
      'charmcraft.yaml': 'type: charm\nparts:\n  charm:\n    charm-entrypoint: src/main.py\n',
      'metadata.yaml': 'name: old-style\n',
    }),
  );
  t.equal(legacy.name, 'old-style');
  t.equal(legacy.entrypoint, 'src/main.py');
  t.same([...legacy.generated.keys()], ['metadata.yaml'], 'generated but unused: the shipped metadata.yaml wins');

  const bundle = project('bundle', { 'charmcraft.yaml': 'type: bundle\n' });
  t.throws(() => readCharmcraftProject(bundle), { message: `${join(bundle, 'charmcraft.yaml')} describes a bundle, not a charm` });
  const nameless = project('nameless', { 'charmcraft.yaml': 'type: charm\nsummary: s\n' });
  t.throws(() => readCharmcraftProject(nameless), { message: `${join(nameless, 'charmcraft.yaml')} has no charm name` });
});

t.test('files a source tree ships itself win over generated ones', async (t) => {
  // With its own metadata.yaml but no dispatch, a tree is still a source tree (older layout);
  // with a dispatch but no metadata.yaml too. Both at once would be a built charm.
  const cases: Array<[string, Record<string, string>]> = [
    ['own-metadata', { 'metadata.yaml': '# hand-written\nname: ops-tiny\n', 'config.yaml': '# hand-written\noptions: {}\n' }],
    ['own-dispatch', { dispatch: '#!/bin/sh\n# hand-written\n', 'actions.yaml': '# hand-written\n{}\n' }],
  ];
  for (const [name, shipped] of cases) {
    const tree = sourceTree(name, (dir) => {
      for (const [file, text] of Object.entries(shipped)) writeFileSync(join(dir, file), text, { mode: 0o755 });
    });
    t.equal(charmSourceKind(tree), 'source', name);
    const built = await builtCharm(tree, options(cache));
    for (const file of ['metadata.yaml', 'config.yaml', 'actions.yaml', 'dispatch']) {
      const text = readFileSync(join(built.dir, file), 'utf8');
      if (file in shipped) t.equal(text, shipped[file], `${name}: ${file} is the shipped one`);
      else t.notMatch(text, /hand-written/, `${name}: ${file} is generated`);
    }
  }
  progress();
});

t.test('a failed build says which step failed and why, and leaves nothing in the cache', async (t) => {
  const failCache = join(scratch, 'fail-cache');
  const bad = sourceTree('bad-requirements', (dir) => writeFileSync(join(dir, 'requirements.txt'), '!!!bad\n'));
  await t.rejects(builtCharm(bad, options(failCache)), {
    message: new RegExp(
      `^building charm ops-tiny: installing requirements failed: ERROR: Invalid requirement: '!!!bad' \\(from line 1 of ${join(bad, 'requirements.txt')}\\)$`,
    ),
  });
  t.same(progress(), ['building charm ops-tiny: creating venv…', 'building charm ops-tiny: installing requirements…']);

  const headless = sourceTree('no-entry-point', (dir) => rmSync(join(dir, 'src', 'charm.py')));
  await t.rejects(builtCharm(headless, options(failCache)), {
    message: `building charm ops-tiny: finding the entry point failed: src/charm.py does not exist in ${headless}`,
  });
  t.same(readdirSync(join(failCache, 'charms')), []);
  t.same(readdirSync(join(failCache, 'venvs')), []);
});
