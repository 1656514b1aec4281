// The daemon's SQLite databases (the controller's, each unit agent's), opened one way.
import Database from 'better-sqlite3';
import { JujuSimError } from '../core/errors.js';
import { privateFile } from './private-files.js';

/**
 * Opens (creating it 0600) an SQLite database. SQLite gives its WAL and shared-memory files the
 * database's own mode. A file that is not a database is named, with what to do about it.
 */
export function openDatabase(path: string, what: string): Database.Database {
  privateFile(path);
  try {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    return db;
  } catch (err) {
    throw new JujuSimError(
      `cannot open the ${what} database ${path}: ${(err as Error).message}; move it aside (the model's state is lost) or restore it from a backup`,
    );
  }
}
