// One daemon per $JUJU_SIM_HOME: an exclusive SQLite lock on a file of the run directory, which
// the kernel releases when the process dies, however it dies (kill -9, a zombie nobody reaps).
// Whoever holds it owns the pid file and the sockets, so what a killed daemon left behind is
// cleared by the next one, and by no one else.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { JujuSimError } from '../core/errors.js';
import type { DaemonPaths } from './paths.js';
import { privateFile } from './private-files.js';

const busy = (err: unknown): boolean => (err as { code?: string }).code === 'SQLITE_BUSY';

function tryLock(path: string, waitMs: number): Database.Database | undefined {
  privateFile(path);
  const lock = new Database(path, { timeout: waitMs });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (err) {
    lock.close();
    if (busy(err)) return undefined;
    throw err;
  }
}

/** Takes the lock for this process's lifetime (close it to release); throws if a daemon holds it. */
export function takeDaemonLock(paths: DaemonPaths): Database.Database {
  // A probe (daemonLockHeld) holds the lock for an instant: wait that long before giving up.
  const lock = tryLock(paths.lockFile, 250);
  if (!lock) {
    const pid = existsSync(paths.pidFile) ? readFileSync(paths.pidFile, 'utf8').trim() : '?';
    throw new JujuSimError(`daemon already running (pid ${pid})`);
  }
  for (const stale of [paths.controlSocket, paths.toolSocket]) rmSync(stale, { force: true });
  privateFile(paths.pidFile);
  writeFileSync(paths.pidFile, `${process.pid}\n`);
  return lock;
}

/** Whether a daemon holds the lock: one is running, starting, or still closing its databases. */
export function daemonLockHeld(paths: DaemonPaths): boolean {
  if (!existsSync(paths.lockFile)) return false;
  const lock = tryLock(paths.lockFile, 0);
  lock?.close();
  return lock === undefined;
}
