import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStore } from '../src/index.js';
import { call, SID, startTestSandbox, tempDir } from './helpers.js';
import { join } from 'node:path';

describe('concurrency', () => {
  it('200 parallel createMeeting calls on one key make one meeting', async () => {
    const sandbox = await startTestSandbox({ logger: false });
    const results = await Promise.all(
      Array.from({ length: 200 }, () => call(sandbox, 'createMeeting', { meetingKey: 'same-key', hostid: 'h' })),
    );
    expect(results.every((res) => res.body.resultcode === 1)).toBe(true);
    expect(new Set(results.map((res) => res.body.meetingUrl)).size).toBe(1);
    expect(new Set(results.map((res) => res.body.hostUrl)).size).toBe(1);
    const db = new Database(sandbox.dbPath, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM meetings WHERE meeting_key = ?').get('same-key')).toEqual({ n: 1 });
    db.close();
    expect((await sandbox.store.usage(SID)).sessions).toBe(1);
  });

  it('200 parallel calls with another hostid on one key: one meeting, the rest meeting_exists', async () => {
    const sandbox = await startTestSandbox({ logger: false });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => call(sandbox, 'createMeeting', { meetingKey: 'contested', hostid: `h${i}` })),
    );
    expect(results.filter((res) => res.body.resultcode === 1)).toHaveLength(1);
    expect(results.filter((res) => res.body.error === 'meeting_exists')).toHaveLength(199);
  });

  it('parallel creates at the sessions quota never exceed it', async () => {
    const sandbox = await startTestSandbox({ logger: false, limits: { sessions: 7, users: 1000 } });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(sandbox, 'createMeeting', { meetingKey: `q${i}`, hostid: 'h' })),
    );
    expect(results.filter((res) => res.body.resultcode === 1)).toHaveLength(7);
    expect(results.filter((res) => res.body.error === 'limit_exceeded')).toHaveLength(93);
    expect((await sandbox.store.usage(SID)).sessions).toBe(7);
  });

  it('parallel adds at the users quota never exceed it', async () => {
    const sandbox = await startTestSandbox({ logger: false, limits: { sessions: 10, users: 5 } });
    await call(sandbox, 'createMeeting', { meetingKey: 'm', hostid: 'host' });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(sandbox, 'addParticipant', { meetingKey: 'm', puid: `p${i}` })),
    );
    expect(results.filter((res) => res.body.resultcode === 1)).toHaveLength(4);
    expect((await sandbox.store.usage(SID)).users).toBe(5);
  });

  it('two stores on one file (as two processes would) share state and quotas', async () => {
    const path = join(tempDir(), 'shared.db');
    const a = await createStore({ db: path });
    const b = await createStore({ db: path });
    const limits = { sessions: 3, users: 100 };
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).createMeeting(SID, { meetingKey: `k${i}`, hostId: 'h' }, limits)),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect((await a.usage(SID)).sessions).toBe(3);
    await a.close();
    await b.close();
  });
});
