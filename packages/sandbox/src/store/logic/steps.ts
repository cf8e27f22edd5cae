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
  /** Set for a write script (see {@link WriteScript}): then `text` is how PostgreSQL calls it. */
  readonly script?: WriteScript;
}

/**
 * A write that checks and takes a quota and writes in one go: statements run
 * in order, on the values of the step that runs the script. A guard is a
 * SELECT that must find a row, or the script stops there and answers the
 * guard's outcome; guards come before every write but the first (which
 * creates and locks the account's usage row), so a refused script changes
 * nothing that matters. The script answers `{ outcome: 'ok', id }` with the id
 * its `returnsId` statement returned. SQLite runs the statements one by one
 * inside the write batch; PostgreSQL runs them as one function, created by a
 * migration from these same statements (postgres/postgres-functions.ts), in one
 * round trip: the account's row is locked only while the function runs, and
 * each statement after the lock reads what committed before it.
 */
export interface WriteScript {
  /** The PostgreSQL type of each value, in the order of its `$n`. */
  readonly paramTypes: readonly string[];
  readonly steps: readonly ScriptStep[];
}

/** One statement of a write script. */
export interface ScriptStep {
  readonly text: (dialect: Dialect) => string;
  /** A SELECT that must find a row; when it finds none, the script answers this outcome. */
  readonly guard?: string;
  /** An INSERT ... RETURNING id whose id the script answers. */
  readonly returnsId?: boolean;
  /** A SELECT of one row (or none) the script answers under this name in `rows`, as it stands at this step. */
  readonly returns?: string;
}

/** What a write script answers. */
export interface ScriptResult {
  readonly outcome: string;
  readonly id: number | null;
  /** The rows of the `returns` steps that ran (a row not found is null or absent); only for scripts that have such steps. */
  readonly rows?: Readonly<Record<string, unknown>> | null;
}

/**
 * The row a write script's `returns` step read, or undefined when there was none.
 * @example
 * const meeting = scriptRow<MeetingRow>(written, 'meeting');
 */
export const scriptRow = <R>(result: ScriptResult, name: string): R | undefined => (result.rows?.[name] ?? undefined) as R | undefined;

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
 * Declares a write script, called `lm_<name>` in PostgreSQL.
 * @example
 * const take = writeScript<[string, number]>('take', ['text', 'integer'], [{ text: () => 'SELECT 1 WHERE $2 > 0', guard: 'none' }]);
 */
export function writeScript<P extends readonly unknown[]>(name: string, paramTypes: readonly string[], steps: readonly ScriptStep[]): Statement<P, ScriptResult> {
  const args = paramTypes.map((_, i) => `$${i + 1}`).join(', ');
  const rows = steps.some((step) => step.returns !== undefined) ? ', lm_rows AS rows' : '';
  return {
    name,
    text: () => `SELECT lm_outcome AS outcome, lm_id AS id${rows} FROM lm_${name}(${args})`,
    script: { paramTypes, steps },
  };
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
 * const removed = yield* count(accountSql.deleteUsersOfAccount, accountSid);
 */
export function* count<P extends readonly unknown[], R>(statement: Statement<P, R>, ...params: P): Logic<number> {
  return (yield { statement, params, mode: 'count' }) as number;
}
