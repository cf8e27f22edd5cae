import { getOperation, loadSpec } from '@org/liveminutes-spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionError, LiveMinutesError, ValidationError, createClient, type LiveMinutesClient } from '../src/index.js';
import { startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

const credentials = { accountSid: 'AC1', authToken: 'token-1' };
let server: RecordingServer;
// A server per test: the late attempts of an earlier test (a timed-out request the server reads after
// the client gave up) reach a closed server instead of the next test's count.
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(() => server.close());

const client = (options: { timeoutMs?: number; maxRetries?: number; fetch?: typeof fetch } = {}): LiveMinutesClient =>
  createClient({ ...credentials, baseUrl: server.baseUrl, ...options });

/** A fetch that counts the attempts the client makes (a request may time out before the server reads it). */
function countingFetch(): { fetch: typeof fetch; readonly attempts: number } {
  let attempts = 0;
  return {
    fetch: (input, init) => {
      attempts += 1;
      return fetch(input, init);
    },
    get attempts() {
      return attempts;
    },
  };
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
}

describe('timeouts (a server that never answers)', () => {
  it('rejects with ConnectionError after the client\'s timeoutMs', async () => {
    server.reply(() => ({ hang: true }));
    const counter = countingFetch();
    const error = await settle(client({ timeoutMs: 200, maxRetries: 0, fetch: counter.fetch }).getMeetingUrl({ meetingKey: 'timeout-once' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ name: 'ConnectionError', operation: 'getMeetingUrl', httpStatus: undefined, resultcode: undefined });
    expect((error as Error).message).toBe('getMeetingUrl: no answer within 200 ms');
    expect(counter.attempts).toBe(1);
  });

  it('a call\'s timeoutMs overrides the client\'s', async () => {
    server.reply(() => ({ hang: true }));
    const error = await settle(client({ timeoutMs: 60_000, maxRetries: 0 }).getMeetingUrl({ meetingKey: 'abcdef' }, { timeoutMs: 250 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('within 250 ms');
  });

  it('a timeout counts as a network failure: retried on a retry-safe operation', async () => {
    server.reply(() => ({ hang: true }));
    const counter = countingFetch();
    const error = await settle(client({ timeoutMs: 200, maxRetries: 1, fetch: counter.fetch }).getMeetingStatus({ meetingKey: 'timeout-retried' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(counter.attempts).toBe(2);
  });

  it('the caller\'s signal aborts the call with its own reason, without retrying', async () => {
    server.reply(() => ({ hang: true }));
    const controller = new AbortController();
    const counter = countingFetch();
    const pending = settle(client({ maxRetries: 3, fetch: counter.fetch }).getMeetingUrl({ meetingKey: 'aborted-by-caller' }, { signal: controller.signal }));
    await server.received(1); // the attempt is in flight: abort it, not a call that has not started
    const reason = new Error('user navigated away');
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(counter.attempts).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const error = await settle(client().getMeetingUrl({ meetingKey: 'abcdef' }, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('retries (a server that destroys every socket)', () => {
  const cases = [
    { op: 'getMeetingUrl', input: { meetingKey: 'abcdef' } },
    { op: 'getMeetingStatus', input: { meetingKey: 'abcdef' } },
    { op: 'getParticipantUrl', input: { meetingKey: 'abcdef', puid: '456' } },
    { op: 'getParticipantStatus', input: { meetingKey: 'abcdef', puid: '456' } },
    { op: 'addParticipant', input: { meetingKey: 'abcdef', puid: '456' } },
    { op: 'createMeeting', input: { meetingKey: 'own-key', hostid: '123' } },
    { op: 'createMeeting', input: { meetingKey: '', hostid: '123' } },
    { op: 'cancelMeeting', input: { meetingKey: 'abcdef' } },
    { op: 'cancelParticipant', input: { meetingKey: 'abcdef', puid: '456' } },
  ] as const;

  it.each(cases)('$op $input: attempts follow x-liveminutes-retry', async ({ op, input }) => {
    const policy = getOperation(op).retry;
    const safe = policy === 'always' || (policy === 'explicit-key' && input.meetingKey !== '');
    server.reply(() => ({ destroy: true }));
    const call = client({ maxRetries: 2 })[op] as (input: unknown) => Promise<unknown>;
    const error = await settle(call(input));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^${op}: network failure`));
    expect(server.requests).toHaveLength(safe ? 3 : 1);
  });

  it('maxRetries 0 makes one attempt', async () => {
    server.reply(() => ({ destroy: true }));
    await expect(client({ maxRetries: 0 }).getMeetingUrl({ meetingKey: 'abcdef' })).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it('a retry that gets an answer resolves', async () => {
    let calls = 0;
    server.reply(() => (++calls < 3 ? { destroy: true } : { json: { resultcode: 1, meetingUrl: 'https://lm.test/ABC123' } }));
    await expect(client({ maxRetries: 2 }).getMeetingUrl({ meetingKey: 'abcdef' })).resolves.toStrictEqual({ meetingUrl: 'https://lm.test/ABC123' });
    expect(server.requests).toHaveLength(3);
  });

  it('resultcode 0 is never retried', async () => {
    server.reply(() => ({ json: { resultcode: 0, error: 'internal_error' } }));
    await expect(client({ maxRetries: 3 }).getMeetingUrl({ meetingKey: 'abcdef' })).rejects.toBeInstanceOf(LiveMinutesError);
    expect(server.requests).toHaveLength(1);
  });

  it('a refused connection is a ConnectionError', async () => {
    const closed = await startRecordingServer();
    await closed.close();
    const lm = createClient({ ...credentials, baseUrl: closed.baseUrl, maxRetries: 0 });
    const error = await settle(lm.getMeetingUrl({ meetingKey: 'abcdef' }));
    expect(error).toBeInstanceOf(ConnectionError);
    // The root cause is in the message (the error keeps no `cause`, which could hold the Request).
    expect((error as Error).message).toMatch(/^getMeetingUrl: network failure \(fetch failed: .*ECONNREFUSED/);
    expect((error as Error).cause).toBeUndefined();
  });
});

describe('createClient options', () => {
  it('defaults to the spec\'s production server', () => {
    const lm = createClient(credentials);
    expect(lm.baseUrl).toBe(loadSpec().servers[0]?.url);
    expect(lm.baseUrl).toMatch(/^https:\/\//);
  });

  it.each([
    [{ baseUrl: 'http://api.liveminutes.com' }, 'baseUrl'],
    [{ baseUrl: 'http://192.168.1.10:4010' }, 'baseUrl'],
    [{ accountSid: '' }, 'accountSid'],
    [{ accountSid: 'a:b' }, 'accountSid'],
    [{ authToken: '' }, 'authToken'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ maxRetries: Number.NaN }, 'maxRetries'],
  ])('refuses %j', (options, param) => {
    expect(() => createClient({ ...credentials, ...options })).toThrow(ValidationError);
    try {
      createClient({ ...credentials, ...options });
    } catch (error) {
      expect(error).toMatchObject({ operation: 'createClient', param });
    }
  });

  it('accepts plain http on a remote host with allowInsecureHttp', () => {
    expect(createClient({ ...credentials, baseUrl: 'http://api.liveminutes.com', allowInsecureHttp: true }).baseUrl).toBe('http://api.liveminutes.com');
  });
});
