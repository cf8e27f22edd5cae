import { Buffer } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type LiveMinutesClient } from '../src/index.js';
import { startRecordingServer, type RecordingServer } from './helpers/recording-server.js';
import { specExamples } from './helpers/spec-examples.js';

const credentials = { accountSid: 'AC-compté-账户', authToken: 'tök€n-秘密-🔑' };
let server: RecordingServer;
let lm: LiveMinutesClient;
const examples = specExamples();
const successOf = new Map(examples.map((e) => [`/${e.id}`, e.success]));

// A server per test: each test counts only its own traffic.
beforeEach(async () => {
  server = await startRecordingServer();
  server.reply((request) => ({ json: successOf.get(request.path) ?? { resultcode: 0 } }));
  lm = createClient({ ...credentials, baseUrl: server.baseUrl });
});
afterEach(() => server.close());

const cases = examples.flatMap(({ id, requests, success }) => requests.map((input, i) => ({ id, input, success, name: `${id} #${i + 1}` })));

describe('each operation, driven by the spec\'s examples', () => {
  it.each(cases)('$name: POST /{operation}, form body with exactly the given fields', async ({ id, input, success }) => {
    const call = lm[id] as (input: unknown) => Promise<Record<string, unknown>>;
    const result = await call(input);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/${id}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toStrictEqual(input);
    expect([...new URLSearchParams(request?.body).keys()]).toHaveLength(Object.keys(input).length);
    const { resultcode, ...fields } = success;
    expect(resultcode).toBe(1);
    expect(result).toMatchObject(fields);
  });
});

describe('request details', () => {
  it('sends HTTP basic auth with the UTF-8 credentials', async () => {
    await lm.getMeetingUrl({ meetingKey: 'abcdef' });
    const header = server.requests[0]?.headers.authorization ?? '';
    expect(header.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(header.slice(6), 'base64').toString('utf8')).toBe(`${credentials.accountSid}:${credentials.authToken}`);
  });

  it('omits optional fields given as undefined: never the string "undefined"', async () => {
    await lm.createMeeting({ meetingKey: 'k1', hostid: '123', title: undefined, time: undefined, duration: 90.5 });
    expect(server.requests[0]?.body).toBe('meetingKey=k1&hostid=123&duration=90.5');
  });

  it('sends a Date time as UTC and keeps non-ASCII text intact', async () => {
    await lm.createMeeting({ meetingKey: 'clé', hostid: '用户', title: 'Réunion 🙂', time: new Date('2026-12-01T10:30:00+01:00') });
    const body = Object.fromEntries(new URLSearchParams(server.requests[0]?.body));
    expect(body).toStrictEqual({ meetingKey: 'clé', hostid: '用户', title: 'Réunion 🙂', time: '2026-12-01 09:30:00' });
  });

  it('adds the client\'s and the call\'s extra headers, but keeps its own Content-Type and Authorization', async () => {
    const custom = createClient({
      ...credentials,
      baseUrl: `${server.baseUrl}/`,
      headers: { 'X-App': 'demo', Authorization: 'Bearer nope', 'Content-Type': 'application/json' },
    });
    await custom.getMeetingUrl(
      { meetingKey: 'abcdef' },
      { headers: { 'X-Request-Id': 'r-1', authorization: 'Bearer call', 'content-type': 'text/plain' } },
    );
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-app']).toBe('demo');
    expect(headers['x-request-id']).toBe('r-1');
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`);
    expect(server.requests[0]?.path).toBe('/getMeetingUrl');
  });

  it('uses any fetch given to it, passing the timeout signal in its init', async () => {
    const seen: string[] = [];
    const custom = createClient({
      ...credentials,
      baseUrl: server.baseUrl,
      maxRetries: 0,
      fetch: (request, init) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${init?.signal instanceof AbortSignal}`);
        return fetch(request, init);
      },
    });
    await custom.getMeetingStatus({ meetingKey: 'abcdef' });
    expect(seen).toStrictEqual(['POST /getMeetingStatus true']);
    server.reply(() => ({ hang: true }));
    await expect(custom.getMeetingUrl({ meetingKey: 'abcdef' }, { timeoutMs: 200 })).rejects.toMatchObject({ name: 'ConnectionError' });
  });

  it('exposes the openapi-fetch client as raw, with auth and form encoding set', async () => {
    const { data, response } = await lm.raw.POST('/getMeetingUrl', { body: { meetingKey: 'abcdef' } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ resultcode: 1 });
    expect(server.requests[0]?.body).toBe('meetingKey=abcdef');
    expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
    await lm.raw.POST('/createMeeting', { body: { meetingKey: '', hostid: '1', title: undefined } });
    expect(server.requests[1]?.body).toBe('meetingKey=&hostid=1');
    expect(server.requests[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('validates before sending: no request for an invalid input', async () => {
    await expect(lm.addParticipant({ meetingKey: 'k', puid: '' })).rejects.toMatchObject({ name: 'ValidationError', param: 'puid' });
    expect(server.requests).toHaveLength(0);
  });
});
