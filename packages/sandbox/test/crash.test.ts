/**
 * kill -9 during a write load on a file database: after a restart on the same
 * file, every call that was answered resultcode 1 is there, the usage counters
 * match the rows, and the quotas still hold.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, SID, startTestSandbox, tempDir } from './helpers.js';
import { startCli } from './process.js';
import { usageFromRows } from './usage-from-rows.js';

describe('crash durability', () => {
  it('every answered create, add and cancel survives kill -9 and a restart; quotas still hold', async () => {
    const db = join(tempDir(), 'crash.db');
    const first = await startCli(['--port', '0', '--db', db, '--quiet']);
    const created: string[] = [];
    const added: string[] = [];
    const cancelled = new Set<string>();
    // A cancel sent but not answered may or may not have committed before the kill: either outcome is right.
    const cancelUnanswered = new Set<string>();
    let killed = false;
    let reached!: () => void;
    const enoughCreated = new Promise<void>((resolve) => (reached = resolve));
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const key = `w${w}-${i}`;
        try {
          if ((await call(first, 'createMeeting', { meetingKey: key, hostid: `h${w}` })).body.resultcode === 1) created.push(key);
          if (created.length >= 300) reached();
          if ((await call(first, 'addParticipant', { meetingKey: key, puid: 'p' })).body.resultcode === 1) added.push(key);
          if (i % 3 === 0) {
            cancelUnanswered.add(key);
            if ((await call(first, 'cancelMeeting', { meetingKey: key })).body.resultcode === 1) cancelled.add(key);
            cancelUnanswered.delete(key);
          }
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    await enoughCreated;
    first.child.kill('SIGKILL');
    killed = true;
    expect((await first.exited).signal).toBe('SIGKILL');
    await Promise.all(workers);

    const second = await startCli(['--port', '0', '--db', db, '--quiet']);
    try {
      let checked = 0;
      for (const key of created.filter((k) => !cancelUnanswered.has(k))) {
        const status = await call(second, 'getMeetingStatus', { meetingKey: key });
        expect(status.body.resultcode, key).toBe(cancelled.has(key) ? 0 : 1);
        checked++;
      }
      for (const key of added.filter((k) => !cancelled.has(k) && !cancelUnanswered.has(k))) {
        expect((await call(second, 'getParticipantStatus', { meetingKey: key, puid: 'p' })).body.resultcode, key).toBe(1);
      }
      expect(checked).toBeGreaterThanOrEqual(290);
      expect(cancelled.size).toBeGreaterThan(0);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    // The counters the quotas read survived the crash in step with the rows.
    const rows = usageFromRows(db, SID);
    const live = rows.sessions;
    expect(live).toBeGreaterThanOrEqual(created.length - cancelled.size - cancelUnanswered.size);
    const third = await startTestSandbox({ db, logger: false, limits: { sessions: live, users: 1000 } });
    expect(await third.store.usage(SID)).toEqual(rows);
    expect((await call(third, 'createMeeting', { meetingKey: 'one-too-many', hostid: 'h0' })).body).toMatchObject({ resultcode: 0, error: 'limit_exceeded' });
    expect(usageFromRows(db, SID)).toEqual(rows);
  }, 300_000);
});
