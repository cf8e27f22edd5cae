import { describe, expect, it } from 'vitest';
import { basic, call, SID, startTestSandbox, TOKEN, uniqueKey } from './helpers.js';

const OTHER = { accountSid: 'ACother0001', authToken: 'other-secret-token-0001' };
const sandbox = await startTestSandbox({ accounts: [{ accountSid: SID, authToken: TOKEN }, OTHER] });

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('authentication', () => {
  const key = uniqueKey('auth');
  it('creates a meeting to probe with', async () => {
    expect((await call(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h1', title: 'Secret title' })).body.resultcode).toBe(1);
  });

  it.each([
    ['no Authorization header', null],
    ['an empty header', ''],
    ['another scheme', `Bearer ${b64(`${SID}:${TOKEN}`)}`],
    ['Basic without credentials', 'Basic'],
    ['Basic with no colon', `Basic ${b64(`${SID}${TOKEN}`)}`],
    ['a wrong token', basic(SID, `${TOKEN}x`)],
    ['a token one character short', basic(SID, TOKEN.slice(0, -1))],
    ['an empty token', basic(SID, '')],
    ['an unknown AccountSid', basic('ACunknown', TOKEN)],
    ['the sid in another case', basic(SID.toUpperCase(), TOKEN)],
    ["another account's token", basic(SID, OTHER.authToken)],
    ['garbage base64', 'Basic !!!!'],
  ])('%s is auth_failed with HTTP 200 and no meeting data', async (_name, auth) => {
    const res = await call(sandbox, 'getMeetingUrl', { meetingKey: key }, { auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(res.body).toEqual({ resultcode: 0, error: 'auth_failed', message: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });

  it.each([
    ['standard', basic()],
    ['lower-case scheme', `basic ${b64(`${SID}:${TOKEN}`)}`],
    ['upper-case scheme', `BASIC ${b64(`${SID}:${TOKEN}`)}`],
    ['extra spaces', `Basic   ${b64(`${SID}:${TOKEN}`)}  `],
  ])('%s credentials are accepted', async (_name, auth) => {
    const res = await call(sandbox, 'getMeetingStatus', { meetingKey: key }, { auth });
    expect(res.body).toEqual({ resultcode: 1, status: '1' });
  });

  it('checks auth before parameters, so a bad call without credentials reveals nothing about them', async () => {
    const res = await call(sandbox, 'createMeeting', { meetingKey: 'x'.repeat(100) }, { auth: null });
    expect(res.body.error).toBe('auth_failed');
  });
});

describe('account isolation', () => {
  const other = basic(OTHER.accountSid, OTHER.authToken);
  const key = uniqueKey('iso');

  it("another account's meeting is meeting_not_found for every operation", async () => {
    await call(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h1' });
    await call(sandbox, 'addParticipant', { meetingKey: key, puid: 'p1' });
    for (const [operation, params] of [
      ['getMeetingUrl', { meetingKey: key }],
      ['getMeetingStatus', { meetingKey: key }],
      ['addParticipant', { meetingKey: key, puid: 'p2' }],
      ['getParticipantUrl', { meetingKey: key, puid: 'p1' }],
      ['getParticipantStatus', { meetingKey: key, puid: 'p1' }],
      ['cancelParticipant', { meetingKey: key, puid: 'p1' }],
      ['cancelMeeting', { meetingKey: key }],
    ] as const) {
      const res = await call(sandbox, operation, params, { auth: other });
      expect(res.body, operation).toMatchObject({ resultcode: 0, error: 'meeting_not_found' });
    }
    // Nothing the other account tried changed this account's meeting.
    expect((await call(sandbox, 'getParticipantStatus', { meetingKey: key, puid: 'p1' })).body).toEqual({ resultcode: 1, status: '2' });
  });

  it('each account has its own key namespace', async () => {
    const mine = await call(sandbox, 'createMeeting', { meetingKey: key, hostid: 'h1' });
    const theirs = await call(sandbox, 'createMeeting', { meetingKey: key, hostid: 'someone-else' }, { auth: other });
    expect(mine.body.resultcode).toBe(1);
    expect(theirs.body.resultcode).toBe(1);
    expect(theirs.body.meetingUrl).not.toBe(mine.body.meetingUrl);
    expect((await sandbox.store.usage(OTHER.accountSid)).sessions).toBe(1);
  });
});
