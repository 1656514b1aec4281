// Which hook handlers are a Python interpreter started on a script, and exactly how: the
// interpreter (as the script names it), the script's argv, the working directory and what the
// shell adds to the environment. Only forms read strictly from the handler's text qualify:
//  - the dispatch juju-sim's builder writes (core/dispatch.ts), matched byte for byte;
//  - charmcraft's charm-plugin dispatch, `JUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}"
//    PYTHONPATH=lib:venv [exec] ./src/charm.py` (the entry point's `#!/usr/bin/env python3`
//    picks the interpreter), and the same with the interpreter named: `/usr/bin/env python3`,
//    `[./]venv/bin/python[3]`;
//  - a reactive charm's hook stub, `exec ../.venv/bin/python hooks/reactive_main.py ["$@"]`.
// Each is a `#!/bin/sh` script of one command, comments and blank lines aside. Anything else
// (another shell, a second command, a variable we do not expand) is not recognised and runs as
// a fresh process, as it always has.
import { accessSync, constants, existsSync, openSync, readFileSync, readSync, closeSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { dispatchScript } from '../../core/dispatch.js';

/** realpath(3): Node's own resolves a path component by component in JS, 3x as slow, and this runs for every Python hook. */
export const realPath = realpathSync.native;

export interface PythonEntry {
  /** argv[0] of the interpreter as the script starts it: Python derives sys.executable from it. */
  argv0: string;
  /** The interpreter file that argv0 names. */
  executable: string;
  /** The interpreter's working directory. */
  cwd: string;
  /** sys.argv: the script as the command line names it. */
  argv: string[];
  /** What the shell sets over the hook's environment (PYTHONPATH, PWD, …). */
  env: Record<string, string>;
  /** The charm's own module directories (the script's, lib/, src/): never imported before the hook. */
  charmDirs: string[];
  /** Where the charm's dependencies live: a server whose directories changed is replaced. */
  dependencyDirs: string[];
  /** What the charm's hooks import first, imported once by the fork server. */
  preload: string[];
  /** A shell that forks instead of exec'ing reports a signal as exit status 128+N. */
  signalExit: boolean;
}

/** A file that is an ELF executable (a real interpreter, not a shim script). */
function isBinary(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    const magic = Buffer.alloc(4);
    try {
      readSync(fd, magic, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
    return magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } catch {
    return false;
  }
}

/** A file that exists and may be executed. */
export const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** `python3` looked up on PATH, as /usr/bin/env does. */
function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(':')) {
    const file = join(dir || '.', name);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

/** The site-packages of the venv an interpreter belongs to. */
function sitePackages(interpreter: string): string[] {
  const lib = join(dirname(dirname(interpreter)), 'lib');
  if (!existsSync(lib)) return [];
  return readdirSync(lib)
    .filter((name) => /^python3(\.\d+)?$/.test(name))
    .map((name) => join(lib, name, 'site-packages'))
    .filter((dir) => existsSync(dir));
}

/** What a charm's hooks import first: charms.reactive for a reactive main, else ops. */
const preloadFor = (script: string): string[] => (basename(script) === 'reactive_main.py' ? ['charms.reactive'] : ['ops']);

/** The directory Python puts first on sys.path for a script: that of its real path. */
const scriptDir = (script: string): string => dirname(realPath(script));

/** Our own dispatch: the entry point is what the last line names, and the whole text must be ours. */
function builtDispatch(text: string, charmDir: string): PythonEntry | undefined {
  const quoted = /"\$PWD"\/'((?:[^']|'\\'')*)'\n$/.exec(text);
  if (!quoted) return undefined;
  const entrypoint = quoted[1].replaceAll(`'\\''`, "'");
  if (dispatchScript(entrypoint) !== text) return undefined;
  // `cd "$(dirname "$0")"` with $0 absolute: dash keeps the logical path in PWD and the
  // physical one it started in as OLDPWD.
  const pwd = normalize(charmDir);
  const interpreter = `${pwd}/venv/bin/python`;
  const script = `${pwd}/${entrypoint}`;
  if (!existsSync(script)) return undefined;
  return {
    argv0: interpreter,
    executable: interpreter,
    cwd: charmDir,
    argv: [script],
    env: { PWD: pwd, OLDPWD: realPath(charmDir), PYTHONPATH: `${pwd}/lib:${pwd}/src` },
    charmDirs: [scriptDir(script), `${pwd}/lib`, `${pwd}/src`],
    dependencyDirs: sitePackages(interpreter),
    preload: preloadFor(script),
    signalExit: false,
  };
}

/** The lines of a `#!/bin/sh` script that do something, with `\`-continued lines joined. */
function commandLines(text: string): string[] | undefined {
  if (!text.startsWith('#!/bin/sh\n')) return undefined;
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const dispatchPathDefault = 'JUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}"';
const plainWord = /^[\w.\-/:]+$/;
const venvInterpreter = /^(\.\/)?venv\/bin\/python3?$|^\.\.\/\.venv\/bin\/python3?$/;

/** A one-command shell script: assignments, `exec`, an interpreter, the script. */
function shellCommand(text: string, charmDir: string, handler: string, hookEnv: Record<string, string>): PythonEntry | undefined {
  const lines = commandLines(text);
  if (lines?.length !== 1) return undefined;
  const words = lines[0].split(/\s+/);
  // The runner starts a handler with no arguments: a trailing "$@" passes none on.
  if (words[words.length - 1] === '"$@"') words.pop();
  const env: Record<string, string> = {};
  while (words.length > 0 && words[0].includes('=')) {
    const word = words.shift()!;
    if (word === dispatchPathDefault) env.JUJU_DISPATCH_PATH = hookEnv.JUJU_DISPATCH_PATH || join(charmDir, handler);
    else if (word.startsWith('PYTHONPATH=') && plainWord.test(word.slice('PYTHONPATH='.length))) env.PYTHONPATH = word.slice('PYTHONPATH='.length);
    else return undefined;
  }
  const exec = words[0] === 'exec';
  if (exec) words.shift();
  let argv0: string;
  let executable: string | undefined;
  if (words.length === 3 && words[0] === '/usr/bin/env' && words[1] === 'python3') {
    argv0 = 'python3';
    executable = onPath('python3', hookEnv.PATH);
  } else if (words.length === 2 && venvInterpreter.test(words[0])) {
    argv0 = words[0];
    executable = resolve(charmDir, words[0]);
  } else if (words.length === 1) {
    // The script runs itself: its `#!` line names the interpreter.
    const file = join(charmDir, words[0]);
    if (!isExecutableFile(file) || readFileSync(file, 'utf8').split('\n', 1)[0] !== '#!/usr/bin/env python3') return undefined;
    argv0 = 'python3';
    executable = onPath('python3', hookEnv.PATH);
  } else {
    return undefined;
  }
  const script = words[words.length - 1];
  if (!plainWord.test(script) || isAbsolute(script) || script.startsWith('-') || !existsSync(join(charmDir, script))) return undefined;
  if (!executable || !existsSync(executable) || !isBinary(realPath(executable))) return undefined;
  const pythonPath = (env.PYTHONPATH ?? '').split(':').filter(Boolean).map((dir) => resolve(charmDir, dir));
  const isDependencies = (dir: string): boolean => /(^|\/)\.?venv$/.test(dir);
  return {
    argv0,
    executable,
    cwd: charmDir,
    argv: [script],
    // No `cd`: dash exports the directory it started in, found by getcwd().
    env: { PWD: realPath(charmDir), ...env },
    charmDirs: [scriptDir(join(charmDir, script)), ...pythonPath.filter((dir) => !isDependencies(dir)), join(charmDir, 'lib')],
    dependencyDirs: argv0 === 'python3' ? pythonPath.filter(isDependencies) : sitePackages(executable),
    preload: preloadFor(script),
    signalExit: !exec,
  };
}

/**
 * The Python entry of a handler (`dispatch`, `hooks/<name>`), or undefined when it is not one
 * of the recognised forms. Variables the shell itself would read (PWD, OLDPWD) in the hook's
 * environment make it unrecognised: the shell's own view of them is not reproduced.
 */
export function pythonEntry(charmDir: string, handler: string, hookEnv: Record<string, string>): PythonEntry | undefined {
  if ('PWD' in hookEnv || 'OLDPWD' in hookEnv || 'PYTHONPATH' in hookEnv) return undefined;
  let text: string;
  try {
    text = readFileSync(join(charmDir, handler), 'utf8');
  } catch {
    return undefined;
  }
  return builtDispatch(text, charmDir) ?? shellCommand(text, charmDir, handler, hookEnv);
}
