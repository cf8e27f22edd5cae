import { describe, expect, it } from 'vitest';
import { createCallLog, type CallInput } from './call-log.js';

const TOKEN = 'eurn568nfkkg9862iomdnnv987iir';

const call = (n: number, extra: Partial<CallInput> = {}): CallInput => ({
  operation: 'getMeetingStatus',
  params: { meetingKey: `k${n}` },
  status: 200,
  answer: { resultcode: 1, status: '1' },
  ms: 0.123456,
  secrets: [TOKEN],
  at: Date.UTC(2026, 11, 7, 4, 0, 0, n),
  ...extra,
});

describe('createCallLog', () => {
  it('gives an account\'s calls newest first, with the ISO time and ms rounded to hundredths', () => {
    const log = createCallLog();
    for (let n = 1; n <= 3; n += 1) log.record('AC1', call(n));
    const recent = log.recent('AC1');
    expect(recent.map((c) => c.params.meetingKey)).toEqual(['k3', 'k2', 'k1']);
    expect(recent[0]).toEqual({
      at: '2026-12-07T04:00:00.003Z',
      operation: 'getMeetingStatus',
      params: { meetingKey: 'k3' },
      status: 200,
      answer: { resultcode: 1, status: '1' },
      ms: 0.12,
    });
    expect(log.recent('AC1', { limit: 2 }).map((c) => c.params.meetingKey)).toEqual(['k3', 'k2']);
    expect(log.recent('AC1', { limit: 0 })).toEqual([]);
  });

  it('keeps accounts apart', () => {
    const log = createCallLog();
    log.record('AC1', call(1));
    log.record('AC2', call(2));
    expect(log.recent('AC1').map((c) => c.params.meetingKey)).toEqual(['k1']);
    expect(log.recent('AC2').map((c) => c.params.meetingKey)).toEqual(['k2']);
    expect(log.recent('nobody')).toEqual([]);
  });

  it.each([1, 2, 5, 200])('keeps the last %i calls of an account, wrapping around the ring', (perAccount) => {
    const log = createCallLog({ perAccount });
    const total = perAccount * 2 + 3;
    for (let n = 1; n <= total; n += 1) log.record('AC1', call(n));
    const keys = log.recent('AC1').map((c) => c.params.meetingKey);
    expect(keys).toEqual(Array.from({ length: perAccount }, (_, i) => `k${total - i}`));
    expect(log.recent('AC1', { limit: total }).length).toBe(perAccount);
  });

  it('forgets the least recently called account beyond its account bound', () => {
    const log = createCallLog({ accounts: 2 });
    log.record('A', call(1));
    log.record('B', call(2));
    log.record('A', call(3)); // A is now the most recent
    log.record('C', call(4));
    expect([log.recent('A').length, log.recent('B').length, log.recent('C').length]).toEqual([2, 0, 1]);
  });

  it('clears one account', () => {
    const log = createCallLog();
    log.record('A', call(1));
    log.record('B', call(2));
    log.clear('A');
    expect([log.recent('A').length, log.recent('B').length]).toEqual([0, 1]);
  });

  it('masks parameters, answers and what a failure sent', () => {
    const log = createCallLog();
    log.record(
      'AC1',
      call(1, {
        operation: 'addParticipant',
        params: { meetingKey: 'k', puid: TOKEN, nickname: `I am ${TOKEN}` },
        answer: { resultcode: 1, meetingKey: 'k', participantUrl: 'http://127.0.0.1:1/e/LIVE0123456789ABCDEFGHIJ' },
      }),
    );
    log.record(
      'AC1',
      call(2, {
        operation: 'addParticipant',
        params: { meetingKey: 'k', puid: `${TOKEN}x` },
        answer: { resultcode: 0, error: 'invalid_parameter', message: 'puid must be at most 50 characters (rule param.user-id-length).', param: 'puid' },
        failure: { error: 'invalid_parameter', rule: 'param.user-id-length', param: 'puid', sent: `${TOKEN}x`, bound: 'maxLength 50' },
      }),
    );
    const [failed, ok] = log.recent('AC1');
    expect(ok!.params).toEqual({ meetingKey: 'k', puid: '[redacted]', nickname: '[redacted]' });
    expect(ok!.answer.participantUrl).toBe('http://127.0.0.1:1/e/[redacted]');
    expect(failed!.failure).toEqual({ error: 'invalid_parameter', rule: 'param.user-id-length', param: 'puid', sent: '[redacted]', sentLength: 30, bound: 'maxLength 50' });
    expect(JSON.stringify(log.recent('AC1'))).not.toMatch(/eurn568|LIVE0123/);
  });

  it('says how long a sent value was when it was cut', () => {
    const log = createCallLog();
    const sent = 'x'.repeat(5000);
    log.record('AC1', call(1, { failure: { error: 'invalid_parameter', rule: 'param.optional-string-lengths', param: 'title', sent, bound: 'maxLength 255' } }));
    const failure = log.recent('AC1')[0]!.failure!;
    expect(failure.sentLength).toBe(5000);
    expect(failure.sent!.length).toBeLessThan(300);
    expect(failure).not.toHaveProperty('sent', sent);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => createCallLog({ perAccount: 0 })).toThrow(/perAccount/);
    expect(() => createCallLog({ accounts: 1.5 })).toThrow(/accounts/);
  });
});
