/**
 * The client package's own traffic through the observing proxy, in front of a
 * correct sandbox: every operation, a repeated create and add, a failure and a
 * cancel. Nothing is wrong on either side, so the proxy finds nothing, and it
 * saw every exchange.
 */
import { randomBytes } from 'node:crypto';
import { createClient, NotFoundError } from '@org/liveminutes-client';
import { startSandbox } from '@org/liveminutes-sandbox';
import { expect, it } from 'vitest';
import { observeWhile } from '../support/observe-while.js';

it('gives no finding for the client package used as documented', { timeout: 120_000 }, async () => {
  const account = { accountSid: `ACcli${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  const sandbox = await startSandbox({ port: 0, accounts: [account], logger: false });
  let calls = 0;
  try {
    const { report } = await observeWhile(sandbox.url, async (baseUrl) => {
      const lm = createClient({ ...account, baseUrl });
      const call = async <T>(promise: Promise<T>): Promise<T> => {
        calls += 1;
        return promise;
      };
      const created = await call(lm.createMeeting({ meetingKey: '', hostid: 'host-1', title: 'Weekly', time: '2026-12-24 18:00:00', duration: '45.5' }));
      const again = await call(lm.createMeeting({ meetingKey: created.meetingKey, hostid: 'host-1' }));
      expect(again.hostUrl).toBe(created.hostUrl);
      const { meetingKey } = created;
      const added = await call(lm.addParticipant({ meetingKey, puid: 'p-1', nickname: 'Ann', email: 'ann@example.com' }));
      expect((await call(lm.addParticipant({ meetingKey, puid: 'p-1' }))).participantUrl).toBe(added.participantUrl);
      await call(lm.addParticipant({ meetingKey, puid: 'p-2' }));
      expect((await call(lm.getMeetingUrl({ meetingKey }))).meetingUrl).toBe(created.meetingUrl);
      expect((await call(lm.getParticipantUrl({ meetingKey, puid: 'p-1' }))).participantUrl).toBe(added.participantUrl);
      await call(lm.getMeetingStatus({ meetingKey }));
      await call(lm.getParticipantStatus({ meetingKey, puid: 'p-1' }));
      await call(lm.cancelParticipant({ meetingKey, puid: 'p-2' }));
      await call(lm.cancelMeeting({ meetingKey }));
      await expect(call(lm.getMeetingUrl({ meetingKey }))).rejects.toBeInstanceOf(NotFoundError);
    });
    expect(report.findings).toEqual([]);
    expect(report.exchanges).toBe(calls);
    expect(report.documentedFailures.find((entry) => entry.operation === 'getMeetingUrl' && entry.error === 'meeting_not_found')?.provoked).toBe(1);
    expect(report.ok).toBe(true);
  } finally {
    await sandbox.close();
  }
});
