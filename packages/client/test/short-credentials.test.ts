/**
 * Redaction with one- and two-character credentials, against a real loopback
 * server that echoes them: every whole-token occurrence is replaced in every
 * rendering of the error (and in `onUnexpected` events), while the ordinary
 * words that merely contain the credential's letters stay readable.
 */
import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type LiveMinutesClient, type UnexpectedEvent } from '../src/index.js';
import { startRecordingServer, type RecordingServer, type Reply } from './helpers/recording-server.js';

const credentialSets = [
  { accountSid: 'a', authToken: 'b' },
  { accountSid: 'ab', authToken: 'cd' },
];

/** Every text an error commonly becomes, without its stack frames (file paths, line numbers). */
function renderings(error: Error): string[] {
  const withoutFrames = (text: string): string => text.replace(/^\s+at .*$/gm, '');
  return [
    error.message,
    String(error),
    JSON.stringify(error),
    JSON.stringify(Object.entries(error)),
    withoutFrames(inspect(error, { depth: Infinity, showHidden: true })),
    withoutFrames(error.stack ?? ''),
  ];
}

/** True when `secret` stands in `text` as a whole token (no letter, mark, digit or _ glued to it). */
const standsIn = (text: string, secret: string): boolean =>
  text.split(secret).some((before, i, parts) => {
    const after = parts[i + 1];
    if (after === undefined) return false;
    const glued = /[\p{L}\p{M}\p{N}_]$/u.test(before) || /^[\p{L}\p{M}\p{N}_]/u.test(after || (i + 2 < parts.length ? secret : ''));
    return !glued;
  });

describe.each(credentialSets)('AccountSid $accountSid, AuthToken $authToken', ({ accountSid, authToken }) => {
  const basic = Buffer.from(`${accountSid}:${authToken}`).toString('base64');
  const secrets = [accountSid, authToken, basic];
  const events: UnexpectedEvent[] = [];
  // A server per test (see recording-server.ts): its request list is this test's alone.
  let server: RecordingServer;
  let lm: LiveMinutesClient;
  beforeEach(async () => {
    events.length = 0;
    server = await startRecordingServer();
    lm = createClient({ accountSid, authToken, baseUrl: server.baseUrl, maxRetries: 0, onUnexpected: (e) => events.push(e) });
  });
  afterEach(() => server.close());

  async function errorFor(reply: Reply): Promise<Error> {
    server.reply(() => reply);
    const error = await lm.getMeetingUrl({ meetingKey: 'abcdef' }).then(
      () => new Error('expected a rejection'),
      (caught: unknown) => caught as Error,
    );
    expect(error.name).not.toBe('Error');
    return error;
  }

  it('the test helper sees a whole token (it could fail)', () => {
    expect(standsIn(`user ${accountSid} here`, accountSid)).toBe(true);
    expect(standsIn(`user x${accountSid}y here`, accountSid)).toBe(false);
    expect(standsIn(`Basic ${basic}`, basic)).toBe(true);
  });

  const echo = `AccountSid ${accountSid}, AuthToken ${authToken} ("Basic ${basic}"), sid=${accountSid}&token=${authToken}`;
  it.each<[string, Reply, string | undefined]>([
    ['a message echoing them', { json: { resultcode: 0, error: 'auth_failed', message: echo } }, 'getMeetingUrl: AccountSid [redacted], AuthToken [redacted] ("Basic [redacted]"), sid=[redacted]&token=[redacted]'],
    ['the param echoing one', { json: { resultcode: 0, error: 'invalid_parameter', message: 'Bad parameter', param: accountSid } }, 'getMeetingUrl: Bad parameter ([redacted])'],
    ['the code echoing one', { json: { resultcode: 0, error: authToken } }, 'getMeetingUrl: failed ([redacted])'],
    ['an HTML page echoing them', { status: 502, contentType: 'text/html', text: `<pre>${echo}</pre>` }, 'getMeetingUrl: not JSON (HTTP 502, text/html)'],
    ['a content type echoing one', { status: 200, contentType: `text/plain; user=${accountSid}`, text: 'x' }, 'getMeetingUrl: not JSON (HTTP 200, text/plain; user=[redacted])'],
  ])('%s: redacted as whole tokens in every rendering', async (_, reply, message) => {
    const error = await errorFor(reply);
    if (message) expect(error.message).toBe(message);
    for (const text of renderings(error)) for (const secret of secrets) expect(standsIn(text, secret), `${secret} in ${text}`).toBe(false);
  });

  it.each<[string, Reply, string]>([
    ['a malformed JSON answer', { status: 200, contentType: 'application/json; charset=utf-8', text: '{"resultcode":' }, 'getMeetingUrl: not JSON (HTTP 200, application/json; charset=utf-8)'],
    ['a wrong shape', { json: { resultcode: 1, meetingUrl: 7 } }, 'getMeetingUrl: meetingUrl is not a string (HTTP 200, application/json; charset=utf-8)'],
    ['a server message with words holding the letters', { json: { resultcode: 0, error: 'meeting_not_found', message: 'No live meeting abcdef in this account (database)' } }, 'getMeetingUrl: No live meeting abcdef in this account (database)'],
  ])('%s: the message stays readable', async (_, reply, message) => {
    const error = await errorFor(reply);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('[redacted]');
  });

  it('an onUnexpected event carries the value redacted', async () => {
    server.reply(() => ({ json: { resultcode: 0, error: `${accountSid}`, message: 'x' } }));
    events.length = 0;
    await lm.getMeetingUrl({ meetingKey: 'abcdef' }).catch(() => undefined);
    expect(events.map((e) => e.value)).toStrictEqual(['[redacted]']);
    server.reply(() => ({ json: { resultcode: 1, status: `new ${authToken}` } }));
    events.length = 0;
    await expect(lm.getMeetingStatus({ meetingKey: 'abcdef' })).resolves.toMatchObject({ name: 'unknown' });
    expect(events.map((e) => e.value)).toStrictEqual(['new [redacted]']);
  });

  it('the credentials did reach the server (the test could fail)', async () => {
    server.reply(() => ({ json: { resultcode: 1, meetingUrl: 'https://lm.test/ABC123' } }));
    await lm.getMeetingUrl({ meetingKey: 'abcdef' });
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${basic}`);
  });
});
