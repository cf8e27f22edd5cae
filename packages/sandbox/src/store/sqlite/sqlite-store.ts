/**
 * The store on better-sqlite3 (`:memory:` or a WAL file): the store's logic
 * (logic/) on the SQLite driver.
 */
import { SqliteDriver, type SqliteStoreOptions } from './sqlite-driver.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { LogicStore } from '../logic/logic-store.js';

export type { SqliteStoreOptions } from './sqlite-driver.js';

/**
 * The sandbox's state in SQLite. Open it with `createStore({ db: path })`.
 * @example
 * const store = new SqliteStore({ path: ':memory:' });
 * await store.getMeeting('trw76p0066423', 'abc'); // { ok: false, code: 'meeting_not_found' }
 */
export class SqliteStore extends LogicStore {
  /** The underlying connection (for tests and tools; prefer the methods). */
  readonly db: SqliteDatabase;

  constructor(options: SqliteStoreOptions = {}) {
    const driver = new SqliteDriver(options);
    super(driver);
    this.db = driver.db;
  }
}
