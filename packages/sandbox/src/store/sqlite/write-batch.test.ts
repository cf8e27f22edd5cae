import { describe, expect, it } from 'vitest';
import { openDatabase } from './sqlite-database.js';
import { WriteBatch } from './write-batch.js';

const insert = (db: ReturnType<typeof openDatabase>, key: string) =>
  db
    .prepare(
      `INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, status, created_at, updated_at)
       VALUES ('AC', ?, ?, ?, 'h', '1', 'now', 'now')`,
    )
    .run(key, `C-${key}`, `T-${key}`);
const keys = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare('SELECT meeting_key AS k FROM meetings ORDER BY id').all() as Array<{ k: string }>).map((row) => row.k);

describe('WriteBatch (group commit)', () => {
  it('runs the writes of one tick in one transaction, in order, each isolated by a savepoint', async () => {
    const db = openDatabase(':memory:');
    const batch = new WriteBatch(db);
    const seen: boolean[] = [];
    const calls = [
      batch.run(() => {
        seen.push(db.inTransaction);
        return insert(db, 'a').changes;
      }),
      batch.run(() => {
        insert(db, 'doomed');
        throw new Error('boom');
      }),
      // Sees the first write of the same batch.
      batch.run(() => keys(db)),
    ];
    const [first, failed, third] = await Promise.allSettled(calls);
    expect(seen).toEqual([true]);
    expect(first).toEqual({ status: 'fulfilled', value: 1 });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'boom' } });
    expect(third).toEqual({ status: 'fulfilled', value: ['a'] });
    // The throwing write left nothing behind; the others committed.
    expect(keys(db)).toEqual(['a']);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('rejects every write of a batch whose commit fails, keeps none of it, and commits the next batch', async () => {
    const db = openDatabase(':memory:');
    const batch = new WriteBatch(db);
    // A deferred foreign key is checked at COMMIT only: a write that breaks it passes its savepoint
    // and makes the commit itself fail.
    db.exec('CREATE TABLE commit_guard (meeting_id INTEGER REFERENCES meetings (id) DEFERRABLE INITIALLY DEFERRED)');
    const outcomes = await Promise.allSettled([
      batch.run(() => insert(db, 'a')),
      batch.run(() => db.prepare('INSERT INTO commit_guard (meeting_id) VALUES (?)').run(424242)),
      batch.run(() => insert(db, 'b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } });
    expect(db.inTransaction).toBe(false);
    expect(keys(db)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM commit_guard').get()).toEqual({ n: 0 });
    // The database is not left broken: the next batch commits.
    await expect(batch.run(() => insert(db, 'after'))).resolves.toMatchObject({ changes: 1 });
    expect(keys(db)).toEqual(['after']);
    db.close();
  });

  it('rejects a write queued on a database closed before its batch runs', async () => {
    const db = openDatabase(':memory:');
    const batch = new WriteBatch(db);
    const pending = batch.run(() => insert(db, 'a'));
    db.close();
    await expect(pending).rejects.toThrow();
  });

  it('drain() commits the queued writes at once', async () => {
    const db = openDatabase(':memory:');
    const batch = new WriteBatch(db);
    const pending = batch.run(() => insert(db, 'drained'));
    await batch.drain();
    expect(keys(db)).toEqual(['drained']);
    await expect(pending).resolves.toMatchObject({ changes: 1 });
    db.close();
  });
});
