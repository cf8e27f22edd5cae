/**
 * Runs the store's logic on PostgreSQL, with awaits, for several sandbox
 * processes on one database. The meetings' writes are one write script
 * each, one function call in its own implicit transaction (`apply`); the
 * accounts' writes are one READ COMMITTED transaction (`write`). Either locks
 * its account's usage row first, so the writes of one account are serialized
 * across processes, and resolves only after the commit. Deadlocks, serialization failures and unique-key races (two
 * processes drawing the same lobby code) roll back and run again. Every
 * statement is a named prepared statement (each connection parses it once).
 */
import pg from 'pg';
import { postgresDialect } from './postgres-dialect.js';
import { redactDatabaseUrl } from '../database-url.js';
import type { Driver } from '../logic/logic-store.js';
import type { Logic, Statement, Step } from '../logic/steps.js';

/** A pool or a client inside a transaction. */
type Queryable = Pick<pg.PoolClient, 'query'>;

// 40001 serialization_failure, 40P01 deadlock_detected, 23505 unique_violation (a lobby code or token drawn twice at once).
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 5;

const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));

/**
 * The PostgreSQL driver of {@link LogicStore}, on an open pool.
 * @example
 * const store = new LogicStore(new PostgresDriver(pool, url));
 */
export class PostgresDriver implements Driver {
  readonly kind = 'postgres' as const;
  readonly location: string;
  private readonly texts = new Map<Statement, string>();
  private closed: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.location = redactDatabaseUrl(url);
  }

  read<T>(logic: Logic<T>): Promise<T> {
    return this.run(this.pool, logic);
  }

  /** Reads on the pool, then one write script: its own implicit transaction, one round trip. */
  async apply<T>(logic: () => Logic<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(this.pool, logic());
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw error;
      }
    }
  }

  write<T>(logic: () => Logic<T>): Promise<T> {
    return this.transaction(logic, 'BEGIN');
  }

  snapshot<T>(logic: () => Logic<T>): Promise<T> {
    return this.transaction(logic, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /** Waits for the connections in use to be returned, then closes them all. Safe to call twice. */
  close(): Promise<void> {
    this.closed ??= this.pool.end().catch(() => {});
    return this.closed;
  }

  /** Runs the logic to its end, each step as it is yielded. */
  private async run<T>(db: Queryable, logic: Logic<T>): Promise<T> {
    let next = logic.next();
    while (!next.done) next = logic.next(await this.execute(db, next.value));
    return next.value;
  }

  private async execute(db: Queryable, { statement, params, mode }: Step): Promise<unknown> {
    const result = await db.query({ name: `lm_${statement.name}`, text: this.text(statement), values: params as unknown[] });
    if (mode === 'one') return result.rows[0];
    if (mode === 'all') return result.rows;
    return result.rowCount ?? 0;
  }

  private text(statement: Statement): string {
    let text = this.texts.get(statement);
    if (text === undefined) {
      text = statement.text(postgresDialect);
      this.texts.set(statement, text);
    }
    return text;
  }

  /** Runs the logic in one transaction on one connection, again on a retryable failure; resolves after COMMIT. */
  private async transaction<T>(logic: () => Logic<T>, begin: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(begin);
        const value = await this.run(client, logic());
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw error;
      } finally {
        // A connection that cannot roll back is dead: destroy it rather than return it to the pool.
        client.release(broken);
      }
    }
  }
}
