/**
 * Mutants for the checks the first set leaves uncovered: one fault each,
 * run against the checks it aims at (`only`). Field names, operations and
 * success fields are read from the spec.
 */
import { lifecycle, operationIds, operationParams, FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import { allChecks, selectChecks } from '../../src/index.js';
import type { Account } from '../../src/types.js';
import { formOf, jsonOf, operationOf, withJson, type Mutant, type ProxyAnswer, type ProxyRequest } from './fault-proxy.js';

const json = (body: unknown, status = 200): ProxyAnswer => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
const basic = (account: Account): string => `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
const isOperation = (req: ProxyRequest): boolean => operationIds().includes(operationOf(req));
const succeeded = (answer: ProxyAnswer): boolean => jsonOf(answer)?.resultcode === 1;
/** The same URL with its last character changed. */
const otherUrl = (url: string): string => `${url.slice(0, -1)}${url.endsWith('Z') ? 'Y' : 'Z'}`;

/** An entry page's HTML (a GET of a path that is no operation). */
const isPage = (req: ProxyRequest, answer: ProxyAnswer): boolean => req.method === 'GET' && !isOperation(req) && (answer.headers['content-type'] ?? '').startsWith('text/html');
/** The markup with the five escaped characters turned back into themselves, as a template that forgot to escape would send it. */
const unescapeHtml = (markup: string): string =>
  markup.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** A valid `Basic base64(sid:token)` header. */
function isWellFormedBasic(header: string | undefined): boolean {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header ?? '');
  return Boolean(match && Buffer.from(match[1] as string, 'base64').toString('utf8').includes(':'));
}

/** The AccountSid and AuthToken of a basic Authorization header. */
function decoded(req: ProxyRequest): { sid: string; token: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const text = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { sid: text.slice(0, colon), token: text.slice(colon + 1) };
}

function mutant(name: string, breaks: string, only: string[], hooks: Pick<Mutant, 'request' | 'response'>): Mutant {
  return { name, breaks, expected: selectChecks(allChecks(), only)[0]?.id ?? String(only[0]), only, ...hooks };
}

/**
 * @example
 * createRuleMutants({ primary, second }).find((m) => m.name === 'missing-header-admitted')?.only; // ['auth.missing-header']
 */
export function createRuleMutants(accounts: { primary: Account; second: Account }, limits: { users: number; sessions: number }): Mutant[] {
  const sessionsEver = new Map<string, number>();
  const firstMeetingUrl = new Map<string, string>();
  /** Entry URL path -> what its status call reads, for the forbidden-moves mutant. */
  const pages = new Map<string, { operation: string; key: string }>();
  const forced = new Map<string, string>();
  const pathOf = (url: unknown): string => (typeof url === 'string' ? new URL(url).pathname : '');
  const statusKey = (req: ProxyRequest): string => `${operationOf(req)}\u0000${formOf(req).get('meetingKey')}\u0000${formOf(req).get('puid') ?? ''}`;
  const addedUrl = new Map<string, string>();
  const repeated = new Set<string>();
  const cancelledKeys = new Set<string>();
  const primaryKeys = new Set<string>();
  const participantOf = (req: ProxyRequest): string => `${formOf(req).get('meetingKey')}\u0000${formOf(req).get('puid')}`;
  return [
    mutant('missing-header-admitted', 'auth.failure-resultcode: a request without Authorization acts as the primary account', ['auth.missing-header'], {
      request: (req) => (isOperation(req) && !req.headers.authorization && req.body.includes('meetingKey') ? { ...req, headers: { ...req.headers, authorization: basic(accounts.primary) } } : req),
    }),
    mutant('malformed-header-admitted', 'auth.failure-resultcode: a malformed Authorization header acts as the primary account', ['auth.malformed-header'], {
      request: (req) => (isOperation(req) && req.headers.authorization && !isWellFormedBasic(req.headers.authorization) ? { ...req, headers: { ...req.headers, authorization: basic(accounts.primary) } } : req),
    }),
    mutant('scheme-case-sensitive', 'auth.basic: the scheme name is matched case-sensitively', ['auth.scheme-case'], {
      request: (req) => {
        const header = req.headers.authorization ?? '';
        return isOperation(req) && /^basic /i.test(header) && !header.startsWith('Basic ') ? json({ resultcode: 0, error: 'auth_failed', message: 'No.' }) : req;
      },
    }),
    mutant('success-data-missing', 'the success schemas: successes carry resultcode 1 and nothing else', ['success.*'], {
      response: (_req, answer) => (succeeded(answer) ? withJson(answer, { resultcode: 1 }) : answer),
    }),
    mutant('participant-initial-status', 'addParticipant.initial-status: a new participant reports the joined status', ['lifecycle.initial-participant-status'], {
      response: (req, answer) => {
        const body = jsonOf(answer);
        const other = lifecycle('participant').statuses.find((status) => status.value !== body?.status)?.value;
        return operationOf(req) === 'getParticipantStatus' && succeeded(answer) && other ? withJson(answer, { ...body, status: other }) : answer;
      },
    }),
    mutant('re-add-same-url', "cancelParticipant.re-add: a cancelled puid added again gets its old URL", ['lifecycle.cancel-participant-re-add'], {
      response: (req, answer) => {
        const body = jsonOf(answer);
        if (operationOf(req) !== 'addParticipant' || !succeeded(answer)) return answer;
        const id = participantOf(req);
        if (!addedUrl.has(id)) addedUrl.set(id, String(body?.participantUrl));
        return withJson(answer, { ...body, participantUrl: addedUrl.get(id) });
      },
    }),
    mutant('cancel-twice-succeeds', 'cancelMeeting.twice: a second cancelMeeting succeeds', ['lifecycle.cancel-meeting-twice'], {
      response: (req, answer) =>
        operationOf(req) === 'cancelMeeting' && jsonOf(answer)?.error === 'meeting_not_found' ? json({ resultcode: 1, meetingKey: formOf(req).get('meetingKey') }) : answer,
    }),
    mutant('key-reserved-forever', 'cancelMeeting.key-reuse: a cancelled key cannot be used again', ['lifecycle.key-reuse'], {
      request: (req) => {
        const key = formOf(req).get('meetingKey') ?? '';
        if (operationOf(req) === 'createMeeting' && cancelledKeys.has(key)) return json({ resultcode: 0, error: 'meeting_exists', message: 'Taken.' });
        return req;
      },
      response: (req, answer) => {
        if (operationOf(req) === 'cancelMeeting' && succeeded(answer)) cancelledKeys.add(formOf(req).get('meetingKey') ?? '');
        return answer;
      },
    }),
    mutant('add-not-idempotent', 'addParticipant.idempotent: a repeated addParticipant hands out another URL', ['idempotent.addParticipant'], {
      response: (req, answer) => {
        const body = jsonOf(answer);
        if (operationOf(req) !== 'addParticipant' || !succeeded(answer)) return answer;
        const id = participantOf(req);
        const again = repeated.has(id);
        repeated.add(id);
        return again ? withJson(answer, { ...body, participantUrl: otherUrl(String(body?.participantUrl)) }) : answer;
      },
    }),
    mutant('frame-denied', 'url.iframe: entry pages forbid framing', ['pages.iframe'], {
      response: (req, answer) => (req.method === 'GET' && !isOperation(req) ? { ...answer, headers: { ...answer.headers, 'x-frame-options': 'DENY' } } : answer),
    }),
    mutant('cancelled-pages-open', "cancel*.gone: a cancelled meeting's or participant's entry page still opens", ['pages.cancelled-meeting-admits-no-one', 'pages.cancelled-participant-admits-no-one'], {
      response: (req, answer) =>
        !isOperation(req) && answer.status >= 400 && answer.status < 500 ? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><p>Welcome</p>' } : answer,
    }),
    mutant('page-actions-ignored', 'lifecycle.*: entry page actions answer 200 and change nothing', ['pages.meeting-lifecycle', 'pages.participant-lifecycle'], {
      request: (req) => (req.method === 'POST' && !isOperation(req) ? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><p>Done</p>' } : req),
    }),
    mutant('shared-key-namespace', "account.isolation: a key the first account uses is taken for the second", ['isolation.key-namespace'], {
      request: (req) => {
        const key = formOf(req).get('meetingKey') ?? '';
        if (operationOf(req) === 'createMeeting' && req.headers.authorization === basic(accounts.second) && primaryKeys.has(key)) {
          return json({ resultcode: 0, error: 'meeting_exists', message: 'Taken.' });
        }
        return req;
      },
      response: (req, answer) => {
        if (operationOf(req) === 'createMeeting' && succeeded(answer) && req.headers.authorization === basic(accounts.primary)) primaryKeys.add(String(jsonOf(answer)?.meetingKey));
        return answer;
      },
    }),
    mutant('charset-refused', 'transport.form-body: the form media type with a charset parameter or in capitals answered 415', ['transport.form-charset'], {
      request: (req) => {
        const type = req.headers['content-type'] ?? '';
        return isOperation(req) && type.toLowerCase().startsWith(FORM_MEDIA_TYPE) && type !== FORM_MEDIA_TYPE
          ? json({ resultcode: 0, error: 'unsupported_media_type', message: 'No.' }, 415)
          : req;
      },
    }),
    mutant('unknown-parameter-refused', 'transport.unknown-parameters: an unknown extra parameter is invalid_parameter', ['transport.unknown-parameters'], {
      request: (req) => {
        if (!isOperation(req)) return req;
        const known = operationParams(operationOf(req)).params.map((param) => param.name);
        const unknown = [...formOf(req).keys()].find((name) => !known.includes(name));
        return unknown ? json({ resultcode: 0, error: 'invalid_parameter', message: 'Unknown.', param: unknown }) : req;
      },
    }),
    mutant('participant-not-found-as-meeting', 'not-found.participant: an unknown puid answered meeting_not_found', ['failure.participant-not-found'], {
      response: (_req, answer) => (jsonOf(answer)?.error === 'participant_not_found' ? withJson(answer, { ...jsonOf(answer), error: 'meeting_not_found' }) : answer),
    }),
    mutant('meeting-exists-as-invalid', 'createMeeting.meeting-exists: a live key with another host answered invalid_parameter', ['failure.meeting-exists'], {
      response: (_req, answer) => (jsonOf(answer)?.error === 'meeting_exists' ? withJson(answer, { ...jsonOf(answer), error: 'invalid_parameter', param: 'meetingKey' }) : answer),
    }),
    mutant('token-case-insensitive', 'auth.failure-resultcode: AuthTokens compared without letter case', ['auth.token-near-miss'], {
      request: (req) => (isOperation(req) && decoded(req)?.sid === accounts.primary.accountSid && decoded(req)?.token.toLowerCase() === accounts.primary.authToken.toLowerCase()
        ? { ...req, headers: { ...req.headers, authorization: basic(accounts.primary) } }
        : req),
    }),
    mutant('sid-case-insensitive', 'auth.token-exact: AccountSids compared without letter case', ['auth.sid-exact'], {
      request: (req) => (isOperation(req) && decoded(req)?.sid.toLowerCase() === accounts.primary.accountSid.toLowerCase() && decoded(req)?.token === accounts.primary.authToken
        ? { ...req, headers: { ...req.headers, authorization: basic(accounts.primary) } }
        : req),
    }),
    mutant('ids-normalized', 'param.ids-exact: ids lower-cased, trimmed and NFC-normalized before use', ['ids.*'], {
      request: (req) => {
        const form = formOf(req);
        if (!isOperation(req) || form.size === 0) return req;
        for (const [name, value] of [...form]) form.set(name, value.toLowerCase().trim().normalize('NFC'));
        return { ...req, body: form.toString() };
      },
    }),
    mutant('generated-key-repeats', 'createMeeting.generated-key-unique: every generated key is the same', ['lifecycle.generated-keys-unique'], {
      request: (req) => {
        const form = formOf(req);
        if (operationOf(req) !== 'createMeeting' || form.get('meetingKey') !== '') return req;
        form.set('meetingKey', 'GENERATED');
        return { ...req, body: form.toString() };
      },
    }),
    mutant('meeting-url-differs', 'getMeetingUrl.same-url: getMeetingUrl gives another URL than createMeeting', ['lifecycle.meeting-url-same'], {
      response: (req, answer) => {
        const body = jsonOf(answer);
        return operationOf(req) === 'getMeetingUrl' && succeeded(answer) ? withJson(answer, { ...body, meetingUrl: otherUrl(String(body?.meetingUrl)) }) : answer;
      },
    }),
    mutant('frame-ancestors-listed', 'url.iframe: frame-ancestors limited to https://* ', ['pages.iframe'], {
      response: (req, answer) =>
        req.method === 'GET' && !isOperation(req) ? { ...answer, headers: { ...answer.headers, 'content-security-policy': 'frame-ancestors https://*' } } : answer,
    }),
    {
      name: 'pages-unescaped',
      breaks: 'param.values-verbatim: entry pages put titles, keys and nicknames into the markup unescaped',
      expected: 'verbatim.entry-pages',
      alone: true,
      response: (req, answer) => (isPage(req, answer) ? { ...answer, body: unescapeHtml(answer.body) } : answer),
    },
    {
      name: 'pages-mangled',
      breaks: 'param.values-verbatim: entry pages drop emoji and right-to-left marks (a latin-1 template)',
      expected: 'verbatim.entry-pages',
      alone: true,
      response: (req, answer) => (isPage(req, answer) ? { ...answer, body: answer.body.replace(/[\u{10000}-\u{10FFFF}\u200E\u200F]/gu, '?') } : answer),
    },
    mutant('internal-error-on-bad-input', 'failure.internal-error: invalid input answered internal_error (HTTP 200)', ['robustness.no-5xx'], {
      response: (_req, answer) => (jsonOf(answer)?.error === 'invalid_parameter' ? withJson(answer, { resultcode: 0, error: 'internal_error', message: 'Oops.' }) : answer),
    }),
    mutant('405-on-one-path-only', 'transport.method-not-allowed: only /getMeetingStatus answers 405, the other paths 404', ['transport.method-not-allowed'], {
      request: (req) =>
        req.method !== 'POST' && isOperation(req) && operationOf(req) !== 'getMeetingStatus' ? json({ resultcode: 0, error: 'not_found', message: 'No.' }, 404) : req,
    }),
    mutant('key-reuse-old-meeting-url', "cancelMeeting.key-reuse: a reused key gets the cancelled meeting's meetingUrl", ['lifecycle.key-reuse'], {
      response: (req, answer) => {
        const body = jsonOf(answer);
        if (operationOf(req) !== 'createMeeting' || !succeeded(answer)) return answer;
        const key = String(body?.meetingKey);
        if (!firstMeetingUrl.has(key)) firstMeetingUrl.set(key, String(body?.meetingUrl));
        return withJson(answer, { ...body, meetingUrl: firstMeetingUrl.get(key) });
      },
    }),
    mutant('any-action-anywhere', 'lifecycle.*: an entry page action refused for the current status still moves it', ['pages.meeting-forbidden-moves', 'pages.participant-forbidden-moves'], {
      response: (req, answer) => {
        const body = jsonOf(answer);
        const form = formOf(req);
        if (operationOf(req) === 'createMeeting' && succeeded(answer)) pages.set(pathOf(body?.hostUrl), { operation: 'getMeetingStatus', key: `getMeetingStatus\u0000${String(body?.meetingKey)}\u0000` });
        if (operationOf(req) === 'addParticipant' && succeeded(answer)) {
          pages.set(pathOf(body?.participantUrl), { operation: 'getParticipantStatus', key: `getParticipantStatus\u0000${form.get('meetingKey')}\u0000${form.get('puid')}` });
        }
        const page = pages.get(req.path);
        const action = form.get('action');
        if (req.method === 'POST' && page && action && answer.status >= 400) {
          const to = lifecycle(page.operation === 'getMeetingStatus' ? 'meeting' : 'participant').transitions.find((move) => move.action === action)?.to;
          if (to) forced.set(page.key, to);
          return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><p>Done</p>' };
        }
        if (req.method === 'POST' && page && answer.status < 400) forced.delete(page.key);
        const status = forced.get(statusKey(req));
        return status && succeeded(answer) ? withJson(answer, { ...body, status }) : answer;
      },
    }),
    mutant('sessions-unlimited', 'quota.atomic: the session quota is not enforced', ['quota.sessions', 'quota.concurrent'], {
      response: (req, answer) =>
        operationOf(req) === 'createMeeting' && jsonOf(answer)?.error === 'limit_exceeded'
          ? json({ resultcode: 1, meetingKey: formOf(req).get('meetingKey'), meetingUrl: 'http://127.0.0.1/ABCDEF', hostUrl: 'http://127.0.0.1/e/LIVE0123456789ABCDEFGHIJ' })
          : answer,
    }),
    mutant('users-unlimited', 'quota.atomic: the user quota is not enforced', ['quota.users'], {
      response: (req, answer) =>
        operationOf(req) === 'addParticipant' && jsonOf(answer)?.error === 'limit_exceeded'
          ? json({ resultcode: 1, meetingKey: formOf(req).get('meetingKey'), participantUrl: 'http://127.0.0.1/e/LIVE0123456789ABCDEFGHIJ' })
          : answer,
    }),
    mutant('cancelled-sessions-counted', 'quota.counting: cancelled meetings still count as sessions', ['quota.counting'], {
      request: (req) => {
        const account = req.headers.authorization ?? '';
        return operationOf(req) === 'createMeeting' && (sessionsEver.get(account) ?? 0) >= limits.sessions
          ? json({ resultcode: 0, error: 'limit_exceeded', message: 'Too many.' })
          : req;
      },
      response: (req, answer) => {
        const account = req.headers.authorization ?? '';
        if (operationOf(req) === 'createMeeting' && succeeded(answer)) sessionsEver.set(account, (sessionsEver.get(account) ?? 0) + 1);
        return answer;
      },
    }),
  ];
}
