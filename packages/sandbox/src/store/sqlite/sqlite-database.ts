/**
 * Opens the SQLite database (`:memory:` or a file in WAL mode) and brings its
 * schema up to date with the versioned migrations.
 */
import Database from 'better-sqlite3';
import { schemaV1, schemaV2 } from '../logic/schema.js';
import type { Dialect } from '../logic/steps.js';

/** SQLite's SQL: booleans are 0 and 1, tables keyed by their primary key only have no row id. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  false: '0',
  true: '1',
  types: { id: 'INTEGER PRIMARY KEY', key: 'TEXT', text: 'TEXT', integer: 'INTEGER', boolean: 'INTEGER' },
  // LIKE would fold ASCII case here and not in PostgreSQL; instr compares exactly in both.
  contains: (text, part) => `instr(${text}, ${part}) > 0`,
  keyedTable: ' WITHOUT ROWID',
};

/**
 * Versioned schema migrations, applied in order and recorded in SQLite's
 * `user_version`. Append new steps; never change what a released one creates.
 */
export const migrations: readonly string[] = [schemaV1(sqliteDialect), schemaV2(sqliteDialect)];

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/**
 * Opens `path` (`:memory:` for a throwaway database) and migrates it.
 * Files use WAL with `synchronous = NORMAL`: a committed transaction survives
 * a crash of the process (kill -9); only an OS crash or power loss may lose the last ones.
 * The store moves checkpoints to a worker thread (see checkpointer.ts).
 * @example
 * const db = openDatabase(':memory:');
 * db.pragma('user_version', { simple: true }); // 2
 */
export function openDatabase(path: string): SqliteDatabase {
  const db = new Database(path);
  try {
    if (isFile(path)) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** True for a database file (not `:memory:` or a temporary database). */
export const isFile = (path: string): boolean => path !== ':memory:' && path !== '';

/** Applies the migrations newer than the database's `user_version`, each in its own transaction. */
export function migrate(db: SqliteDatabase): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`Database schema version ${current} is newer than this sandbox (${migrations.length})`);
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return migrations.length;
}
