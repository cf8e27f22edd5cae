/**
 * createStore: opens the store a `db` option names, SQLite for a file path or
 * `:memory:`, PostgreSQL for a `postgres://` URL.
 */
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { SandboxStore } from './types.js';

/** Options of {@link createStore}. */
export interface StoreOptions {
  /**
   * Where the data lives: a SQLite file, `:memory:` (the default), or a PostgreSQL URL
   * `postgres://user:password@host:port/database` shared by several sandbox processes.
   */
  readonly db?: string;
  /** SQLite files: how often a worker thread checkpoints the WAL, in ms (default 200); 0 leaves it to SQLite. */
  readonly checkpointIntervalMs?: number;
  /** PostgreSQL: connections this process may open (default twice the cores plus one). */
  readonly poolSize?: number;
}

/** True when `db` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(?:ql)?:\/\//i.test(db);

/**
 * Opens (and migrates) the store. Rejects with a one-line message, never
 * holding a password, when the database cannot be opened.
 * @example
 * const store = await createStore({ db: './sandbox.db' });
 * const made = await store.createMeeting('trw76p0066423', { meetingKey: '', hostId: '123' }, { users: 1000, sessions: 10000 });
 * if (made.ok) console.log(made.meeting.meetingKey, made.meeting.status); // 'k3j9x0q2m8v1' '1'
 * await store.close();
 */
export async function createStore(options: StoreOptions = {}): Promise<SandboxStore> {
  const db = options.db ?? ':memory:';
  if (isPostgresUrl(db)) {
    // Loaded only when asked for, so that the SQLite default does not load the PostgreSQL driver.
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    return PostgresStore.open({ url: db, poolSize: options.poolSize });
  }
  return new SqliteStore({ path: db, checkpointIntervalMs: options.checkpointIntervalMs });
}
