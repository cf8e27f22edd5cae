import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits = { users: 1000, sessions: 10000 };

describe('background checkpoints', () => {
  it('a worker copies the WAL into the database file; the request path never checkpoints', async () => {
    const path = join(dir, 'ckpt.db');
    const store = new SqliteStore({ path, checkpointIntervalMs: 50 });
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(path).size;
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.createMeeting('AC', { meetingKey: `k${i}`, hostId: 'h' }, limits)));
    expect(statSync(path).size).toBe(before); // everything is still in the WAL
    const deadline = Date.now() + 5000;
    while (statSync(path).size === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(statSync(path).size).toBeGreaterThan(before);
    await store.close();
    // The checkpointer's connection closed first, so the last close removed the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new SqliteStore({ path, checkpointIntervalMs: 0 });
    expect((await reopened.usage('AC')).sessions).toBe(300);
    await reopened.close();
  });
});
