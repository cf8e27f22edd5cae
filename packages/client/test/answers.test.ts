import { getEnum } from '@org/liveminutes-spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  LiveMinutesError,
  MeetingClosedError,
  NotFoundError,
  ProtocolError,
  QuotaExceededError,
  ValidationError,
  createClient,
  type LiveMinutesClient,
} from '../src/index.js';
import { startRecordingServer, type RecordingServer, type Reply } from './helpers/recording-server.js';

let server: RecordingServer;
let lm: LiveMinutesClient;
// A server per test: each test counts only its own traffic.
beforeEach(async () => {
  server = await startRecordingServer();
  lm = createClient({ accountSid: 'AC1', authToken: 'token-1', baseUrl: server.baseUrl, maxRetries: 3 });
});
afterEach(() => server.close());

/** Answers every request with `reply` and returns what getMeetingUrl rejects with. */
async function rejection(reply: Reply, call: () => Promise<unknown> = () => lm.getMeetingUrl({ meetingKey: 'abcdef' })): Promise<LiveMinutesError> {
  server.reply(() => reply);
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LiveMinutesError);
  return error as LiveMinutesError;
}

// The test's own oracle of which class each code gets; codes the spec adds later fail below until classified.
const expectedClass: Record<string, typeof LiveMinutesError> = {
  auth_failed: AuthenticationError,
  invalid_parameter: ValidationError,
  meeting_not_found: NotFoundError,
  participant_not_found: NotFoundError,
  not_found: NotFoundError,
  meeting_exists: ConflictError,
  meeting_closed: MeetingClosedError,
  limit_exceeded: QuotaExceededError,
  method_not_allowed: LiveMinutesError,
  payload_too_large: LiveMinutesError,
  unsupported_media_type: LiveMinutesError,
  internal_error: LiveMinutesError,
};

describe('resultcode 0: one error class per code of the spec\'s ErrorCode enum', () => {
  const codes = getEnum('ErrorCode');
  it('classifies every code of the spec', () => {
    expect(Object.keys(expectedClass).sort()).toStrictEqual(codes.map((c) => c.value).sort());
  });

  it.each(codes)('$value -> its class, with operation, code, param and HTTP status', async ({ value, description }) => {
    const ErrorClass = expectedClass[value] as typeof LiveMinutesError;
    const error = await rejection({ json: { resultcode: 0, error: value, message: description, param: 'meetingKey' } });
    expect(error.constructor).toBe(ErrorClass);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(ErrorClass.name);
    expect(error).toMatchObject({ operation: 'getMeetingUrl', resultcode: 0, code: value, param: 'meetingKey', httpStatus: 200 });
    expect(error.message).toBe(`getMeetingUrl: ${description} (meetingKey)`);
    expect(JSON.parse(JSON.stringify(error))).toStrictEqual({
      name: ErrorClass.name,
      message: error.message,
      operation: 'getMeetingUrl',
      resultcode: 0,
      code: value,
      param: 'meetingKey',
      httpStatus: 200,
    });
    expect(String(error)).toBe(`${ErrorClass.name}: ${error.message}`);
    expect(server.requests).toHaveLength(1); // a failure answer is never retried
  });

  it('a bare {"resultcode":0} gives the base class', async () => {
    const error = await rejection({ json: { resultcode: 0 } });
    expect(error.constructor).toBe(LiveMinutesError);
    expect(error).toMatchObject({ name: 'LiveMinutesError', resultcode: 0, code: undefined, param: undefined, httpStatus: 200 });
    expect(error.message).toBe('getMeetingUrl: failed (resultcode 0)');
    expect(server.requests).toHaveLength(1);
  });

  it('an unknown code, even one named like an Object property, gives the base class', async () => {
    for (const code of ['brand_new_code', 'constructor', '__proto__']) {
      const error = await rejection({ json: { resultcode: 0, error: code } });
      expect(error.constructor).toBe(LiveMinutesError);
      expect(error.code).toBe(code);
    }
  });

  it.each([
    [404, 'not_found', NotFoundError],
    [405, 'method_not_allowed', LiveMinutesError],
    [413, 'payload_too_large', LiveMinutesError],
    [415, 'unsupported_media_type', LiveMinutesError],
    [500, 'internal_error', LiveMinutesError],
  ])('transport answer HTTP %i with the failure shape -> %s', async (status, code, ErrorClass) => {
    const error = await rejection({ status, json: { resultcode: 0, error: code } });
    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ code, httpStatus: status, resultcode: 0 });
  });
});

