import { describe, expect, it } from 'vitest';
import { checkExchange } from './check-exchange.js';
import type { ExchangeAnswer, TrafficExchange } from './exchange.js';

const FORM = 'application/x-www-form-urlencoded';
const auth = `Basic ${Buffer.from('ACsid:token').toString('base64')}`;
const json = (body: unknown, status = 200, headers: Record<string, string> = {}): ExchangeAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});
const failure = json({ resultcode: 0, error: 'invalid_parameter', message: 'Bad.', param: 'puid' });
const status = json({ resultcode: 1, status: '1' });

function post(target: string, body: string, answer: ExchangeAnswer | undefined, headers: Record<string, string> = {}): TrafficExchange {
  return { request: { method: 'POST', target, headers: { 'content-type': FORM, authorization: auth, ...headers }, body: Buffer.from(body) }, ...(answer ? { answer } : { error: 'ECONNRESET' }) };
}

const brief = (exchange: TrafficExchange): string[] => checkExchange(exchange).map((f) => `${f.side} ${f.check} ${f.rule} ${f.level}`);

describe('checkExchange', () => {
  it.each([
    ['a valid call', post('/getMeetingStatus', 'meetingKey=k', status), []],
    ['a valid multipart call', post('/getMeetingStatus', '--b\r\nContent-Disposition: form-data; name="meetingKey"\r\n\r\nk\r\n--b--\r\n', status, { 'content-type': 'multipart/form-data; boundary=b' }), []],
    ['a GET', { request: { method: 'GET', target: '/getMeetingStatus?meetingKey=k', headers: { authorization: auth }, body: Buffer.alloc(0) }, answer: json({ resultcode: 0, error: 'method_not_allowed', message: 'POST.' }, 405) }, ['client request.method transport.post-path MUST']],
    ['a JSON body', post('/getMeetingStatus', '{"meetingKey":"k"}', json({ resultcode: 0, error: 'unsupported_media_type', message: 'Form.' }, 415), { 'content-type': 'application/json' }), ['client request.content-type transport.form-body MUST']],
    ['a 51-character puid', post('/addParticipant', `meetingKey=k&puid=${'p'.repeat(51)}`, failure), ['client request.parameters param.user-id-length MUST']],
    ['a repeated parameter', post('/getMeetingStatus', 'meetingKey=k&meetingKey=k', failure), ['client request.repeated-parameter transport.repeated-parameter SHOULD']],
    ['a time in another format', post('/createMeeting', 'meetingKey=k&hostid=h&time=2024-01-01T10:00:00Z', failure), ['client request.parameters param.time-format MUST']],
    ['no credentials', post('/getMeetingStatus', 'meetingKey=k', json({ resultcode: 0, error: 'auth_failed', message: 'No.' }), { authorization: undefined as unknown as string }), ['client request.credentials auth.basic MUST']],
    ['a broken percent-encoding', post('/getMeetingStatus', 'meetingKey=%zz', failure), ['client request.encoding transport.form-body MUST']],
    ['a missing required field', post('/createMeeting', 'meetingKey=k', failure), ['client request.parameters param.user-id-length MUST']],
  ])('%s: %j', (_what, exchange, expected) => {
    const cleaned = { ...exchange, request: { ...exchange.request, headers: Object.fromEntries(Object.entries(exchange.request.headers).filter(([, v]) => v !== undefined)) } };
    expect(brief(cleaned)).toEqual(expected);
  });

  it.each([
    ['no answer', post('/getMeetingStatus', 'meetingKey=k', undefined), ['server robustness.no-5xx transport.no-5xx SHOULD']],
    ['a 500', post('/getMeetingStatus', 'meetingKey=k', json({ resultcode: 0, error: 'internal_error', message: 'Oops.' }, 500)), ['server robustness.no-5xx transport.no-5xx SHOULD', 'server failure.shape failure.resultcode-zero MUST', 'server failure.fields failure.fields SHOULD']],
    ['a 401 challenge', post('/getMeetingStatus', 'meetingKey=k', json({ resultcode: 0, error: 'auth_failed', message: 'No.' }, 401, { 'www-authenticate': 'Basic' })), ['server auth.no-challenge auth.no-challenge SHOULD', 'server auth.no-challenge auth.no-challenge SHOULD', 'server failure.shape failure.resultcode-zero MUST']],
    ['text/html', post('/getMeetingStatus', 'meetingKey=k', { ...status, headers: { 'content-type': 'text/html' } }), ['server transport.json-content-type transport.json-content-type SHOULD']],
    ['a status as a number', post('/getMeetingStatus', 'meetingKey=k', json({ resultcode: 1, status: 1 })), ['server success.schema getMeetingStatus.values MUST']],
    ['a bare failure', post('/getMeetingStatus', 'meetingKey=k', json({ resultcode: 0 })), ['server failure.fields failure.fields SHOULD', 'server failure.fields failure.fields SHOULD']],
    ['a resultcode as a string', post('/getMeetingStatus', 'meetingKey=k', json({ resultcode: '0', error: 'meeting_not_found', message: 'No.' })), ['server failure.shape failure.resultcode-zero MUST']],
    ['a 51-character puid accepted', post('/addParticipant', `meetingKey=k&puid=${'p'.repeat(51)}`, json({ resultcode: 1, meetingKey: 'k', participantUrl: 'http://x/e/LIVE00000000000000000000' })), ['client request.parameters param.user-id-length MUST', 'server answer.accepted-invalid param.user-id-length MUST']],
  ])('%s: blames the server', (_what, exchange, expected) => {
    expect(brief(exchange)).toEqual(expected);
  });

  it('holds a provoked failure to its expected code and param', () => {
    const exchange: TrafficExchange = { ...post('/getMeetingStatus', 'meetingKey=k', failure), expected: { error: 'invalid_parameter', param: 'meetingKey' } };
    expect(checkExchange(exchange, { side: 'server' }).map((f) => f.message)).toEqual(['POST /getMeetingStatus: (invalid_parameter) param "puid" instead of meetingKey']);
  });

  it('never throws on hostile input', () => {
    const hostile = [Buffer.from([0xff, 0xfe, 0x00]), Buffer.from('%'), Buffer.from('a=%E0%A4%A'), Buffer.alloc(70_000, 0x61)];
    for (const body of hostile) {
      for (const type of [FORM, 'multipart/form-data; boundary=x', 'multipart/form-data', 'text/plain', '']) {
        const exchange: TrafficExchange = { request: { method: 'POST', target: '/createMeeting', headers: { 'content-type': type }, body }, answer: { status: 200, headers: {}, body } };
        expect(() => checkExchange(exchange)).not.toThrow();
      }
    }
  });
});
