// State on disk is the user's alone: relation databags hold passwords. Directories are 0700,
// files 0600, and a directory another user could have prepared (the run directory under /tmp)
// is refused rather than trusted.
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { JujuSimError } from '../core/errors.js';

/** Creates dir (and its missing parents) 0700; an existing one is made 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates the file 0600 if it is missing; an existing one is made 0600. */
export function privateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/**
 * Creates dir 0700, or checks that the one there is this user's and private. Its parent must
 * exist. Unlike privateDir it never adopts a directory someone else made.
 */
export function ownPrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  checkOwnDir(dir);
}

/**
 * Checks that dir, if it exists, is a real directory of this user that no one else can enter.
 * Anyone can create a directory under /tmp with a name we would compute: reusing it would let
 * them answer the CLI in the daemon's place.
 */
export function checkOwnDir(dir: string): void {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) {
    throw new JujuSimError(
      `refusing to use ${dir}: it is not a directory private to this user; remove it, or set JUJU_SIM_HOME to a shorter path`,
    );
  }
}
