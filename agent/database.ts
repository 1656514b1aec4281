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
    return preparedOnce(db);
  } catch (err) {
    throw new JujuSimError(
      `cannot open the ${what} database ${path}: ${(err as Error).message}; move it aside (the model's state is lost) or restore it from a backup`,
    );
  }
}

/**
 * Each SQL text is compiled once per connection: the controller and the agents prepare their
 * statements where they use them, on every hook, and SQLite's compile (~14 µs each, dozens per
 * hook) was a visible share of the daemon's CPU per hook. A statement is reusable as long as no
 * caller changes its mode (pluck, raw, expand: none does) or runs it inside its own iteration.
 */
function preparedOnce(db: Database.Database): Database.Database {
  const compile = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) statements.set(sql, (statement = compile(sql)));
    return statement;
  }) as typeof db.prepare;
  return db;
}
