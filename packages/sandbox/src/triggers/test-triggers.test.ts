import { testTriggers, type TestTrigger } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { createTriggerTable, triggerOutcome } from './test-triggers.js';

const table = createTriggerTable();

describe('createTriggerTable', () => {
  it('finds every trigger of the spec by its operation, parameter and value, and nothing else', () => {
    for (const trigger of testTriggers()) {
      expect(table.match(trigger.operation, { meetingKey: 'ordinary', puid: 'ordinary', [trigger.param]: trigger.value })).toBe(trigger);
      expect(table.match(trigger.operation, { [trigger.param]: `${trigger.value}x` })).toBeUndefined();
      expect(table.match(`${trigger.operation}s`, { [trigger.param]: trigger.value })).toBeUndefined();
    }
    expect(table.match('getMeetingStatus', {})).toBeUndefined();
  });

  it('holds what it is given', () => {
    const own: TestTrigger = { id: 'x.drop', operation: 'getMeetingUrl', param: 'meetingKey', value: 'lm_test_x', effect: { drop: true }, description: 'd' };
    const small = createTriggerTable([own]);
    expect(small.match('getMeetingUrl', { meetingKey: 'lm_test_x' })).toBe(own);
    expect(small.match('getMeetingUrl', { meetingKey: testTriggers()[0]!.value })).toBeUndefined();
  });
});

describe('triggerOutcome', () => {
  const base = { id: 't.one', operation: 'getMeetingStatus', param: 'meetingKey', value: 'lm_test_t', description: 'd' };

  it('answers an error in the failure shape, naming the trigger; invalid_parameter names its parameter', async () => {
    expect(await triggerOutcome({ ...base, effect: { error: 'meeting_not_found' } })).toEqual({
      kind: 'answer',
      status: 200,
      headers: {},
      body: { resultcode: 0, error: 'meeting_not_found', message: expect.stringContaining('(test trigger t.one: meetingKey is lm_test_t)') },
      failure: { error: 'meeting_not_found', rule: 'sandbox.test-triggers' },
    });
    const invalid = await triggerOutcome({ ...base, effect: { error: 'invalid_parameter' } });
    expect(invalid).toMatchObject({ kind: 'answer', status: 200, body: { error: 'invalid_parameter', param: 'meetingKey' } });
  });

  it('answers a server fault with its HTTP status and closes the connection; drops; continues after a delay', async () => {
    expect(await triggerOutcome({ ...base, effect: { httpStatus: 503 } })).toMatchObject({
      kind: 'answer',
      status: 503,
      headers: { connection: 'close' },
      body: { resultcode: 0, error: 'internal_error' },
    });
    expect(await triggerOutcome({ ...base, effect: { drop: true } })).toEqual({ kind: 'drop' });
    expect(await triggerOutcome({ ...base, effect: { delayMs: 1 } })).toEqual({ kind: 'continue' });
  });
});
