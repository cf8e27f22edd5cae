/**
 * The store on PostgreSQL, for several sandbox processes on one database: the
 * store's logic (logic/) on the PostgreSQL driver.
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { PostgresDriver } from './postgres-driver.js';
import { migratePostgres } from './postgres-migrations.js';
import { redactDatabaseUrl, scrubSecrets } from '../database-url.js';
import { LogicStore } from '../logic/logic-store.js';

/** Options of {@link PostgresStore.open}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** Connections per process (default {@link defaultPoolSize}); the database's max_connections bounds the sum over processes. */
  readonly poolSize?: number;
}

/**
 * Connections per process when none is given: twice the cores plus one, PostgreSQL's rule of thumb for
 * the connections that keep a server busy (more only queue inside it, and every process has its own pool).
 * @example
 * defaultPoolSize(); // 5 on 2 cores
 */
export const defaultPoolSize = (): number => 2 * availableParallelism() + 1;

/**
 * The sandbox's state in PostgreSQL. Open it with `createStore({ db: 'postgres://...' })`.
 * @example
 * const store = await PostgresStore.open({ url: 'postgres://sandbox:secret@127.0.0.1:5432/sandbox' });
 * await store.getMeeting('trw76p0066423', 'abc'); // { ok: false, code: 'meeting_not_found' }
 * await store.close();
 */
export class PostgresStore extends LogicStore {
  /**
   * Connects, migrates, and resolves the store; rejects with a one-line
   * message that names the database without its password.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const { url } = options;
    let pool: pg.Pool;
    try {
      pool = new pg.Pool({
        connectionString: url,
        max: options.poolSize ?? defaultPoolSize(),
        // A call waits for a free connection as long as it takes (under load the queue can be long); a database
        // that is down refuses connections at once, so calls still fail fast then.
        connectionTimeoutMillis: 0,
        application_name: 'liveminutes-sandbox',
      });
    } catch (error) {
      throw openError(url, error);
    }
    // A connection the server closes (restart, failover, pg_terminate_backend) emits 'error': the pool drops an
    // idle one and opens another when needed; a query running on one rejects, and its caller answers internal_error.
    // Without these listeners the event would crash the process.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end().catch(() => {});
      throw openError(url, error);
    }
    return new PostgresStore(new PostgresDriver(pool, url));
  }
}

function openError(url: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const oneLine = reason.replace(/\s+/g, ' ').trim() || 'unknown error';
  // A new error with a scrubbed message: the original's fields (pg's config, its stack) could hold the password.
  return new Error(scrubSecrets(`cannot open the PostgreSQL database ${redactDatabaseUrl(url)}: ${oneLine}`, url));
}
