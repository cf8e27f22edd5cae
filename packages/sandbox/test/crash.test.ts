/**
 * kill -9 during a write load on a file database: after a restart on the same
 * file, every call that was answered resultcode 1 is there.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, tempDir } from './helpers.js';
import { startCli } from './process.js';

describe('crash durability', () => {
  it('every answered create, add and cancel survives kill -9 and a restart', async () => {
    const db = join(tempDir(), 'crash.db');
    const first = await startCli(['--port', '0', '--db', db, '--quiet']);
    const created: string[] = [];
    const added: string[] = [];
    const cancelled: string[] = [];
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const key = `w${w}-${i}`;
        try {
          if ((await call(first, 'createMeeting', { meetingKey: key, hostid: `h${w}` })).body.resultcode === 1) created.push(key);
          if ((await call(first, 'addParticipant', { meetingKey: key, puid: 'p' })).body.resultcode === 1) added.push(key);
          if (i % 3 === 0 && (await call(first, 'cancelMeeting', { meetingKey: key })).body.resultcode === 1) cancelled.push(key);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (created.length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    killed = true;
    expect((await first.exited).signal).toBe('SIGKILL');
    await Promise.all(workers);

    const second = await startCli(['--port', '0', '--db', db, '--quiet']);
    try {
      const gone = new Set(cancelled);
      let checked = 0;
      for (const key of created) {
        const status = await call(second, 'getMeetingStatus', { meetingKey: key });
        expect(status.body.resultcode, key).toBe(gone.has(key) ? 0 : 1);
        checked++;
      }
      for (const key of added.filter((k) => !gone.has(k))) {
        expect((await call(second, 'getParticipantStatus', { meetingKey: key, puid: 'p' })).body.resultcode, key).toBe(1);
      }
      expect(checked).toBeGreaterThanOrEqual(300);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});
