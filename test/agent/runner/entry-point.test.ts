// Which hook handlers the runner may fork from a Python server (agent/runner/entry-point.ts):
// a table of handler texts, each either recognised with the exact interpreter, argv and
// environment the shell would give Python, or not recognised (run as a fresh process).
import t from 'tap';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pythonEntry, type PythonEntry } from '../../../agent/runner/entry-point.js';
import { dispatchScript } from '../../../core/dispatch.js';
import { charm } from '../../helpers/sim.js';

/** The real interpreter (a binary, never a shim), as the charm venvs are made with. */
const python = execFileSync(process.env.JUJU_SIM_PYTHON || 'python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

const root = realpathSync(mkdtempSync(join(tmpdir(), 'entry-point-')));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, 'charm');
const bin = join(root, 'bin');
const shims = join(root, 'shims');
for (const d of [`${dir}/src`, `${dir}/lib`, `${dir}/hooks`, `${dir}/venv/bin`, `${dir}/venv/lib/python3.11/site-packages`, bin, shims, `${root}/.venv/bin`]) mkdirSync(d, { recursive: true });
symlinkSync(python, `${dir}/venv/bin/python`);
symlinkSync(python, `${root}/.venv/bin/python`);
symlinkSync(python, `${bin}/python3`);
/** The charm directory by another name: the paths the shell and Python resolve differ from the ones given. */
const linked = join(root, 'linked');
symlinkSync(dir, linked);
writeFileSync(`${shims}/python3`, '#!/bin/sh\nexec python3 "$@"\n', { mode: 0o755 });
writeFileSync(`${dir}/src/charm.py`, '#!/usr/bin/env python3\nimport ops\n', { mode: 0o755 });
writeFileSync(`${dir}/src/plain.py`, '#!/usr/bin/python3\n', { mode: 0o755 });
writeFileSync(`${dir}/hooks/reactive_main.py`, 'from charms.reactive import main\nmain()\n');

const hookEnv = { PATH: `${bin}:/usr/bin:/bin`, JUJU_DISPATCH_PATH: 'hooks/install' };
const charmcraft = '#!/bin/sh\n\nJUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}" PYTHONPATH=lib:venv \\\n  exec ./src/charm.py\n';

/** What charmcraft's forms all give, with the interpreter and the shell's way of ending varying. */
const charmcraftEntry = (over: Partial<PythonEntry>): PythonEntry => ({
  argv0: 'python3',
  executable: `${bin}/python3`,
  cwd: dir,
  argv: ['./src/charm.py'],
  env: { PWD: dir, JUJU_DISPATCH_PATH: 'hooks/install', PYTHONPATH: 'lib:venv' },
  charmDirs: [`${dir}/src`, `${dir}/lib`, `${dir}/lib`],
  dependencyDirs: [`${dir}/venv`],
  preload: ['ops'],
  signalExit: false,
  ...over,
});

/** Both example reactive charms' stubs: charms.reactive's main in the unit's ../.venv. */
const reactiveStub: PythonEntry = {
  argv0: '../.venv/bin/python',
  executable: `${root}/.venv/bin/python`,
  cwd: dir,
  argv: ['hooks/reactive_main.py'],
  env: { PWD: dir },
  charmDirs: [`${dir}/hooks`, `${dir}/lib`],
  dependencyDirs: [],
  preload: ['charms.reactive'],
  signalExit: false,
};

interface Case {
  name: string;
  text: string;
  /** The charm directory as the runner names it; dir unless given. */
  charmDir?: string;
  handler?: string;
  env?: Record<string, string>;
  entry?: PythonEntry;
}

