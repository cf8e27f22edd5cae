/**
 * handlePage over real HTTP (node:http on loopback port 0) with a real store
 * and account registry: status codes, headers, post/redirect/get, 409/410/404,
 * the dashboard's authentication and isolation, and never a 5xx.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEnum, limits as specLimits, maxBodyBytes } from '@org/liveminutes-spec';
import fc from 'fast-check';
import { fcParameters } from '../../test/fc-seed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageContext } from '../context.js';
import { createAccountRegistry } from '../http/accounts.js';
import { createStore, type Limits, type SandboxStore } from '../store/index.js';
import { handlePage } from './index.js';
import { coveringWalk, entryLifecycle } from './entry-actions.js';

const limits: Limits = specLimits();
const ACCOUNTS = [
  { accountSid: 'ACpages1', authToken: 'token-one-secret' },
  { accountSid: 'ACpages2', authToken: 'token-two-secret' },
];
const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

let server: Server;
let base: string;
let store: SandboxStore;

beforeAll(async () => {
  store = await createStore({ db: ':memory:' });
  server = createServer((req, res) => {
    void handlePage(req, res, ctx()).then((answered) => {
      if (!answered) {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"resultcode":0,"error":"not_found"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

function ctx(): PageContext {
  return { store, accounts: createAccountRegistry(ACCOUNTS), publicUrl: base };
}

let counter = 0;
async function meetingWithParticipant(accountSid = 'ACpages1', title = 'Weekly') {
  const key = `key-${++counter}`;
  const made = await store.createMeeting(accountSid, { meetingKey: key, hostId: `host-${counter}`, title, time: '2026-12-01 10:00:00' }, limits);
  if (!made.ok) throw new Error(made.code);
  const added = await store.addParticipant(accountSid, { meetingKey: key, puid: `p-${counter}`, nickname: 'Ann' }, limits);
  if (!added.ok) throw new Error(added.code);
  return { key, meeting: made.meeting, participant: added.participant };
}

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

const meetingStatus = async (key: string, sid = 'ACpages1') => {
  const found = await store.getMeeting(sid, key);
  return found.ok ? found.meeting.status : undefined;
};
const participantStatus = async (key: string, puid: string) => {
  const found = await store.getParticipant('ACpages1', key, puid);
  return found.ok ? found.participant.status : undefined;
};

describe('entry pages', () => {
  it('serves the host page as embeddable HTML without cookies', async () => {
    const { meeting } = await meetingWithParticipant();
    const res = await fetch(`${base}/e/${meeting.hostToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.text();
    expect(body).toContain('value="start"');
    expect(body).not.toContain(meeting.hostToken);
  });

  it('answers HEAD with headers only', async () => {
    const { meeting } = await meetingWithParticipant();
    const res = await fetch(`${base}/e/${meeting.hostToken}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await res.text()).toBe('');
  });

  it.each(['host', 'participant'] as const)('walks every %s transition with post/redirect/get', async (kind) => {
    const { key, meeting, participant } = await meetingWithParticipant();
    const path = `/e/${kind === 'host' ? meeting.hostToken : participant.token}`;
    const current = () => (kind === 'host' ? meetingStatus(key) : participantStatus(key, participant.puid));
    const id = kind === 'host' ? 'meeting-status' : 'participant-status';
    const walk = coveringWalk(kind);
    expect(walk.length).toBeGreaterThanOrEqual(entryLifecycle(kind).transitions.length);
    for (const t of walk) {
      expect(await current()).toBe(t.from);
      const res = await post(path, `action=${t.action}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(path);
      expect(await current()).toBe(t.to);
      const page = await (await fetch(`${base}${path}`)).text();
      expect(page).toContain(`id="${id}" role="status" data-status="${t.to}"`);
    }
  });

  it('refuses an impossible transition with 409 and changes nothing', async () => {
    const { key, meeting } = await meetingWithParticipant();
    const res = await post(`/e/${meeting.hostToken}`, 'action=end');
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('not possible from the current status');
    expect(await meetingStatus(key)).toBe(meeting.status);
  });

  it('refuses a participant action once the meeting is over with 409', async () => {
    const { key, meeting, participant } = await meetingWithParticipant();
    for (const action of ['start', 'end']) expect((await post(`/e/${meeting.hostToken}`, `action=${action}`)).status).toBe(303);
    const res = await post(`/e/${participant.token}`, 'action=refuse');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('the meeting is over');
    expect(await participantStatus(key, participant.puid)).toBe(participant.status);
  });

  it.each([
    ['no action', ''],
    ['an unknown action', 'action=dance'],
    ['a participant action on the host page', 'action=join'],
    ['two actions', 'action=start&action=start'],
    ['an empty action', 'action='],
  ])('answers 400 to %s and changes nothing', async (_name, body) => {
    const { key, meeting } = await meetingWithParticipant();
    const res = await post(`/e/${meeting.hostToken}`, body);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('start, end, leave');
    expect(await meetingStatus(key)).toBe(meeting.status);
  });

  it('answers 415 to a body that is not a form and 413 to one over the limit', async () => {
    const { key, meeting } = await meetingWithParticipant();
    const json = await post(`/e/${meeting.hostToken}`, '{"action":"start"}', { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    const max = maxBodyBytes();
    const big = await post(`/e/${meeting.hostToken}`, `action=start&pad=${'x'.repeat(max)}`);
    expect(big.status).toBe(413);
    expect(await meetingStatus(key)).toBe(meeting.status);
  });

  it('answers 405 with Allow to other methods', async () => {
    const { meeting } = await meetingWithParticipant();
    const res = await fetch(`${base}/e/${meeting.hostToken}`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers an unknown token with an HTML 404, for GET and POST', async () => {
    const token = 'LIVE' + '0'.repeat(20);
    for (const res of [await fetch(`${base}/e/${token}`), await post(`/e/${token}`, 'action=start')]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
  });

  it('answers 410 for a cancelled participant, and for everything of a cancelled meeting', async () => {
    const one = await meetingWithParticipant();
    expect((await store.cancelParticipant('ACpages1', one.key, one.participant.puid)).ok).toBe(true);
    expect((await fetch(`${base}/e/${one.participant.token}`)).status).toBe(410);
    expect((await post(`/e/${one.participant.token}`, 'action=join')).status).toBe(410);
    expect((await fetch(`${base}/e/${one.meeting.hostToken}`)).status).toBe(200);

    const two = await meetingWithParticipant();
    expect((await store.cancelMeeting('ACpages1', two.key)).ok).toBe(true);
    for (const path of [`/e/${two.meeting.hostToken}`, `/e/${two.participant.token}`, `/${two.meeting.code}`]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('cancelled');
    }
    expect((await post(`/e/${two.meeting.hostToken}`, 'action=start')).status).toBe(410);
  });
});

describe('lobby', () => {
  it('shows title, time, status and the live participant count', async () => {
    const { key, meeting } = await meetingWithParticipant('ACpages1', 'Lobby <test>');
    await store.addParticipant('ACpages1', { meetingKey: key, puid: 'second' }, limits);
    const res = await fetch(`${base}/${meeting.code}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    const status = getEnum('MeetingStatus').find((s) => s.value === meeting.status)!;
    expect(page).toContain('<h1>Lobby &lt;test&gt;</h1>');
    expect(page).toContain('2026-12-01 10:00:00 UTC');
    expect(page).toContain(status.description);
    expect(page).toContain('data-count="2"');
    await store.cancelParticipant('ACpages1', key, 'second');
    expect(await (await fetch(`${base}/${meeting.code}`)).text()).toContain('data-count="1"');
  });

  it('answers an unknown code with an HTML 404 and leaves POST to the API', async () => {
    expect((await fetch(`${base}/ZZZZZZ`)).status).toBe(404);
    const res = await post('/ZZZZZZ', '');
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});

describe('dashboard', () => {
  it.each([
    ['no credentials', undefined],
    ['a wrong token', basic('ACpages1', 'token-two-secret')],
    ['an unknown account', basic('ACnobody', 'token-one-secret')],
    ['a malformed header', 'Basic !!!'],
    ['another scheme', 'Bearer token-one-secret'],
  ])('asks for credentials on %s', async (_name, authorization) => {
    const res = await fetch(`${base}/`, authorization ? { headers: { authorization } } : {});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="LiveMinutes sandbox"/);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it("lists the account's meetings and participants, never another account's or a token", async () => {
    const mine = await meetingWithParticipant('ACpages1', 'Mine');
    const theirs = await meetingWithParticipant('ACpages2', 'Theirs');
    const res = await fetch(`${base}/`, { headers: { authorization: basic('ACpages1', 'token-one-secret') } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`data-meeting-key="${mine.key}"`);
    expect(page).toContain(`data-puid="${mine.participant.puid}"`);
    expect(page).toContain(`${base}/${mine.meeting.code}`);
    expect(page).not.toContain(theirs.key);
    expect(page).not.toContain('Theirs');
    for (const secret of [mine.meeting.hostToken, mine.participant.token, 'token-one-secret', 'token-two-secret']) {
      expect(page).not.toContain(secret);
    }
    const other = await (await fetch(`${base}/`, { headers: { authorization: basic('ACpages2', 'token-two-secret') } })).text();
    expect(other).toContain(`data-meeting-key="${theirs.key}"`);
    expect(other).not.toContain(`data-meeting-key="${mine.key}"`);
  });
});

describe('any input', () => {
  it('never answers a 5xx and always HTML or the fallback', async () => {
    const { meeting, participant } = await meetingWithParticipant();
    const paths = [`/e/${meeting.hostToken}`, `/e/${participant.token}`, `/${meeting.code}`, '/', '/e/LIVE', '/ZZZZZZ'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.oneof(fc.constantFrom(...paths), fc.webPath()),
        fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', ''),
        fc.oneof(fc.constantFrom('action=start', 'action=join', 'action=end&action=leave', 'action=%FF'), fc.string()),
        fc.option(fc.string(), { nil: undefined }),
        async (method, path, type, body, authorization) => {
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (authorization !== undefined && /^[\x20-\x7e]*$/.test(authorization)) headers.authorization = authorization;
          const withBody = method !== 'GET' && method !== 'HEAD';
          const res = await fetch(`${base}${path.startsWith('/') ? path : `/${path}`}`, {
            method,
            headers,
            redirect: 'manual',
            ...(withBody ? { body } : {}),
          });
          await res.arrayBuffer();
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get('content-type')).toMatch(/^(text\/html|application\/json); charset=utf-8$/);
        },
      ),
      fcParameters({ numRuns: 300 }),
    );
  });
});
