/**
 * The vocabulary between the store's logic and its drivers. An operation is a
 * generator that yields {@link Step}s (run this statement with these values)
 * and receives each one's result; a driver runs the steps, synchronously
 * (better-sqlite3, inside the write batch) or with awaits (PostgreSQL). So the
 * logic of an operation is written once, and a driver decides only how a
 * statement is sent.
 */

/** What differs between the SQL the two databases accept, as fragments a statement's text is built from. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** The literals of a boolean column (`cancelled`): SQLite stores 0 and 1. */
  readonly false: string;
  readonly true: string;
  /** Column types of the schema (schema.ts). */
  readonly types: {
    /** A row id the database assigns. */
    readonly id: string;
    /** An identifier compared byte for byte (keys, ids, tokens). */
    readonly key: string;
    readonly text: string;
    readonly integer: string;
    readonly boolean: string;
  };
  /** Ends a table declared with its primary key only (SQLite stores it without a row id). */
  readonly keyedTable: string;
  /** True when `text` holds `part` exactly (code point for code point, case included); an empty part is in every text. */
  readonly contains: (text: string, part: string) => string;
}

/**
 * One SQL statement of the store, written once: its text uses `$1`, `$2`, ...
 * for its values (a driver renders them as its database wants) and takes the
 * dialect's fragments where the two databases differ. `P` types its values, `R` a row.
 */
export interface Statement<P extends readonly unknown[] = readonly unknown[], R = unknown> {
  /** A stable name (PostgreSQL prepares it under this name on each connection). */
  readonly name: string;
  readonly text: (dialect: Dialect) => string;
  /** Carries the types only. */
  readonly types?: { readonly params: P; readonly row: R };
}

/** How a step's result is read: the first row, every row, or the number of rows changed. */
export type StepMode = 'one' | 'all' | 'count';

/** One statement to run, with its values. */
export interface Step {
  readonly statement: Statement;
  readonly params: readonly unknown[];
  readonly mode: StepMode;
}

/** An operation's logic: yields steps, receives their results, returns the operation's result. */
export type Logic<T> = Generator<Step, T, unknown>;

/**
 * Declares a statement.
 * @example
 * const usage = statement<[string], Usage>('usage', () => 'SELECT users, sessions FROM account_usage WHERE account_sid = $1');
 */
export function statement<P extends readonly unknown[], R = unknown>(name: string, text: (dialect: Dialect) => string): Statement<P, R> {
  return { name, text };
}

/**
 * Runs a statement and resolves its first row (undefined when none).
 * @example
 * const usage = yield* one(sql.usage, accountSid);
 */
export function* one<P extends readonly unknown[], R>(statement: Statement<P, R>, ...params: P): Logic<R | undefined> {
  return (yield { statement, params, mode: 'one' }) as R | undefined;
}

/**
 * Runs a statement and resolves every row.
 * @example
 * const rows = yield* all(sql.participantsOfMeeting, meetingId, false);
 */
export function* all<P extends readonly unknown[], R>(statement: Statement<P, R>, ...params: P): Logic<R[]> {
  return (yield { statement, params, mode: 'all' }) as R[];
}

/**
 * Runs a statement and resolves how many rows it changed.
 * @example
 * if ((yield* count(sql.dropUserRef, accountSid, userId)) > 0) return;
 */
export function* count<P extends readonly unknown[], R>(statement: Statement<P, R>, ...params: P): Logic<number> {
  return (yield { statement, params, mode: 'count' }) as number;
}
