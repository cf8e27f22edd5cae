import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/postgres.js';
import { describeAccountStore } from '../../../test/describe-account-store.js';
import { describeStore } from '../../../test/describe-store.js';
import { createStore } from '../index.js';
import { postgresMigrations } from './postgres-migrations.js';

// Real processes and a real database on a shared, loaded machine: generous limits (nothing here waits on a clock).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const limits = { users: 1000, sessions: 10000 };
const suiteDb = await createTestDatabase('store_suite');

const emptyStore = async () => {
  const store = await createStore({ db: suiteDb.url, poolSize: 4 });
  // The suite wants an empty store: the tests of one file run one after another.
  await suiteDb.query('TRUNCATE participants, meetings, account_users, account_usage, accounts RESTART IDENTITY');
  return store;
};
describeStore('postgres', emptyStore);
describeAccountStore('postgres', emptyStore);

describe('postgres database', () => {
  it('processes starting at once migrate once, to the latest version, and share the data', async () => {
    const db = await createTestDatabase('migrate');
    const stores = await Promise.all(Array.from({ length: 3 }, () => createStore({ db: db.url, poolSize: 2 })));
    expect(await db.query('SELECT version FROM liveminutes_schema ORDER BY version')).toEqual(
      postgresMigrations.map((_, i) => ({ version: i + 1 })),
    );
    const made = await stores[0]!.createMeeting('AC', { meetingKey: 'k', hostId: 'h' }, limits);
    if (!made.ok) throw new Error('create');
    expect(await stores[2]!.getMeeting('AC', 'k')).toEqual({ ok: true, meeting: made.meeting });
    expect(stores.map((store) => store.kind)).toEqual(['postgres', 'postgres', 'postgres']);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('refuses a database from a newer sandbox', async () => {
    const db = await createTestDatabase('newer');
    await db.query('CREATE TABLE liveminutes_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    await db.query('INSERT INTO liveminutes_schema (version) VALUES ($1)', [postgresMigrations.length + 1]);
    await expect(createStore({ db: db.url })).rejects.toThrow(/newer than this sandbox/);
  });

  it('two stores (as two processes) never pass a quota: 200 creates split across them', async () => {
    const db = await createTestDatabase('quota');
    const [a, b] = await Promise.all([createStore({ db: db.url, poolSize: 5 }), createStore({ db: db.url, poolSize: 5 })]);
    const quota = { users: 1000, sessions: 37 };
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a! : b!).createMeeting('AC', { meetingKey: `q${i}`, hostId: `h${i % 9}` }, quota)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(37);
    expect(results.filter((r) => !r.ok && r.code === 'limit_exceeded')).toHaveLength(163);
    // Counted from the rows themselves, not from the counter the store enforces with.
    expect(await db.query("SELECT count(*)::int AS n FROM meetings WHERE account_sid = 'AC' AND NOT cancelled")).toEqual([{ n: 37 }]);
    expect(await a!.usage('AC')).toEqual({ sessions: 37, users: 9 });
    await Promise.all([a!.close(), b!.close()]);
  });

  it('two stores racing on one key and one entry: one meeting, one transition', async () => {
    const db = await createTestDatabase('race');
    const [a, b] = await Promise.all([createStore({ db: db.url, poolSize: 5 }), createStore({ db: db.url, poolSize: 5 })]);
    const creates = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a! : b!).createMeeting('AC', { meetingKey: 'same', hostId: 'h' }, limits)),
    );
    expect(creates.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(new Set(creates.map((r) => (r.ok ? r.meeting.hostToken : 'failed'))).size).toBe(1);
    const hostToken = creates[0]!.ok ? creates[0]!.meeting.hostToken : '';
    const starts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).applyHostAction(hostToken, 'start')));
    expect(starts.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.query('SELECT count(*)::int AS n FROM meetings')).toEqual([{ n: 1 }]);
    await Promise.all([a!.close(), b!.close()]);
  });

  it('addParticipant racing cancelMeeting and a users quota across two stores: no one joins a cancelled meeting, users counted exactly', async () => {
    const db = await createTestDatabase('join_race');
    const [a, b] = await Promise.all([createStore({ db: db.url, poolSize: 5 }), createStore({ db: db.url, poolSize: 5 })]);
    const quota = { users: 12, sessions: 100 };
    for (const key of ['m1', 'm2']) {
      expect(await a!.createMeeting('AC', { meetingKey: key, hostId: 'host' }, quota)).toMatchObject({ ok: true });
    }
    // 40 adds over two meetings and 20 puids (some repeated on both meetings), while m1 is cancelled halfway.
    const adds = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a! : b!).addParticipant('AC', { meetingKey: i % 3 ? 'm1' : 'm2', puid: `p${i % 20}` }, quota),
    );
    const cancel = b!.cancelMeeting('AC', 'm1');
    const results = await Promise.all(adds);
    expect(await cancel).toMatchObject({ ok: true });
    expect(results.every((r) => r.ok || ['limit_exceeded', 'meeting_not_found'].includes(r.code))).toBe(true);
    expect(results.some((r) => !r.ok && r.code === 'limit_exceeded')).toBe(true);
    // Counted from the rows: live participants only in live meetings; users = distinct ids among live roles.
    expect(
      await db.query(`SELECT count(*)::int AS n FROM participants p JOIN meetings m ON m.id = p.meeting_id WHERE m.cancelled AND NOT p.cancelled`),
    ).toEqual([{ n: 0 }]);
    const [rows] = await db.query<{ users: number; sessions: number }>(
      `SELECT (SELECT count(*)::int FROM meetings WHERE NOT cancelled) AS sessions,
              (SELECT count(*)::int FROM (SELECT host_id AS id FROM meetings WHERE NOT cancelled
                UNION SELECT p.puid FROM participants p JOIN meetings m ON m.id = p.meeting_id WHERE NOT p.cancelled AND NOT m.cancelled) ids) AS users`,
    );
    expect(await a!.usage('AC')).toEqual(rows);
    expect(rows!.users).toBeLessThanOrEqual(quota.users);
    await Promise.all([a!.close(), b!.close()]);
  });

  it('every write is one round trip: one statement sent per operation, refusals included', async () => {
    const db = await createTestDatabase('round_trips');
    const store = await createStore({ db: db.url, poolSize: 2 });
    // Every statement the store sends goes through a pg.Client's query (the pool's too).
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    const once = async <T>(operation: () => Promise<T>): Promise<T> => {
      sent.mockClear();
      const result = await operation();
      expect(sent).toHaveBeenCalledTimes(1);
      return result;
    };
    try {
      const made = await once(() => store.createMeeting('AC', { meetingKey: 'k', hostId: 'h' }, limits));
      const joined = await once(() => store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, limits));
      expect(await once(() => store.addParticipant('AC', { meetingKey: 'k', puid: 'p' }, limits))).toMatchObject({ ok: true, created: false });
      expect(await once(() => store.addParticipant('AC', { meetingKey: 'nope', puid: 'p' }, limits))).toEqual({ ok: false, code: 'meeting_not_found' });
      if (!made.ok || !joined.ok) throw new Error('setup');
      expect(await once(() => store.applyHostAction(made.meeting.hostToken, 'start'))).toMatchObject({ ok: true, to: '8' });
      expect(await once(() => store.applyParticipantAction(joined.participant.token, 'join'))).toMatchObject({ ok: true, to: '10' });
      expect(await once(() => store.applyHostAction(made.meeting.hostToken, 'start'))).toMatchObject({ ok: false, reason: 'not_allowed' });
      expect(await once(() => store.applyHostAction('no-such-token', 'start'))).toEqual({ ok: false, reason: 'unknown_token' });
      expect(await once(() => store.applyHostAction(made.meeting.hostToken, 'end'))).toMatchObject({ ok: true, to: '12' });
      // Ending moved the participant in progress on (the spec's onMeetingEnd), in the same call.
      expect(await db.query('SELECT status FROM participants')).toEqual([{ status: '11' }]);
      expect(await once(() => store.cancelParticipant('AC', 'k', 'p'))).toMatchObject({ ok: true, participant: { cancelled: true } });
      expect(await once(() => store.cancelParticipant('AC', 'k', 'p'))).toEqual({ ok: false, code: 'participant_not_found' });
      expect(await once(() => store.cancelMeeting('AC', 'k'))).toMatchObject({ ok: true, meeting: { cancelled: true } });
      expect(await once(() => store.cancelMeeting('AC', 'k'))).toEqual({ ok: false, code: 'meeting_not_found' });
      expect(await store.usage('AC')).toEqual({ sessions: 0, users: 0 });
    } finally {
      sent.mockRestore();
      await store.close();
    }
  });
});
