// Files named by the hook tools' path options (`-o`, `--file`) as Juju's Go code opens them:
// the path resolved by juju/cmd's Context.AbsPath, and a failure worded as Go's *os.PathError
// (`open /abs/path: no such file or directory`), which Juju prints after ERROR. The hook-tool
// client opens a tool's files (hooktools/client/jujuc.c); node's file calls are worded here for
// the CLI's own files and for the tool tests, which stand in for the client.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';

/**
 * cmd.Context.AbsPath (juju/cmd v3): utils.NormalizePath expands a leading `~` to the home
 * directory and cleans the path, absolute ones included; a relative result is joined to dir.
 * Go also looks other `~` forms (`~user/x`) up in the user database; here they stay as given.
 */
export function absPath(dir: string, path: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
  return goClean(isAbsolute(expanded) ? expanded : join(dir, expanded));
}

/** filepath.Clean: node's normalize keeps a trailing slash that Go drops. */
export function goClean(path: string): string {
  const clean = normalize(path);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

// Go's texts for the errors a path option or a process's start can meet, where node's differ or
// are missing (node says "illegal operation on a directory" for EISDIR).
const goErrnoTexts: Record<string, string> = {
  E2BIG: 'argument list too long',
  EACCES: 'permission denied',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or directory',
  ENOEXEC: 'exec format error',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'not a directory',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ETXTBSY: 'text file busy',
};

/** A node system error as Go's *os.PathError prints it: `<op> <path>: <text>`. */
export function goPathError(op: string, path: string, err: NodeJS.ErrnoException): string {
  // Other errors keep node's description, without its `CODE: ` prefix and `, syscall` tail.
  const text = goErrnoTexts[err.code ?? ''] ?? /^\w+: (.*?), /.exec(err.message)?.[1] ?? err.message;
  return `${op} ${path}: ${text}`;
}

/** Runs one file system call; its failure is rethrown as Go prints it: `<op> <path>: <text>`. */
export function goFileCall<T>(op: string, path: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new Error(goPathError(op, path, err as NodeJS.ErrnoException));
  }
}

/** os.Open then io.ReadAll: a directory opens, and fails when read. */
export function readGoFile(path: string): Buffer {
  const fd = goFileCall('open', path, () => openSync(path, 'r'));
  try {
    return goFileCall('read', path, () => readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

/** os.Create (read-write, truncated, 0666 less the umask) then File.Write, as the hook-tool
 *  client does for a tool's output files. */
export function writeGoFile(path: string, data: Buffer): void {
  const fd = goFileCall('open', path, () => openSync(path, 'w', 0o666));
  try {
    goFileCall('write', path, () => writeSync(fd, data));
  } finally {
    closeSync(fd);
  }
}
