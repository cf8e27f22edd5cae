import { describe, expect, it } from 'vitest';
import { createStore } from './index.js';

const limits = { users: 1000, sessions: 10000 };

describe('store.write (group commit)', () => {
  it('runs the writes of one tick in one transaction, in order, each isolated by a savepoint', async () => {
    const store = createStore();
    const seen: boolean[] = [];
    const calls = [
      store.write(() => {
        seen.push(store.db.inTransaction);
        return store.createMeeting('AC', { meetingKey: 'a', hostId: 'h' }, limits);
      }),
      store.write(() => {
        store.createMeeting('AC', { meetingKey: 'doomed', hostId: 'h' }, limits);
        throw new Error('boom');
      }),
      // Sees the first write of the same batch: an idempotent repeat.
      store.write(() => store.createMeeting('AC', { meetingKey: 'a', hostId: 'h' }, limits)),
    ];
    const [first, failed, repeat] = await Promise.allSettled(calls);
    expect(seen).toEqual([true]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { ok: true, created: true } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'boom' } });
    expect(repeat).toMatchObject({ status: 'fulfilled', value: { ok: true, created: false } });
    // The throwing write left nothing behind; the others committed.
    expect(store.getMeeting('AC', 'doomed')).toMatchObject({ ok: false, code: 'meeting_not_found' });
    expect(store.usage('AC')).toEqual({ sessions: 1, users: 1 });
    expect(store.db.inTransaction).toBe(false);
    store.close();
  });

  it('rejects every write of a batch whose commit fails', async () => {
    const store = createStore();
    const pending = store.write(() => store.createMeeting('AC', { meetingKey: 'a', hostId: 'h' }, limits));
    store.close();
    await expect(pending).rejects.toThrow();
  });
});
