/**
 * Group commit. Write calls that arrive in the same turn of the event loop run
 * one after another inside a single `BEGIN IMMEDIATE` transaction, each in its
 * own savepoint (better-sqlite3 nests transactions that way), and their callers
 * are answered only once that transaction has committed. A write then costs
 * about half the CPU of a transaction of its own, and nothing is answered
 * before it is durable.
 */
import type { SqliteDatabase } from './sqlite-database.js';

interface Pending {
  readonly fn: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Queues writes and commits them together on the next `setImmediate`. */
export class WriteBatch {
  private queue: Pending[] = [];
  private scheduled = false;

  // Built once: better-sqlite3 compiles a transaction function's BEGIN/SAVEPOINT statements when it is made.
  private readonly commit: (batch: readonly Pending[], outcomes: Outcome[]) => void;
  private readonly inSavepoint: (fn: () => unknown) => unknown;

  constructor(db: SqliteDatabase) {
    // Called inside the group transaction, a transaction function is a savepoint: a throw undoes that write only.
    this.inSavepoint = db.transaction((fn: () => unknown) => fn());
    const group = db.transaction((batch: readonly Pending[], outcomes: Outcome[]) => {
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: this.inSavepoint(item.fn) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
    this.commit = (batch, outcomes) => group.immediate(batch, outcomes);
  }

  /**
   * Runs `fn` in the next group transaction. `fn` should make its own checks
   * and return a failure value rather than throw; a throw rolls back only its
   * savepoint and rejects only its caller.
   * @example
   * const made = await batch.run(() => store.createMeeting(sid, input, limits));
   */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Commits the queued writes now instead of on the next `setImmediate` (before closing the database).
   * @example
   * await batch.drain();
   */
  async drain(): Promise<void> {
    if (this.queue.length > 0) this.flush();
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.commit(batch, outcomes);
    } catch (error) {
      // The commit itself failed: nothing of the batch is durable.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