const cases: Case[] = [
  {
    name: "juju-sim's own dispatch",
    text: dispatchScript('src/charm.py'),
    entry: {
      argv0: `${dir}/venv/bin/python`,
      executable: `${dir}/venv/bin/python`,
      cwd: dir,
      argv: [`${dir}/src/charm.py`],
      env: { PWD: dir, OLDPWD: dir, PYTHONPATH: `${dir}/lib:${dir}/src` },
      charmDirs: [`${dir}/src`, `${dir}/lib`, `${dir}/src`],
      dependencyDirs: [`${dir}/venv/lib/python3.11/site-packages`],
      preload: ['ops'],
      signalExit: false,
    },
  },
  {
    name: "juju-sim's own dispatch, its directory named through a symlink: PWD keeps the name, OLDPWD and sys.path[0] are physical",
    text: dispatchScript('src/charm.py'),
    charmDir: linked,
    entry: {
      argv0: `${linked}/venv/bin/python`,
      executable: `${linked}/venv/bin/python`,
      cwd: linked,
      argv: [`${linked}/src/charm.py`],
      env: { PWD: linked, OLDPWD: dir, PYTHONPATH: `${linked}/lib:${linked}/src` },
      charmDirs: [`${dir}/src`, `${linked}/lib`, `${linked}/src`],
      dependencyDirs: [`${linked}/venv/lib/python3.11/site-packages`],
      preload: ['ops'],
      signalExit: false,
    },
  },
  { name: 'our dispatch with a line added', text: `${dispatchScript('src/charm.py')}echo done\n` },
  { name: 'our dispatch for another entry point, edited', text: dispatchScript('src/charm.py').replace('exec ', '') },
  { name: "charmcraft's charm plugin: exec, the entry point's #! picks python3", text: charmcraft, entry: charmcraftEntry({}) },
  {
    name: 'charmcraft 1.x: no exec, so a signal comes back as 128+N',
    text: '#!/bin/sh\n\nJUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}" PYTHONPATH=lib:venv ./src/charm.py\n',
    entry: charmcraftEntry({ signalExit: true }),
  },
  {
    name: 'JUJU_DISPATCH_PATH defaults to $0, the handler as the runner started it',
    text: charmcraft,
    env: { PATH: hookEnv.PATH },
    entry: charmcraftEntry({ env: { PWD: dir, JUJU_DISPATCH_PATH: `${dir}/dispatch`, PYTHONPATH: 'lib:venv' } }),
  },
  {
    name: 'the interpreter named: /usr/bin/env python3',
    text: '#!/bin/sh\nJUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}" PYTHONPATH=lib:venv /usr/bin/env python3 ./src/charm.py\n',
    entry: charmcraftEntry({ signalExit: true }),
  },
  {
    name: 'the interpreter named: the venv python',
    text: '#!/bin/sh\nJUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}" PYTHONPATH=lib:venv exec ./venv/bin/python ./src/charm.py\n',
    entry: charmcraftEntry({ argv0: './venv/bin/python', executable: `${dir}/venv/bin/python`, dependencyDirs: [`${dir}/venv/lib/python3.11/site-packages`] }),
  },
  {
    name: "a reactive charm's hook stub",
    text: readFileSync(join(charm('reactive-redis'), 'hooks', 'install'), 'utf8'),
    handler: 'hooks/install',
    entry: reactiveStub,
  },
  {
    name: 'a hook stub passing "$@" on: the runner gives it no arguments',
    text: readFileSync(join(charm('reactive-redis-client'), 'hooks', 'install'), 'utf8'),
    handler: 'hooks/install',
    entry: reactiveStub,
  },
  { name: 'a hook stub passing "$@" somewhere else', text: '#!/bin/sh\nexec ../.venv/bin/python "$@" hooks/reactive_main.py\n', handler: 'hooks/install' },
  { name: 'bash, not sh', text: charmcraft.replace('#!/bin/sh', '#!/bin/bash') },
  { name: 'two commands', text: `${charmcraft}echo done\n` },
  { name: 'python3 without env', text: '#!/bin/sh\nPYTHONPATH=lib:venv exec python3 ./src/charm.py\n' },
  { name: 'a variable in PYTHONPATH', text: '#!/bin/sh\nPYTHONPATH=$PWD/lib exec ./venv/bin/python ./src/charm.py\n' },
  { name: 'another assignment', text: '#!/bin/sh\nFOO=1 exec ./venv/bin/python ./src/charm.py\n' },
  { name: 'an entry point with another #!', text: '#!/bin/sh\nPYTHONPATH=lib:venv exec ./src/plain.py\n' },
  { name: 'a missing script', text: '#!/bin/sh\nexec ./venv/bin/python ./src/missing.py\n' },
  { name: 'python3 on PATH is a shim script', text: charmcraft, env: { ...hookEnv, PATH: `${shims}:${bin}` } },
  { name: 'PWD passed through to the hook', text: charmcraft, env: { ...hookEnv, PWD: '/' } },
];

for (const c of cases) {
  const handler = c.handler ?? 'dispatch';
  writeFileSync(join(dir, handler), c.text, { mode: 0o755 });
  chmodSync(join(dir, handler), 0o755);
  t.same(pythonEntry(c.charmDir ?? dir, handler, c.env ?? hookEnv), c.entry, c.name);
  rmSync(join(dir, handler));
}
