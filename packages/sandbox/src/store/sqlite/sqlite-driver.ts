/**
 * Runs the store's logic on better-sqlite3, synchronously: every write in the
 * group transaction of write-batch.ts (`BEGIN IMMEDIATE`, so quota checks and
 * writes are atomic even with several processes on one file, and a write
 * resolves only once committed), reads as they come.
 */
import type Database from 'better-sqlite3';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { isFile, openDatabase, sqliteDialect, type SqliteDatabase } from './sqlite-database.js';
import { WriteBatch } from './write-batch.js';
import type { Driver } from '../logic/logic-store.js';
import type { Logic, ScriptResult, Statement, Step, WriteScript } from '../logic/steps.js';

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** A database file, or `:memory:` (the default). */
  readonly path?: string;
  /**
   * How often a worker thread checkpoints the WAL of a file database, in ms
   * (default 200: measured best under a mixed load); 0 leaves it to SQLite's auto-checkpoint on the request path.
   */
  readonly checkpointIntervalMs?: number;
}

/** A statement compiled for this connection, and which `$n` each `?` takes. */
interface Prepared {
  readonly statement: Database.Statement;
  readonly order: readonly number[];
  /** The `?` take `$1`, `$2`, ... in order. */
  readonly inOrder: boolean;
}

// A lobby code drawn twice: the write runs again with another.
const MAX_ATTEMPTS = 5;
const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/** better-sqlite3 binds no booleans: 1 and 0. */
const bindable = (value: unknown): unknown => (typeof value === 'boolean' ? Number(value) : value);

/**
 * The SQLite driver of {@link LogicStore}.
 * @example
 * const store = new LogicStore(new SqliteDriver({ path: ':memory:' }));
 */
export class SqliteDriver implements Driver {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly db: SqliteDatabase;
  private readonly batch: WriteBatch;
  private readonly checkpointer: Checkpointer | undefined;
  private readonly prepared = new Map<Statement | WriteScript['steps'][number], Prepared>();

  constructor(options: SqliteStoreOptions = {}) {
    this.location = options.path ?? ':memory:';
    this.db = openDatabase(this.location);
    this.batch = new WriteBatch(this.db);
    const interval = options.checkpointIntervalMs ?? 200;
    if (isFile(this.location) && interval > 0) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(this.location, interval, () => {
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
  }

  async read<T>(logic: Logic<T>): Promise<T> {
    return this.run(logic);
  }

  /** On SQLite a write script is one more write of the batch. */
  apply<T>(logic: () => Logic<T>): Promise<T> {
    return this.write(logic);
  }

  write<T>(logic: () => Logic<T>, attempt = 1): Promise<T> {
    return this.batch.run(() => this.run(logic())).catch((error: unknown) => {
      if (attempt < MAX_ATTEMPTS && isUniqueViolation(error)) return this.write(logic, attempt + 1);
      throw error;
    });
  }

  async snapshot<T>(logic: () => Logic<T>): Promise<T> {
    // A read transaction: one state of the file even while other processes write.
    return this.db.transaction(() => this.run(logic()))();
  }

  /** Finishes the pending group commit, stops the checkpointer and closes the database (checkpointing the WAL into the file). */
  async close(): Promise<void> {
    await this.batch.drain();
    if (!this.db.open) return;
    this.checkpointer?.stop();
    this.db.close();
  }

  /** Runs the logic to its end, each step as it is yielded. */
  private run<T>(logic: Logic<T>): T {
    let next = logic.next();
    while (!next.done) next = logic.next(this.execute(next.value));
    return next.value;
  }

  private execute({ statement, params, mode }: Step): unknown {
    if (statement.script) return this.runScript(statement.script, params);
    const prepared = this.prepare(statement);
    const values = this.bind(prepared, params);
    if (mode === 'one') return prepared.statement.get(values);
    if (mode === 'all') return prepared.statement.all(values);
    return prepared.statement.run(values).changes;
  }

  /** The statements of a write script one after another (the batch's savepoint makes them one). */
  private runScript(script: WriteScript, params: readonly unknown[]): ScriptResult {
    let id: number | null = null;
    const rows: Record<string, unknown> = {};
    for (const step of script.steps) {
      const prepared = this.prepare(step);
      const values = this.bind(prepared, params);
      if (step.guard !== undefined) {
        if (prepared.statement.get(values) === undefined) return { outcome: step.guard, id: null, rows };
      } else if (step.returns !== undefined) {
        rows[step.returns] = prepared.statement.get(values);
      } else if (step.returnsId) {
        id = (prepared.statement.get(values) as { id: number }).id;
      } else {
        prepared.statement.run(values);
      }
    }
    return { outcome: 'ok', id, rows };
  }

  private bind({ order, inOrder }: Prepared, params: readonly unknown[]): unknown[] {
    return inOrder && order.length === params.length ? params.map(bindable) : order.map((i) => bindable(params[i]));
  }

  private prepare(statement: Statement | WriteScript['steps'][number]): Prepared {
    let prepared = this.prepared.get(statement);
    if (!prepared) {
      const order: number[] = [];
      const text = statement.text(sqliteDialect).replace(/\$(\d+)/g, (_, n: string) => {
        order.push(Number(n) - 1);
        return '?';
      });
      prepared = { statement: this.db.prepare(text), order, inOrder: order.every((n, i) => n === i) };
      this.prepared.set(statement, prepared);
    }
    return prepared;
  }
}
