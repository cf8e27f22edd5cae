/**
 * The request inspector's record of real calls over HTTP: newest first, masked,
 * and each failure with the spec rule it broke, read from the spec's model.
 */
import { failureRule, invalidParameterRule, operationParams, withRule } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { basic, call, SID, startTestSandbox, TOKEN, uniqueKey } from './helpers.js';

const sandbox = await startTestSandbox();
const puid = operationParams('addParticipant').params.find((p) => p.name === 'puid')!;

describe('the call log of an account', () => {
  it('records each call newest first, with masked answers and the failure\'s rule, bound and what was sent', async () => {
    const meetingKey = uniqueKey('inspect');
    const created = await call(sandbox, 'createMeeting', { meetingKey, hostid: 'h1', title: 'Inspected' });
    const tooLong = 'p'.repeat(puid.maxLength! + 1);
    const refused = await call(sandbox, 'addParticipant', { meetingKey, puid: tooLong });
    const missing = await call(sandbox, 'getMeetingStatus', { meetingKey: uniqueKey('none') });

    const recent = sandbox.calls.recent(SID, { limit: 3 });
    expect(recent.map((c) => c.operation)).toEqual(['getMeetingStatus', 'addParticipant', 'createMeeting']);

    const [notFound, invalid, ok] = recent;
    expect(ok!.params).toEqual({ meetingKey, hostid: 'h1', title: 'Inspected' });
    expect(ok!.answer.hostUrl).toBe(`${sandbox.publicUrl}/e/[redacted]`);
    expect(ok!.answer.meetingUrl).toBe(created.body.meetingUrl);
    expect(ok!.failure).toBeUndefined();
    expect(ok!.status).toBe(200);
    expect(ok!.ms).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ok!.at)).not.toBeNaN();

    const rule = puid.rules.maxLength!;
    expect(invalid!.failure).toEqual({
      error: 'invalid_parameter',
      rule,
      param: 'puid',
      sent: tooLong,
      sentLength: puid.maxLength! + 1,
      bound: `maxLength ${puid.maxLength}`,
    });
    expect(invalid!.answer).toEqual(refused.body);
    expect(refused.body.message).toBe(withRule(`puid must be at most ${puid.maxLength} characters.`, rule));

    expect(notFound!.failure).toEqual({ error: 'meeting_not_found', rule: failureRule('meeting_not_found') });
    expect(String(missing.body.message)).toContain(`(rule ${failureRule('meeting_not_found')}).`);
  });

  it('names the cause\'s rule for a repeated parameter and shows every value sent', async () => {
    const body = new URLSearchParams([['meetingKey', 'a'], ['meetingKey', 'b']]);
    const answer = await call(sandbox, 'getMeetingUrl', body);
    expect(answer.body.message).toBe(withRule('meetingKey was given more than once.', invalidParameterRule('repeated')));
    expect(sandbox.calls.recent(SID, { limit: 1 })[0]!.failure).toEqual({
      error: 'invalid_parameter',
      rule: invalidParameterRule('repeated'),
      param: 'meetingKey',
      sent: '["a","b"]',
      sentLength: 9,
    });
  });

  it('records a known AccountSid\'s wrong-token call without the token, and nothing for an unknown AccountSid', async () => {
    const before = sandbox.calls.recent(SID).length;
    const wrongToken = `${TOKEN}x`;
    await call(sandbox, 'getMeetingStatus', { meetingKey: 'k' }, { auth: basic(SID, wrongToken) });
    await call(sandbox, 'getMeetingStatus', { meetingKey: 'k' }, { auth: basic('nobody-here', TOKEN) });
    await call(sandbox, 'getMeetingStatus', { meetingKey: 'k' }, { auth: null });
    const recent = sandbox.calls.recent(SID);
    expect(recent.length).toBe(Math.min(before + 1, sandbox.calls.perAccount));
    expect(recent[0]).toMatchObject({ operation: 'getMeetingStatus', params: {}, failure: { error: 'auth_failed', rule: failureRule('auth_failed') } });
    expect(sandbox.calls.recent('nobody-here')).toEqual([]);
    expect(JSON.stringify(recent)).not.toContain(wrongToken);
  });

  it('masks a parameter that holds the AuthToken, in the parameters and in what a failure sent', async () => {
    const meetingKey = uniqueKey('secret');
    await call(sandbox, 'createMeeting', { meetingKey, hostid: 'h', title: `token ${TOKEN}` });
    await call(sandbox, 'addParticipant', { meetingKey, puid: `${TOKEN}${'x'.repeat(40)}` });
    const text = JSON.stringify(sandbox.calls.recent(SID, { limit: 2 }));
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('[redacted]');
  });
});
