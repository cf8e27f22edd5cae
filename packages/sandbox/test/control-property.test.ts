/**
 * The control API gets the API's fuzzing (test/property.test.ts): random
 * methods, paths, content types, credentials and bodies (hostile strings,
 * binary, oversized, malformed JSON). Never a 5xx, always JSON with a code of
 * the control document and its HTTP status, failures change nothing stored,
 * no credential in any answer or log line, and the server still answers.
 */
import { request } from 'node:http';
import { controlErrors, controlOperations, testTriggerPrefix } from '@org/liveminutes-spec';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRequestLog } from '../src/index.js';
import { fcParameters } from './fc-seed.js';
import { basic, call, keepAliveAgent, startTestSandbox, TOKEN } from './helpers.js';

const sandbox = await startTestSandbox();
const mine = await sandbox.createAccount({ sessions: 20, users: 20 });
const other = await sandbox.createAccount();
const auth = basic(mine.accountSid, mine.authToken);
await call(sandbox, 'createMeeting', { meetingKey: 'seed', hostid: 'h' }, { auth });
await call(sandbox, 'addParticipant', { meetingKey: 'seed', puid: 'p' }, { auth });
const agent = keepAliveAgent({ maxSockets: 1 });
afterAll(() => agent.destroy());
const statusOf = new Map(controlErrors().map((e) => [e.code, e.httpStatus]));
const reserved = testTriggerPrefix();

const stored = async () => JSON.stringify([await sandbox.store.listMeetings(mine.accountSid, { includeCancelled: true }), await sandbox.store.usage(mine.accountSid)]);

const text = fc.oneof(
  fc.string({ maxLength: 80, unit: 'binary' }),
  fc.constantFrom('seed', 'p', '', ' seed', 'SEED', "'; DROP TABLE meetings; --", '<script>', '\u0000', '%00', '../../etc', 'x'.repeat(70)),
).filter((value) => !value.startsWith(reserved));
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(fc.oneof(fc.constantFrom('meetingKey', 'puid', 'action', 'limits', 'users', 'sessions', '__proto__', 'constructor'), text), tie('value'), { maxKeys: 4 }),
})).value;
const plausible = fc.record(
  {
    meetingKey: fc.oneof(fc.constant('seed'), text),
    puid: fc.oneof(fc.constant('p'), text),
    action: fc.constantFrom('start', 'end', 'leave', 'accept', 'refuse', 'join', 'explode', ''),
    limits: fc.record({ users: fc.integer({ min: -2, max: 3 }), sessions: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double()) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const bodyArb = fc.oneof(
  plausible.map((value) => JSON.stringify(value)),
  json.map((value) => JSON.stringify(value) ?? ''),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 200, unit: 'grapheme' }),
  fc.constant('{"meetingKey":"seed","action":'),
  fc.constant(`{"meetingKey":"${'k'.repeat(70_000)}"}`),
  fc.constant(undefined),
);
const headerText = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const paths = [...new Set(controlOperations().map((op) => op.path))];
const requestArb = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...paths) },
    { weight: 1, arbitrary: fc.constantFrom('/control/', '/control/move-meeting/', '/control/calls?limit=0', '/control/calls?limit=5&limit=6', '/control/calls?limit=9999') },
    { weight: 1, arbitrary: headerText.map((s) => `/control/${encodeURIComponent(s)}`) },
  ),
  contentType: fc.option(fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain'), headerText), { nil: undefined }),
  auth: fc.oneof(
    { weight: 4, arbitrary: fc.constant(auth) },
    { weight: 1, arbitrary: fc.constant(basic(other.accountSid, other.authToken)) },
    { weight: 1, arbitrary: headerText.map((t) => basic(mine.accountSid, `${mine.authToken.slice(0, -1)}${t}`)) },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  body: bodyArb,
});
type RandomRequest = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function send(input: RandomRequest) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (input.contentType !== undefined) headers['content-type'] = input.contentType;
    if (input.auth !== undefined) headers.authorization = input.auth;
    const body = input.method === 'GET' || input.method === 'HEAD' ? undefined : input.body;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const req = request(`${sandbox.url}${input.path}`, { method: input.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sentTokens = new Set<string>([TOKEN, mine.authToken, other.authToken]);

/** Sends one request, checks what holds for any request, and answers whether it succeeded. */
async function sendAndCheck(input: RandomRequest): Promise<boolean> {
  if (input.auth?.startsWith('Basic ')) sentTokens.add(Buffer.from(input.auth.slice(6), 'base64').toString('utf8').split(':').slice(1).join(':'));
  const before = await stored();
  const res = await send(input);
  expect(res.status).toBeLessThan(500);
  if (input.method === 'HEAD') return false;
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = JSON.parse(res.text) as Record<string, unknown>;
  for (const token of sentTokens) if (token.length >= 8) expect(res.text).not.toContain(token);
  if (res.status < 300) return true;
  expect(typeof body.message).toBe('string');
  expect(statusOf.get(String(body.error)), String(body.error)).toBe(res.status);
  expect(await stored()).toBe(before);
  return false;
}

const succeedingArb = fc.constantFrom<RandomRequest>(
  { method: 'GET', path: '/control/calls', contentType: undefined, auth, body: undefined },
  { method: 'POST', path: '/control/accounts', contentType: 'application/json', auth, body: '{"limits":{"sessions":1}}' },
  { method: 'POST', path: '/control/accounts', contentType: undefined, auth, body: undefined },
);
const failingArb = fc
  .tuple(succeedingArb, fc.constantFrom('auth', 'method', 'body', 'path'), headerText)
  .map(([ok, spoil, t]): RandomRequest => {
    if (spoil === 'auth') return { ...ok, auth: basic(mine.accountSid, `wrong-${t}`) };
    if (spoil === 'method') return { ...ok, method: 'PUT' };
    if (spoil === 'path') return { ...ok, path: `/control/nothing-${encodeURIComponent(t)}` };
    return { ...ok, method: 'POST', path: '/control/move-meeting', body: `{"meetingKey":"seed","action":"${t.replace(/["\\]/g, '')}!"}` };
  });

describe('random control requests', () => {
  it('never a 5xx, always a JSON code of the control document with its status, failures change nothing, no credential leaks', async () => {
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(succeedingArb, failingArb, requestArb, async (succeeding, failing, random) => {
        // Random moves change the seeded statuses, so the requests that must succeed need none.
        expect(await sendAndCheck(succeeding)).toBe(true);
        expect(await sendAndCheck(failing)).toBe(false);
        if (await sendAndCheck(random)) successes++;
      }),
      fcParameters({ numRuns: 300 }),
    );
    expect(successes).toBeGreaterThan(0);
    // Still answering, and no token in any log line.
    // (Random requests may have reset the fuzzed account: the default account answers.)
    expect((await call(sandbox, 'createMeeting', { meetingKey: '', hostid: 'h' })).body.resultcode).toBe(1);
    const lines = sandbox.logs.map(formatRequestLog).join('\n');
    for (const token of sentTokens) if (token.length >= 8) expect(lines).not.toContain(token);
    expect(lines).toContain('control moveMeeting');
  }, 180_000);
});
