// One daemon per $JUJU_SIM_HOME: an exclusive SQLite lock on a file of the run directory, which
// the kernel releases when the process dies, however it dies (kill -9, a zombie nobody reaps).
// Whoever holds it owns the pid file and the sockets, so what a killed daemon left behind is
// cleared by the next one, and by no one else.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { JujuSimError } from '../core/errors.js';
import type { DaemonPaths } from './paths.js';
import { privateFile } from './private-files.js';

/** Takes the lock for this process's lifetime (close it to release); throws if a daemon holds it. */
export function takeDaemonLock(paths: DaemonPaths): Database.Database {
  privateFile(paths.lockFile);
  const lock = new Database(paths.lockFile, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    const pid = existsSync(paths.pidFile) ? readFileSync(paths.pidFile, 'utf8').trim() : '?';
    throw new JujuSimError(`daemon already running (pid ${pid})`);
  }
  for (const stale of [paths.controlSocket, paths.cliSocket, paths.toolSocket]) rmSync(stale, { force: true });
  privateFile(paths.pidFile);
  writeFileSync(paths.pidFile, `${process.pid}\n`);
  return lock;
}
