import { describe, expect, it } from 'vitest';
import { createCallLog } from './call-log.js';
import { createCredentialsReader, startCall } from './call-recorder.js';

const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

describe('createCredentialsReader', () => {
  it('reads each header, also after another one, and nothing from a malformed one', () => {
    const read = createCredentialsReader();
    expect(read(basic('A', 't1'))).toEqual({ accountSid: 'A', authToken: 't1' });
    expect(read(basic('A', 't1'))).toEqual({ accountSid: 'A', authToken: 't1' });
    expect(read(basic('B', 't2'))).toEqual({ accountSid: 'B', authToken: 't2' });
    expect(read('Bearer x')).toBeUndefined();
    expect(read(undefined)).toBeUndefined();
    expect(read(basic('A', 't1'))).toEqual({ accountSid: 'A', authToken: 't1' });
  });
});

describe('startCall', () => {
  it('records the known fields of a refused request as sent: first value, files shown as (file), unknown fields left out', () => {
    const log = createCallLog();
    const call = startCall(log, 'AC', 'addParticipant', 'tok3n-secret', performance.now());
    call.sent(new Map<string, Array<string | { file: true }>>([
      ['meetingKey', ['k']],
      ['puid', ['a', 'b']],
      ['nickname', [{ file: true }]],
      ['unknown', ['x']],
    ]));
    call.answered(200, { resultcode: 0, error: 'invalid_parameter', param: 'puid' }, { error: 'invalid_parameter', rule: 'transport.repeated-parameter', param: 'puid' });
    const [recorded] = log.recent('AC');
    expect(recorded!.params).toEqual({ meetingKey: 'k', puid: 'a', nickname: '(file)' });
    expect(recorded!.failure).toEqual({ error: 'invalid_parameter', rule: 'transport.repeated-parameter', param: 'puid', sent: '["a","b"]', sentLength: 9 });
  });

  it('says nothing was sent for a missing parameter, and records validated parameters as they are', () => {
    const log = createCallLog();
    const missing = startCall(log, 'AC', 'getMeetingStatus', undefined, performance.now());
    missing.sent(new Map());
    missing.answered(200, { resultcode: 0 }, { error: 'invalid_parameter', rule: 'param.meetingkey-required', param: 'meetingKey', bound: 'required' });
    const ok = startCall(log, 'AC', 'getMeetingStatus', undefined, performance.now());
    ok.sent({ meetingKey: 'k' });
    ok.answered(200, { resultcode: 1, status: '1' });
    const [second, first] = log.recent('AC');
    expect(first!.failure).toEqual({ error: 'invalid_parameter', rule: 'param.meetingkey-required', param: 'meetingKey', bound: 'required' });
    expect(second).toMatchObject({ params: { meetingKey: 'k' }, answer: { resultcode: 1, status: '1' } });
    expect(second!.failure).toBeUndefined();
  });

  it('records nothing without a call log', () => {
    const call = startCall(undefined, 'AC', 'getMeetingStatus', undefined, performance.now());
    call.sent({ meetingKey: 'k' });
    expect(() => call.answered(200, { resultcode: 1 })).not.toThrow();
  });
});
