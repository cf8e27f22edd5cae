import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';
import { getEnum } from '@org/liveminutes-spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type LiveMinutesClient } from '../src/index.js';
import { startRecordingServer, type RecordingServer, type Reply } from './helpers/recording-server.js';

const accountSid = 'AC-sécret-sid-7731';
const authToken = 'tök€n-秘密-🔑-s3cr3t';
const encoded = Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64');
const secrets = [accountSid, authToken, encoded];

/** Every way an error or object is commonly turned into text. */
function renderings(value: unknown): string[] {
  const out = [
    String(value),
    inspect(value),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    JSON.stringify(value) ?? '',
    `${value as string}`,
  ];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '', value.toString(), JSON.stringify(Object.entries(value)));
    out.push(inspect(Object.getOwnPropertyDescriptors(value), { depth: Infinity, showHidden: true }));
  }
  return out;
}

function expectNoSecret(value: unknown): void {
  for (const text of renderings(value)) for (const secret of secrets) expect(text).not.toContain(secret);
}

let server: RecordingServer;
let lm: LiveMinutesClient;
// A server per test: each test counts only its own traffic. The client's timeout is generous (a busy
// machine may take seconds to answer); only the call that meets a silent server uses a short one.
beforeEach(async () => {
  server = await startRecordingServer();
  lm = createClient({ accountSid, authToken, baseUrl: server.baseUrl, timeoutMs: 30_000, maxRetries: 1 });
});
afterEach(() => server.close());

async function errorFor(reply: Reply): Promise<unknown> {
  server.reply(() => reply);
  return lm.getMeetingUrl({ meetingKey: 'abcdef' }, { timeoutMs: 'hang' in reply ? 200 : 30_000 }).then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('no credential in any rendering of any error', () => {
  const echo = `auth was ${accountSid}:${authToken} (Basic ${encoded})`;
  const replies: Array<[string, Reply]> = [
    ...getEnum('ErrorCode').map(({ value }): [string, Reply] => [value, { json: { resultcode: 0, error: value, message: 'nope' } }]),
    ['bare failure', { json: { resultcode: 0 } }],
    ['a server echoing the credentials in message, param and error', { json: { resultcode: 0, error: echo, message: echo, param: authToken } }],
    ['an HTML page echoing them', { status: 502, contentType: 'text/html', text: `<pre>${echo}</pre>` }],
    ['a content type echoing them', { status: 502, contentType: `text/html; x=${encoded}`, text: 'x' }],
    ['malformed JSON echoing them', { status: 200, contentType: 'application/json', text: `{"resultcode":1,"x":"${encoded}` }],
    ['a plain-text body that is the token', { status: 200, contentType: 'text/plain', text: authToken }],
    ['a plain-text body that starts with the credentials', { status: 200, contentType: 'text/plain', text: `${accountSid}:${authToken}` }],
    ['a wrong shape', { json: { resultcode: 1, meetingUrl: 7, echo } }],
    ['a destroyed socket', { destroy: true }],
    ['no answer (timeout)', { hang: true }],
  ];

  it.each(replies)('%s', async (_, reply) => {
    const error = await errorFor(reply);
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(error);
  });

  it('the echoed credentials are replaced, not dropped silently', async () => {
    const error = (await errorFor({ json: { resultcode: 0, error: 'invalid_parameter', message: echo, param: authToken } })) as Error;
    expect(error.message).toContain('[redacted]');
    expect(error).toMatchObject({ param: '[redacted]' });
  });

  it('validation errors', async () => {
    const error = await lm.addParticipant({ meetingKey: authToken, puid: '' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ValidationError', param: 'puid' });
    expectNoSecret(error);
  });

  it('createClient errors', () => {
    for (const options of [
      { accountSid, authToken, baseUrl: `https://${encodeURIComponent(accountSid)}:${encodeURIComponent(authToken)}@lm.test` },
      { accountSid, authToken, baseUrl: 'http://lm.test' },
      { accountSid: `${accountSid}:x`, authToken },
      { accountSid, authToken, maxRetries: -1 },
    ]) {
      let error: unknown;
      try {
        createClient(options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ name: 'ValidationError' });
      expectNoSecret(error);
      for (const text of renderings(error)) expect(text).not.toContain(encodeURIComponent(authToken));
    }
  });
});

describe('no credential when the client itself is rendered', () => {
  it('client', () => {
    expectNoSecret(lm);
    expect(inspect(lm)).toBe(`LiveMinutesClient { baseUrl: '${server.baseUrl}' }`);
    expect(JSON.parse(JSON.stringify(lm))).toStrictEqual({ baseUrl: server.baseUrl });
  });

  it('client.raw and every method', () => {
    expectNoSecret(lm.raw);
    for (const value of Object.values(lm)) expectNoSecret(value);
    expect(Object.keys(lm)).not.toContain('authToken');
  });

  it('the credentials did reach the server (the test could fail)', async () => {
    server.reply(() => ({ json: { resultcode: 1, meetingUrl: 'https://lm.test/ABC123' } }));
    await lm.getMeetingUrl({ meetingKey: 'abcdef' });
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${encoded}`);
  });
});
