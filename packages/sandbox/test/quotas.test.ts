import { limits } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { defaultLimits } from '../src/index.js';
import { call, ok, SID, startTestSandbox, type TestSandbox } from './helpers.js';
import { usageFromRows } from './usage-from-rows.js';

/** The counters the server enforces with, checked against the rows they summarize. */
async function usage(sandbox: TestSandbox): Promise<{ sessions: number; users: number }> {
  const counted = await sandbox.store.usage(SID);
  expect(usageFromRows(sandbox.dbPath, SID)).toEqual(counted);
  return counted;
}

describe('default quotas', () => {
  it("are the spec's quota.limits", () => {
    expect(defaultLimits()).toEqual(limits());
  });
});

describe('sessions quota', async () => {
  const sandbox = await startTestSandbox({ limits: { sessions: 2, users: 100 } });

  it('the call that would exceed it fails with limit_exceeded and changes nothing', async () => {
    expect((await ok(sandbox, 'createMeeting', { meetingKey: 's1', hostid: 'h' })).resultcode).toBe(1);
    expect((await ok(sandbox, 'createMeeting', { meetingKey: 's2', hostid: 'h' })).resultcode).toBe(1);
    const over = await ok(sandbox, 'createMeeting', { meetingKey: 's3', hostid: 'new-host' });
    expect(over).toMatchObject({ resultcode: 0, error: 'limit_exceeded' });
    expect(over.message).toContain('sessions');
    expect(await ok(sandbox, 'getMeetingStatus', { meetingKey: 's3' })).toMatchObject({ error: 'meeting_not_found' });
    expect(await usage(sandbox)).toEqual({ sessions: 2, users: 1 });
  });

  it('an idempotent repeat at the quota still succeeds (it creates nothing)', async () => {
    expect((await ok(sandbox, 'createMeeting', { meetingKey: 's1', hostid: 'h' })).resultcode).toBe(1);
  });

  it('finished meetings count; cancelled ones do not', async () => {
    const s1 = await ok(sandbox, 'createMeeting', { meetingKey: 's1', hostid: 'h' });
    const hostToken = s1.hostUrl.split('/e/')[1]!;
    await sandbox.store.applyHostAction(hostToken, 'start');
    await sandbox.store.applyHostAction(hostToken, 'end');
    expect(await ok(sandbox, 'createMeeting', { meetingKey: 's3', hostid: 'h' })).toMatchObject({ error: 'limit_exceeded' });
    await ok(sandbox, 'cancelMeeting', { meetingKey: 's1' });
    expect((await ok(sandbox, 'createMeeting', { meetingKey: 's3', hostid: 'h' })).resultcode).toBe(1);
    expect(await usage(sandbox)).toEqual({ sessions: 2, users: 1 });
  });
});

describe('users quota', async () => {
  const sandbox = await startTestSandbox({ limits: { sessions: 100, users: 3 } });

  it('counts distinct ids among hosts and live participants', async () => {
    await ok(sandbox, 'createMeeting', { meetingKey: 'u1', hostid: 'alice' });
    await ok(sandbox, 'createMeeting', { meetingKey: 'u2', hostid: 'alice' });
    await ok(sandbox, 'addParticipant', { meetingKey: 'u1', puid: 'bob' });
    await ok(sandbox, 'addParticipant', { meetingKey: 'u2', puid: 'bob' });
    await ok(sandbox, 'addParticipant', { meetingKey: 'u2', puid: 'alice' });
    expect(await usage(sandbox)).toEqual({ sessions: 2, users: 2 });
    expect((await ok(sandbox, 'addParticipant', { meetingKey: 'u1', puid: 'carol' })).resultcode).toBe(1);
    const over = await ok(sandbox, 'addParticipant', { meetingKey: 'u1', puid: 'dave' });
    expect(over).toMatchObject({ resultcode: 0, error: 'limit_exceeded' });
    expect(over.message).toContain('users');
    expect(await ok(sandbox, 'createMeeting', { meetingKey: 'u3', hostid: 'dave' })).toMatchObject({ error: 'limit_exceeded' });
    expect(await ok(sandbox, 'getParticipantStatus', { meetingKey: 'u1', puid: 'dave' })).toMatchObject({ error: 'participant_not_found' });
    expect(await ok(sandbox, 'getMeetingStatus', { meetingKey: 'u3' })).toMatchObject({ error: 'meeting_not_found' });
    // Known users can still be added anywhere.
    expect((await ok(sandbox, 'createMeeting', { meetingKey: 'u3', hostid: 'carol' })).resultcode).toBe(1);
    expect((await ok(sandbox, 'addParticipant', { meetingKey: 'u3', puid: 'bob' })).resultcode).toBe(1);
    expect(await usage(sandbox)).toEqual({ sessions: 3, users: 3 });
  });

  it('a cancelled participant frees its user once it has no other live role', async () => {
    await ok(sandbox, 'cancelParticipant', { meetingKey: 'u1', puid: 'carol' });
    // carol still hosts u3.
    expect(await ok(sandbox, 'addParticipant', { meetingKey: 'u1', puid: 'dave' })).toMatchObject({ error: 'limit_exceeded' });
    await ok(sandbox, 'cancelMeeting', { meetingKey: 'u3' });
    expect(await usage(sandbox)).toEqual({ sessions: 2, users: 2 });
    expect((await ok(sandbox, 'addParticipant', { meetingKey: 'u1', puid: 'dave' })).resultcode).toBe(1);
    expect(await usage(sandbox)).toEqual({ sessions: 2, users: 3 });
  });

  it('quotas are per account', async () => {
    const other = { accountSid: 'ACq', authToken: 'tq' };
    const two = await startTestSandbox({ limits: { sessions: 1, users: 1 }, accounts: [{ accountSid: SID, authToken: 'x' }, other] });
    const auth = `Basic ${Buffer.from('ACq:tq').toString('base64')}`;
    expect((await call(two, 'createMeeting', { meetingKey: 'a', hostid: 'h' }, { auth })).body.resultcode).toBe(1);
    expect((await call(two, 'createMeeting', { meetingKey: 'a', hostid: 'h' }, { auth: `Basic ${Buffer.from(`${SID}:x`).toString('base64')}` })).body.resultcode).toBe(1);
  });
});
