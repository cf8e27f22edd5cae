import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits = { users: 10_000, sessions: 10_000 };
/** SQLite's own auto-checkpoint threshold, in pages: a request path that checkpoints would have done so past it. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/** A worker interval that never ticks within a test. */
const NEVER_MS = 3_600_000;

async function createMeetings(store: SqliteStore, prefix: string, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, i) => store.createMeeting('AC', { meetingKey: `${prefix}${i}`, hostId: `h${i}` }, limits)));
}

/** Resolves once `condition()` holds, checking after each macrotask turn (the test's timeout guards a hang). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('background checkpoints', () => {
  it('the request path never checkpoints: writes past SQLite auto-checkpoint threshold stay in the WAL', async () => {
    // The worker runs but never ticks during the test, so only the request path could move pages.
    const path = join(dir, 'request-path.db');
    const store = new SqliteStore({ path, checkpointIntervalMs: NEVER_MS });
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    const before = statSync(path).size;
    let batches = 0;
    while (statSync(`${path}-wal`).size <= SQLITE_AUTOCHECKPOINT_PAGES * pageSize) await createMeetings(store, `b${batches++}-`, 300);
    expect(statSync(path).size).toBe(before); // everything is still in the WAL
    await store.close();
    // The checkpointer's connection closed first, so the last close checkpointed and removed the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(statSync(path).size).toBeGreaterThan(before);
    const reopened = new SqliteStore({ path, checkpointIntervalMs: 0 });
    expect((await reopened.usage('AC')).sessions).toBe(batches * 300);
    await reopened.close();
  });

  it('a worker copies the WAL into the database file while the store stays open', async () => {
    const path = join(dir, 'worker.db');
    const store = new SqliteStore({ path, checkpointIntervalMs: 50 });
    const before = statSync(path).size;
    await createMeetings(store, 'k', 300);
    await until(() => statSync(path).size > before);
    expect(store.db.open).toBe(true);
    await store.close();
    const reopened = new SqliteStore({ path, checkpointIntervalMs: 0 });
    expect((await reopened.usage('AC')).sessions).toBe(300);
    await reopened.close();
  });
});
