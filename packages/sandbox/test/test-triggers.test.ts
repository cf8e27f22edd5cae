/**
 * Every test trigger of the spec against a real sandbox: exactly its effect,
 * nothing stored changed (a delay answers normally, late); and with test
 * triggers off, the same call is answered as an ordinary one. Each trigger
 * gets an account of its own, set up (through the store, which knows no
 * triggers) so that the call would succeed without the trigger.
 */
import { operationParams, serverFaultCode, testTriggerPrefix, testTriggers, type TestTrigger } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { basic, call, schemaErrors, startTestSandbox, type TestSandbox } from './helpers.js';

const triggers = testTriggers();
const account = (trigger: TestTrigger) => ({ accountSid: `AC-${trigger.id}`, authToken: `token-${trigger.id}` });
const accounts = [...triggers.map(account), { accountSid: 'AC-plain', authToken: 'token-plain' }];
const on = await startTestSandbox({ accounts });
const off = await startTestSandbox({ accounts, testTriggers: false });
const LIMITS = { users: 1000, sessions: 10000 };

/** The call's parameters, and the meeting (and participant) it needs set up in `sandbox`'s store. */
async function prepare(sandbox: TestSandbox, trigger: TestTrigger): Promise<Record<string, string>> {
  const { accountSid } = account(trigger);
  const { meeting, host, participant, needs } = operationParams(trigger.operation);
  const value = (name: string | undefined, fallback: string) => (name === trigger.param ? trigger.value : fallback);
  const params: Record<string, string> = { [meeting!.name]: value(meeting?.name, 'meeting-1') };
  if (host) params[host.name] = value(host.name, 'host-1');
  if (participant) params[participant.name] = value(participant.name, 'person-1');
  const meetingKey = params[meeting!.name]!;
  if (needs.meeting) {
    expect((await sandbox.store.createMeeting(accountSid, { meetingKey, hostId: 'host-1' }, LIMITS)).ok).toBe(true);
  }
  if (needs.participant) {
    expect((await sandbox.store.addParticipant(accountSid, { meetingKey, puid: params[participant!.name]! }, LIMITS)).ok).toBe(true);
  }
  return params;
}

/** Everything stored for the account: meetings (cancelled ones too) with participants, and the quota use. */
async function snapshot(sandbox: TestSandbox, trigger: TestTrigger) {
  const { accountSid } = account(trigger);
  return { meetings: await sandbox.store.listMeetings(accountSid, { includeCancelled: true }), usage: await sandbox.store.usage(accountSid) };
}

const auth = (trigger: TestTrigger) => ({ auth: basic(account(trigger).accountSid, account(trigger).authToken) });

describe.concurrent.each(triggers.map((t) => [t.id, t] as const))('test trigger %s', (_id, trigger) => {
  it(`does exactly ${JSON.stringify(trigger.effect)} and changes nothing stored`, async () => {
    const params = await prepare(on, trigger);
    const before = await snapshot(on, trigger);
    const { effect } = trigger;
    if ('drop' in effect) {
      await expect(call(on, trigger.operation, params, auth(trigger))).rejects.toThrow();
      expect(await snapshot(on, trigger)).toEqual(before);
      return;
    }
    const started = performance.now();
    const answer = await call(on, trigger.operation, params, auth(trigger));
    if ('delayMs' in effect) {
      // A lower bound only (a busy machine makes it later, never earlier); 1 ms for timer rounding.
      expect(performance.now() - started).toBeGreaterThanOrEqual(effect.delayMs - 1);
      expect(answer.status).toBe(200);
      expect(answer.body.resultcode).toBe(1);
      expect(schemaErrors(trigger.operation, 'success', answer.body)).toBeUndefined();
      return;
    }
    const code = 'error' in effect ? effect.error : serverFaultCode();
    expect(answer.status).toBe('httpStatus' in effect ? effect.httpStatus : 200);
    expect(answer.body).toMatchObject({ resultcode: 0, error: code });
    expect(answer.body.message).toContain(trigger.id);
    expect(answer.body.param).toBe(code === 'invalid_parameter' ? trigger.param : undefined);
    expect(schemaErrors(trigger.operation, 'failure', answer.body)).toBeUndefined();
    expect(await snapshot(on, trigger)).toEqual(before);
  });

  it('is an ordinary value with test triggers off', async () => {
    const params = await prepare(off, trigger);
    const answer = await call(off, trigger.operation, params, auth(trigger));
    expect([answer.status, answer.body.resultcode]).toEqual([200, 1]);
    expect(schemaErrors(trigger.operation, 'success', answer.body)).toBeUndefined();
  });
});

describe('what is not a trigger', () => {
  const plain = { auth: basic('AC-plain', 'token-plain') };
  const notFound = triggers.find((t) => 'error' in t.effect && t.effect.error === 'meeting_not_found' && t.operation === 'getMeetingStatus')!;

  it('a value with the reserved prefix that no trigger lists, or a trigger value in another parameter, is ordinary', async () => {
    const key = `${testTriggerPrefix()}no_such_trigger`;
    expect((await call(on, 'createMeeting', { meetingKey: key, hostid: notFound.value }, plain)).body.resultcode).toBe(1);
    expect((await call(on, 'getMeetingStatus', { meetingKey: key }, plain)).body).toEqual({ resultcode: 1, status: '1' });
  });

  it('credentials and the other parameters are checked first', async () => {
    const wrong = { auth: basic('AC-plain', 'wrong-token') };
    expect((await call(on, 'getMeetingStatus', { [notFound.param]: notFound.value }, wrong)).body.error).toBe('auth_failed');
    const participant = triggers.find((t) => t.operation === 'getParticipantStatus' && t.param === 'meetingKey' && 'error' in t.effect)!;
    const answer = await call(on, 'getParticipantStatus', { meetingKey: participant.value }, plain);
    expect(answer.body).toMatchObject({ error: 'invalid_parameter', param: 'puid' });
  });
});