describe('resultcode 1', () => {
  it.each(getEnum('MeetingStatus'))('getMeetingStatus "$value" resolves with its name $name', async ({ value, name, description }) => {
    server.reply(() => ({ json: { resultcode: 1, status: value } }));
    await expect(lm.getMeetingStatus({ meetingKey: 'abcdef' })).resolves.toStrictEqual({ status: value, name, description });
  });

  it.each(getEnum('ParticipantStatus'))('getParticipantStatus "$value" resolves with its name $name', async ({ value, name, description }) => {
    server.reply(() => ({ json: { resultcode: 1, status: value } }));
    await expect(lm.getParticipantStatus({ meetingKey: 'abcdef', puid: '456' })).resolves.toStrictEqual({ status: value, name, description });
  });

  it('resolves with the success fields only (no resultcode, no unknown extras)', async () => {
    server.reply(() => ({ json: { resultcode: 1, meetingKey: 'k', meetingUrl: 'https://lm.test/ABC123', hostUrl: 'https://lm.test/e/LIVEX', extra: 1 } }));
    await expect(lm.createMeeting({ meetingKey: '', hostid: '1' })).resolves.toStrictEqual({
      meetingKey: 'k',
      meetingUrl: 'https://lm.test/ABC123',
      hostUrl: 'https://lm.test/e/LIVEX',
    });
  });
});

describe('answers that are not the spec\'s shape -> ProtocolError', () => {
  it.each<[string, Reply, string, number]>([
    ['malformed JSON', { status: 200, contentType: 'application/json', text: '{"resultcode":1,' }, 'not JSON', 200],
    ['an HTML 502 page', { status: 502, contentType: 'text/html', text: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, 'not JSON', 502],
    ['an empty body', { status: 200, contentType: 'application/json', text: '' }, 'not JSON', 200],
    ['a JSON array', { json: [1] }, 'resultcode is not 0 or 1', 200],
    ['a JSON string', { json: 'ok' }, 'resultcode is not 0 or 1', 200],
    ['null', { json: null }, 'resultcode is not 0 or 1', 200],
    ['no resultcode', { json: { meetingUrl: 'https://lm.test/ABC123' } }, 'resultcode', 200],
    ['resultcode as a string', { json: { resultcode: '1', meetingUrl: 'https://lm.test/ABC123' } }, 'resultcode', 200],
    ['resultcode 2', { json: { resultcode: 2, meetingUrl: 'https://lm.test/ABC123' } }, 'resultcode', 200],
    ['resultcode 1.5', { json: { resultcode: 1.5 } }, 'resultcode', 200],
    ['a success field missing', { json: { resultcode: 1 } }, 'meetingUrl is missing', 200],
    ['a success field not a string', { json: { resultcode: 1, meetingUrl: 42 } }, 'meetingUrl is not a string', 200],
    ['resultcode 1 with HTTP 500', { status: 500, json: { resultcode: 1, meetingUrl: 'https://lm.test/ABC123' } }, 'failure status', 500],
    ['an error code not a string', { json: { resultcode: 0, error: 7 } }, 'error is not a string', 200],
    ['a message not a string', { json: { resultcode: 0, message: { text: 'x' } } }, 'message is not a string', 200],
  ])('%s', async (_, reply, why, httpStatus) => {
    const error = await rejection(reply);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ name: 'ProtocolError', operation: 'getMeetingUrl', httpStatus, resultcode: undefined });
    expect(error.message).toContain(why);
    expect(server.requests).toHaveLength(1); // not retried
  });

  it.each([301, 307, 308])('a redirect (HTTP %i) is not followed: credentials and body stay where they were sent', async (status) => {
    const error = await rejection({ status, contentType: 'text/plain', text: 'moved', headers: { location: '/elsewhere' } });
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.httpStatus).toBe(status);
    expect(server.requests.map((r) => r.path)).toStrictEqual(['/getMeetingUrl']);
  });

});
