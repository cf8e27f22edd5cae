/**
 * The control API over real HTTP: moves follow the spec's lifecycles exactly
 * as the entry pages do (every transition, every refused move changing
 * nothing), accounts stay apart, fresh accounts get their own credentials and
 * quotas, a reset empties one account only, and bad input gets a clear JSON
 * error with its HTTP status from the control document.
 */
import { controlErrors, controlOperation, lifecycle, type LifecycleKind } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { sandboxControl, SandboxControlError, type CreatedAccount } from '../src/index.js';
import { basic, call, startTestSandbox, TOKEN, SID } from './helpers.js';

const sandbox = await startTestSandbox();
const statusOf = (code: string) => controlErrors().find((e) => e.code === code)!.httpStatus;
const as = (account: CreatedAccount) => ({ auth: basic(account.accountSid, account.authToken) });
const controlOf = (account: CreatedAccount) => sandboxControl({ baseUrl: sandbox.url, ...account });

async function raw(path: string, init: { method?: string; body?: string; auth?: string | null; type?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (init.auth !== null) headers.authorization = init.auth ?? basic();
  if (init.type !== null && init.body !== undefined) headers['content-type'] = init.type ?? 'application/json';
  const res = await fetch(`${sandbox.url}${path}`, { method: init.method ?? 'POST', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** A fresh account with one meeting and one participant, through the API. */
async function meetingWithParticipant(): Promise<{ account: CreatedAccount; meetingKey: string; puid: string }> {
  const account = await sandbox.createAccount();
  expect((await call(sandbox, 'createMeeting', { meetingKey: 'weekly', hostid: 'host' }, as(account))).body.resultcode).toBe(1);
  expect((await call(sandbox, 'addParticipant', { meetingKey: 'weekly', puid: 'ann' }, as(account))).body.resultcode).toBe(1);
  return { account, meetingKey: 'weekly', puid: 'ann' };
}

const stored = async (account: CreatedAccount) => sandbox.store.listMeetings(account.accountSid, { includeCancelled: true });

describe.each(['meeting', 'participant'] as LifecycleKind[])('moving a %s', (kind) => {
  const machine = lifecycle(kind);

  it('takes every transition of the lifecycle, and the status the API reads is the one it answers', async () => {
    for (const transition of machine.transitions) {
      const { account, meetingKey, puid } = await meetingWithParticipant();
      const control = controlOf(account);
      // Reach the transition's start along the lifecycle (meeting started first when the participant needs it).
      if (kind === 'participant') await control.moveMeeting({ meetingKey, action: 'start' });
      for (const step of [...machine.route(machine.initial, transition.from)!, transition]) {
        const moved =
          kind === 'meeting'
            ? await control.moveMeeting({ meetingKey, action: step.action as 'start' })
            : await control.moveParticipant({ meetingKey, puid, action: step.action as 'join' });
        expect(moved).toMatchObject({ meetingKey, action: step.action, from: step.from, to: step.to });
        const read = kind === 'meeting' ? await call(sandbox, 'getMeetingStatus', { meetingKey }, as(account)) : await call(sandbox, 'getParticipantStatus', { meetingKey, puid }, as(account));
        expect(read.body).toEqual({ resultcode: 1, status: step.to });
      }
    }
  });

  it('refuses every move the lifecycle forbids with action_not_allowed and the current status, changing nothing', async () => {
    for (const status of machine.statuses.map((s) => s.value)) {
      const route = machine.route(machine.initial, status);
      if (!route) continue;
      for (const action of machine.actions.filter((a) => machine.next(status, a) === undefined)) {
        const { account, meetingKey, puid } = await meetingWithParticipant();
        const control = controlOf(account);
        if (kind === 'participant') await control.moveMeeting({ meetingKey, action: 'start' });
        for (const step of route) {
          if (kind === 'meeting') await control.moveMeeting({ meetingKey, action: step.action as 'start' });
          else await control.moveParticipant({ meetingKey, puid, action: step.action as 'join' });
        }
        const before = await stored(account);
        const refused = await raw(`/control/move-${kind}`, { auth: as(account).auth, body: JSON.stringify(kind === 'meeting' ? { meetingKey, action } : { meetingKey, puid, action }) });
        expect(refused.status).toBe(statusOf('action_not_allowed'));
        expect(refused.body).toMatchObject({ error: 'action_not_allowed', status });
        expect(String(refused.body.message)).toContain(action);
        expect(await stored(account)).toEqual(before);
      }
    }
  });
});

describe('the control API', () => {
  it('ends a meeting as the host page does: participants in progress quit, and then nobody moves', async () => {
    const { account, meetingKey, puid } = await meetingWithParticipant();
    const control = controlOf(account);
    await control.moveMeeting({ meetingKey, action: 'start' });
    await control.moveParticipant({ meetingKey, puid, action: 'join' });
    expect(await control.moveMeeting({ meetingKey, action: 'end' })).toMatchObject({ from: '8', to: '12' });
    const end = lifecycle('participant').onMeetingEnd!;
    expect((await call(sandbox, 'getParticipantStatus', { meetingKey, puid }, as(account))).body.status).toBe(end.to);
    const error = await control.moveParticipant({ meetingKey, puid, action: 'join' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxControlError);
    expect(error).toMatchObject({ status: 409, code: 'action_not_allowed', currentStatus: end.to });
  });

  it('finds no meeting of another account, nor a cancelled one, and changes neither', async () => {
    const { account, meetingKey, puid } = await meetingWithParticipant();
    const other = await sandbox.createAccount();
    const before = await stored(account);
    for (const [path, body] of [
      ['/control/move-meeting', { meetingKey, action: 'start' }],
      ['/control/move-participant', { meetingKey, puid, action: 'join' }],
    ] as const) {
      const answer = await raw(path, { auth: as(other).auth, body: JSON.stringify(body) });
      expect([answer.status, answer.body.error]).toEqual([statusOf('meeting_not_found'), 'meeting_not_found']);
    }
    expect(await stored(account)).toEqual(before);
    const unknown = await raw('/control/move-participant', { auth: as(account).auth, body: JSON.stringify({ meetingKey, puid: 'nobody', action: 'join' }) });
    expect([unknown.status, unknown.body.error]).toEqual([statusOf('participant_not_found'), 'participant_not_found']);
    await call(sandbox, 'cancelMeeting', { meetingKey }, as(account));
    expect((await raw('/control/move-meeting', { auth: as(account).auth, body: JSON.stringify({ meetingKey, action: 'start' }) })).body.error).toBe('meeting_not_found');
  });

  it('resets one account only: its keys, URLs and quota are free again', async () => {
    const { account, meetingKey } = await meetingWithParticipant();
    const { account: neighbour, meetingKey: theirs } = await meetingWithParticipant();
    await call(sandbox, 'createMeeting', { meetingKey: 'second', hostid: 'host' }, as(account));
    expect(await controlOf(account).resetAccount()).toEqual({ accountSid: account.accountSid, deletedMeetings: 2 });
    expect((await call(sandbox, 'getMeetingStatus', { meetingKey }, as(account))).body.error).toBe('meeting_not_found');
    expect(await sandbox.store.usage(account.accountSid)).toEqual({ users: 0, sessions: 0 });
    expect((await call(sandbox, 'getMeetingStatus', { meetingKey: theirs }, as(neighbour))).body).toEqual({ resultcode: 1, status: '1' });
    expect(await controlOf(account).resetAccount()).toEqual({ accountSid: account.accountSid, deletedMeetings: 0 });
  });

  it('creates accounts with their own credentials and quotas, over HTTP and in process', async () => {
    const made = await sandboxControl({ baseUrl: sandbox.url, accountSid: SID, authToken: TOKEN }).createAccount({ limits: { sessions: 1 } });
    expect(made.accountSid).not.toBe(SID);
    expect(made.authToken.length).toBeGreaterThanOrEqual(32);
    expect(made.limits).toEqual({ users: 1000, sessions: 1 });
    expect((await call(sandbox, 'createMeeting', { meetingKey: 'a', hostid: 'h' }, as(made))).body.resultcode).toBe(1);
    expect((await call(sandbox, 'createMeeting', { meetingKey: 'b', hostid: 'h' }, as(made))).body.error).toBe('limit_exceeded');
    // The default account still has the sandbox's quotas, and cannot see the new account's meeting.
    expect((await call(sandbox, 'getMeetingStatus', { meetingKey: 'a' })).body.error).toBe('meeting_not_found');
    expect((await call(sandbox, 'getMeetingStatus', { meetingKey: 'a' }, { auth: basic(made.accountSid, `${made.authToken}x`) })).body.error).toBe('auth_failed');
    const inProcess = await sandbox.createAccount({ users: 1 });
    expect(inProcess.limits).toEqual({ users: 1, sessions: 10000 });
    expect(new Set([made.accountSid, inProcess.accountSid]).size).toBe(2);
    expect((await call(sandbox, 'createMeeting', { meetingKey: 'a', hostid: 'h1' }, as(inProcess))).body.resultcode).toBe(1);
    expect((await call(sandbox, 'createMeeting', { meetingKey: 'b', hostid: 'h2' }, as(inProcess))).body.error).toBe('limit_exceeded');
    await expect(sandbox.createAccount({ users: 0 })).rejects.toThrow(/positive integer/);
  });

  it('answers the recent calls of the account, newest first, a triggered failure with its rule, and no one else\'s', async () => {
    const fresh = await sandbox.createAccount();
    const control = controlOf(fresh);
    expect(await control.listCalls()).toEqual({ calls: [] });
    await call(sandbox, 'createMeeting', { meetingKey: 'listed', hostid: 'h' }, as(fresh));
    await call(sandbox, 'getMeetingStatus', { meetingKey: 'lm_test_meeting_not_found' }, as(fresh));
    await call(sandbox, 'getMeetingStatus', { meetingKey: 'listed' }, { auth: basic() });
    const { calls } = await control.listCalls({ limit: 5 });
    expect(calls.map((c) => [c.operation, c.status])).toEqual([
      ['getMeetingStatus', 200],
      ['createMeeting', 200],
    ]);
    expect(calls[0]).toMatchObject({ params: { meetingKey: 'lm_test_meeting_not_found' }, failure: { error: 'meeting_not_found', rule: 'sandbox.test-triggers' } });
    expect((await control.listCalls({ limit: 1 })).calls).toHaveLength(1);
    expect(JSON.stringify(calls)).not.toContain(fresh.authToken);
    expect((await raw('/control/calls?limit=0', { method: 'GET', auth: as(fresh).auth })).body).toMatchObject({ error: 'invalid_request', param: 'limit' });
  });
});

describe('bad requests get a clear JSON error with the control document\'s status, and change nothing', () => {
  const move = controlOperation('moveMeeting').path;
  it.each([
    ['no body', move, {}, 'invalid_request', undefined],
    ['not JSON', move, { body: '{"meetingKey":' }, 'invalid_request', undefined],
    ['an array', move, { body: '[]' }, 'invalid_request', undefined],
    ['a missing field', move, { body: '{"meetingKey":"k"}' }, 'invalid_request', 'action'],
    ['an unknown action', move, { body: '{"meetingKey":"k","action":"explode"}' }, 'invalid_request', 'action'],
    ['a participant action on a meeting', move, { body: '{"meetingKey":"k","action":"join"}' }, 'invalid_request', 'action'],
    ['a number for a key', move, { body: '{"meetingKey":5,"action":"start"}' }, 'invalid_request', 'meetingKey'],
    ['an empty key', move, { body: '{"meetingKey":"","action":"start"}' }, 'invalid_request', 'meetingKey'],
    ['an extra field', move, { body: '{"meetingKey":"k","action":"start","admin":true}' }, 'invalid_request', 'admin'],
    ['a __proto__ field', move, { body: '{"meetingKey":"k","action":"start","__proto__":{"x":1}}' }, 'invalid_request', '__proto__'],
    ['form encoding', move, { body: 'meetingKey=k&action=start', type: 'application/x-www-form-urlencoded' }, 'unsupported_media_type', undefined],
    ['a body over the bound', move, { body: `{"meetingKey":"${'k'.repeat(70_000)}","action":"start"}` }, 'payload_too_large', undefined],
    ['limits of zero', '/control/accounts', { body: '{"limits":{"sessions":0}}' }, 'invalid_request', 'limits.sessions'],
    ['no credentials', move, { auth: null, body: '{"meetingKey":"k","action":"start"}' }, 'auth_failed', undefined],
    ['a wrong token', move, { auth: basic(SID, `${TOKEN}x`), body: '{"meetingKey":"k","action":"start"}' }, 'auth_failed', undefined],
    ['GET on a POST path', move, { method: 'GET' }, 'method_not_allowed', undefined],
    ['an unknown path', '/control/nothing-here', {}, 'not_found', undefined],
  ] as const)('%s', async (_name, path, init, error, param) => {
    const before = await sandbox.store.listMeetings(SID, { includeCancelled: true });
    const answer = await raw(path, init);
    expect(answer.status).toBe(statusOf(error));
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.body.error).toBe(error);
    expect(typeof answer.body.message).toBe('string');
    expect(answer.body.param).toBe(param);
    if (error === 'auth_failed') expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    if (error === 'method_not_allowed') expect(answer.headers.get('allow')).toBe('POST');
    expect(JSON.stringify(answer.body)).not.toContain(TOKEN);
    expect(await sandbox.store.listMeetings(SID, { includeCancelled: true })).toEqual(before);
  });
});
