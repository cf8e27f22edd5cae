import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStore } from '../src/index.js';
import { call, SID, startTestSandbox, tempDir } from './helpers.js';
import { startCli } from './process.js';
import { usageFromRows } from './usage-from-rows.js';
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
    expect(usageFromRows(sandbox.dbPath, SID)).toEqual(await sandbox.store.usage(SID));
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
    expect(usageFromRows(sandbox.dbPath, SID)).toEqual(await sandbox.store.usage(SID));
  });

  it('parallel adds at the users quota never exceed it', async () => {
    const sandbox = await startTestSandbox({ logger: false, limits: { sessions: 10, users: 5 } });
    await call(sandbox, 'createMeeting', { meetingKey: 'm', hostid: 'host' });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(sandbox, 'addParticipant', { meetingKey: 'm', puid: `p${i}` })),
    );
    expect(results.filter((res) => res.body.resultcode === 1)).toHaveLength(4);
    expect((await sandbox.store.usage(SID)).users).toBe(5);
    expect(usageFromRows(sandbox.dbPath, SID)).toEqual(await sandbox.store.usage(SID));
  });

  it('two processes on one file, writing at once, share state and never exceed a quota', async () => {
    const path = join(tempDir(), 'shared.db');
    const limits = { sessions: 7, users: 5 };
    const script = 'test/fixtures/sandbox-process.ts';
    const args = [path, String(limits.sessions), String(limits.users)];
    // The first creates the schema; the second then opens the same file.
    const a = await startCli(args, script);
    const b = await startCli(args, script);
    const both = [a, b];
    try {
      const contested = await Promise.all(
        Array.from({ length: 40 }, (_, i) => call(both[i % 2]!, 'createMeeting', { meetingKey: 'contested', hostid: `h${i}` })),
      );
      expect(contested.filter((res) => res.body.resultcode === 1)).toHaveLength(1);
      expect(contested.filter((res) => res.body.error === 'meeting_exists')).toHaveLength(39);
      const creates = await Promise.all(
        Array.from({ length: 60 }, (_, i) => call(both[i % 2]!, 'createMeeting', { meetingKey: `q${i}`, hostid: 'host' })),
      );
      expect(creates.filter((res) => res.body.resultcode === 1)).toHaveLength(limits.sessions - 1);
      expect(creates.filter((res) => res.body.error === 'limit_exceeded')).toHaveLength(60 - (limits.sessions - 1));
      const meeting = String(creates.find((res) => res.body.resultcode === 1)?.body.meetingKey);
      const adds = await Promise.all(
        Array.from({ length: 60 }, (_, i) => call(both[i % 2]!, 'addParticipant', { meetingKey: meeting, puid: `p${i}` })),
      );
      // Two users exist already (the contested meeting's host and "host").
      expect(adds.filter((res) => res.body.resultcode === 1)).toHaveLength(limits.users - 2);
      expect(adds.filter((res) => res.body.error === 'limit_exceeded')).toHaveLength(60 - (limits.users - 2));
      // Each process sees what the other wrote.
      const added = adds.flatMap((res, i) => (res.body.resultcode === 1 ? [`p${i}`] : []));
      for (const [i, puid] of added.entries()) {
        const seen = await call(both[(i + 1) % 2]!, 'getParticipantStatus', { meetingKey: meeting, puid });
        expect(seen.body.resultcode, puid).toBe(1);
      }
    } finally {
      for (const cli of both) cli.child.kill('SIGTERM');
      await Promise.all(both.map((cli) => cli.exited));
    }
    expect(usageFromRows(path, SID)).toEqual({ sessions: limits.sessions, users: limits.users });
    const reader = await createStore({ db: path });
    expect(await reader.usage(SID)).toEqual({ sessions: limits.sessions, users: limits.users });
    await reader.close();
  }, 300_000);
});
