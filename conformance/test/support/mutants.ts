/**
 * The mutants of the self-test: each breaks one rule of the spec in front of a
 * correct sandbox, and names the check that must catch it.
 */
import { operationParams } from '@org/liveminutes-spec';
import type { Account } from '../../src/types.js';
import { formOf, jsonOf, operationOf, withJson, type Mutant, type ProxyAnswer, type ProxyRequest } from './fault-proxy.js';

const isAuthFailure = (answer: ProxyAnswer): boolean => jsonOf(answer)?.error === 'auth_failed';
const json = (body: unknown, status = 200): ProxyAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});
const withForm = (request: ProxyRequest, form: URLSearchParams): ProxyRequest => ({ ...request, body: form.toString() });

function basic(account: Account): string {
  return `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
}

function maxLength(operation: string, field: string): number | undefined {
  return operationParams(operation).params.find((param) => param.name === field)?.maxLength;
}

/** Every mutant; `accounts` lets some of them swap credentials. */
export function createMutants(accounts: { primary: Account; second: Account }): Mutant[] {
  const cancelled = new Set<string>();
  const firstUrl = new Map<string, string>();
  const created = new Set<string>();
  const sequential = new Map<string, string>();
  return [
    {
      name: 'auth-resultcode',
      breaks: 'auth.failure-resultcode: wrong credentials answered resultcode 1',
      expected: 'auth.wrong-token',
      response: (_req, answer) => (isAuthFailure(answer) ? withJson(answer, { resultcode: 1 }) : answer),
    },
    {
      name: 'auth-401',
      breaks: 'auth.no-challenge: wrong credentials answered HTTP 401 with a challenge',
      expected: 'auth.no-challenge',
      response: (_req, answer) =>
        isAuthFailure(answer) ? { ...answer, status: 401, headers: { ...answer.headers, 'www-authenticate': 'Basic realm="api"' } } : answer,
    },
    {
      name: 'auth-leaks-data',
      breaks: 'auth.failure-resultcode: an authentication failure carries meeting data',
      expected: 'auth.wrong-sid',
      response: (_req, answer) =>
        isAuthFailure(answer) ? withJson(answer, { ...jsonOf(answer), meetingUrl: 'http://127.0.0.1/ABCDEF' }) : answer,
    },
    {
      name: 'status-number',
      breaks: 'getMeetingStatus.values: status sent as a number',
      expected: 'success.getMeetingStatus',
      response: (req, answer) => {
        const body = jsonOf(answer);
        return operationOf(req) === 'getMeetingStatus' && body?.resultcode === 1 ? withJson(answer, { ...body, status: Number(body.status) }) : answer;
      },
    },
    {
      name: 'key-number',
      breaks: 'createMeeting.result: meetingKey sent as a number',
      expected: 'success.createMeeting',
      response: (req, answer) => {
        const body = jsonOf(answer);
        return operationOf(req) === 'createMeeting' && body?.resultcode === 1 ? withJson(answer, { ...body, meetingKey: 4711 }) : answer;
      },
    },
    {
      name: 'missing-hostUrl',
      breaks: 'createMeeting.result: hostUrl missing',
      expected: 'success.createMeeting',
      response: (req, answer) => {
        const body = jsonOf(answer);
        if (operationOf(req) !== 'createMeeting' || body?.resultcode !== 1) return answer;
        const { hostUrl: _dropped, ...rest } = body;
        return withJson(answer, rest);
      },
    },
    {
      name: 'hostid-51-accepted',
      breaks: 'param.user-id-length: a 51-character hostid accepted',
      expected: 'param.createMeeting.hostid.max-plus-one',
      request: (req) => {
        const form = formOf(req);
        const hostid = form.get('hostid');
        if (operationOf(req) !== 'createMeeting' || !hostid || [...hostid].length <= 50) return req;
        form.set('hostid', [...hostid].slice(0, 50).join(''));
        return withForm(req, form);
      },
    },
    {
      name: 'astral-counted-in-utf16',
      breaks: 'param.user-id-code-points: lengths counted in UTF-16 units',
      expected: 'param.createMeeting.hostid.code-points',
      request: (req) => {
        const operation = operationOf(req);
        for (const [field, value] of formOf(req)) {
          const max = maxLength(operation, field);
          if (max !== undefined && value.length > max) return json({ resultcode: 0, error: 'invalid_parameter', message: `${field} is too long.`, param: field });
        }
        return req;
      },
    },
    {
      name: '500-on-bad-input',
      breaks: 'transport.no-5xx: invalid parameters answered HTTP 500',
      expected: 'robustness.no-5xx',
      response: (_req, answer) => (jsonOf(answer)?.error === 'invalid_parameter' ? { ...answer, status: 500 } : answer),
    },
    {
      name: 'cancelled-meeting-answers',
      breaks: 'cancelMeeting.gone: a cancelled meeting still answers getMeetingStatus',
      expected: 'lifecycle.cancel-meeting-gone',
      request: (req) => {
        const key = formOf(req).get('meetingKey') ?? '';
        return operationOf(req) === 'getMeetingStatus' && cancelled.has(key) ? json({ resultcode: 1, status: '1' }) : req;
      },
      response: (req, answer) => {
        if (operationOf(req) === 'cancelMeeting' && jsonOf(answer)?.resultcode === 1) cancelled.add(formOf(req).get('meetingKey') ?? '');
        if (operationOf(req) === 'createMeeting' && jsonOf(answer)?.resultcode === 1) cancelled.delete(formOf(req).get('meetingKey') ?? '');
        return answer;
      },
    },
    {
      name: 'same-participant-url',
      breaks: 'url.unique: two participants of a meeting get the same URL',
      expected: 'url.unique',
      response: (req, answer) => {
        const body = jsonOf(answer);
        if (operationOf(req) !== 'addParticipant' || body?.resultcode !== 1) return answer;
        const key = formOf(req).get('meetingKey') ?? '';
        if (!firstUrl.has(key)) firstUrl.set(key, String(body.participantUrl));
        return withJson(answer, { ...body, participantUrl: firstUrl.get(key) });
      },
    },
    {
      name: 'participant-url-differs',
      breaks: 'getParticipantUrl.same-url: getParticipantUrl gives another URL than addParticipant',
      expected: 'lifecycle.participant-url-same',
      response: (req, answer) => {
        const body = jsonOf(answer);
        if (operationOf(req) !== 'getParticipantUrl' || body?.resultcode !== 1) return answer;
        const url = String(body.participantUrl);
        return withJson(answer, { ...body, participantUrl: `${url.slice(0, -1)}${url.endsWith('Z') ? 'Y' : 'Z'}` });
      },
    },
    {
      name: 'text-html',
      breaks: 'transport.json-content-type: answers labelled text/html',
      expected: 'transport.json-content-type',
      response: (_req, answer) => ({ ...answer, headers: { ...answer.headers, 'content-type': 'text/html' } }),
    },
    {
      name: 'get-without-405',
      breaks: 'transport.method-not-allowed: GET answered 404 without Allow',
      expected: 'transport.method-not-allowed',
      request: (req) => (req.method === 'POST' ? req : json({ resultcode: 0, error: 'not_found', message: 'No.' }, 404)),
    },
    {
      name: 'unknown-path-200',
      breaks: 'transport.not-found: an unknown path answered HTTP 200',
      expected: 'transport.not-found',
      response: (_req, answer) => (answer.status === 404 ? { ...answer, status: 200 } : answer),
    },
    {
      name: 'json-body-accepted',
      breaks: 'transport.unsupported-media-type: a JSON body is accepted',
      expected: 'transport.unsupported-media-type',
      request: (req) => {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return req;
        const fields = JSON.parse(req.body) as Record<string, string>;
        return { ...req, headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
      },
    },
    {
      name: 'oversized-accepted',
      breaks: 'transport.payload-too-large: a body over 64 KiB is accepted',
      expected: 'transport.payload-too-large',
      request: (req) => (req.body.length > 65_536 ? { ...req, body: req.body.slice(0, 1000) } : req),
    },
    {
      name: 'chunked-oversize-accepted',
      breaks: 'transport.payload-too-large: the limit is only enforced through Content-Length',
      expected: 'transport.payload-too-large',
      request: (req) => (req.headers['transfer-encoding'] === 'chunked' && req.body.length > 65_536 ? { ...req, body: req.body.slice(0, 1000) } : req),
    },
    {
      name: 'multipart-refused',
      breaks: 'transport.multipart-body: multipart/form-data answered 415',
      expected: 'transport.multipart-body',
      request: (req) =>
        (req.headers['content-type'] ?? '').startsWith('multipart/form-data')
          ? json({ resultcode: 0, error: 'unsupported_media_type', message: 'No multipart.' }, 415)
          : req,
    },
    {
      name: 'url-format',
      breaks: 'url.formats: meeting URLs in lower case',
      expected: 'url.formats',
      response: (_req, answer) => {
        const body = jsonOf(answer);
        return typeof body?.meetingUrl === 'string' ? withJson(answer, { ...body, meetingUrl: body.meetingUrl.replace(/\/([0-9A-Z]{6})$/, (_m, code: string) => `/${code.toLowerCase()}x`) }) : answer;
      },
    },
    {
      name: 'wrong-initial-status',
      breaks: 'createMeeting.initial-status: a new meeting reports status 8',
      expected: 'lifecycle.initial-meeting-status',
      response: (req, answer) => {
        const body = jsonOf(answer);
        return operationOf(req) === 'getMeetingStatus' && body?.status === '1' ? withJson(answer, { ...body, status: '8' }) : answer;
      },
    },
    {
      name: 'generated-key-missing',
      breaks: 'param.meetingkey-create: no key generated for an empty meetingKey',
      expected: 'lifecycle.generated-key',
      response: (req, answer) => {
        const body = jsonOf(answer);
        return operationOf(req) === 'createMeeting' && formOf(req).get('meetingKey') === '' && body?.resultcode === 1 ? withJson(answer, { ...body, meetingKey: '' }) : answer;
      },
    },
    {
      name: 'create-not-idempotent',
      breaks: 'createMeeting.idempotent: repeating createMeeting fails with meeting_exists',
      expected: 'idempotent.createMeeting',
      request: (req) => {
        const form = formOf(req);
        const id = `${form.get('meetingKey')}\u0000${form.get('hostid')}`;
        if (operationOf(req) === 'createMeeting' && created.has(id)) return json({ resultcode: 0, error: 'meeting_exists', message: 'Exists.' });
        if (operationOf(req) === 'createMeeting') created.add(id);
        return req;
      },
    },
    {
      name: 'cross-account',
      breaks: "account.isolation: the second account acts on the first account's meetings",
      expected: 'isolation.foreign-meeting',
      request: (req) => (req.headers.authorization === basic(accounts.second) ? { ...req, headers: { ...req.headers, authorization: basic(accounts.primary) } } : req),
    },
    {
      name: 'duplicates-merged',
      breaks: 'transport.repeated-parameter: a repeated parameter is accepted',
      expected: 'transport.repeated-parameter',
      request: (req) => {
        const form = formOf(req);
        const single = new URLSearchParams();
        for (const [name, value] of form) if (!single.has(name)) single.set(name, value);
        return [...form].length === [...single].length ? req : withForm(req, single);
      },
    },
    {
      name: 'wrong-error-code',
      breaks: 'not-found.meeting: an unknown key answered error not_found',
      expected: 'failure.meeting-not-found',
      response: (_req, answer) => (jsonOf(answer)?.error === 'meeting_not_found' ? withJson(answer, { ...jsonOf(answer), error: 'not_found' }) : answer),
    },
    {
      name: 'resultcode-string',
      breaks: 'failure.resultcode-zero: failures carry resultcode "0" (a string)',
      expected: 'failure.shape',
      response: (_req, answer) => (jsonOf(answer)?.resultcode === 0 && answer.status === 200 ? withJson(answer, { ...jsonOf(answer), resultcode: '0' }) : answer),
    },
    {
      name: 'no-message',
      breaks: 'failure.fields: failures without a message',
      expected: 'failure.fields',
      response: (_req, answer) => {
        const body = jsonOf(answer);
        if (body?.resultcode !== 0) return answer;
        const { message: _dropped, ...rest } = body;
        return withJson(answer, rest);
      },
    },
    {
      name: 'invalid-date-accepted',
      breaks: 'param.time-calendar: 2026-02-30 accepted as a time',
      expected: 'param.createMeeting.time.format',
      request: (req) => {
        const form = formOf(req);
        if (operationOf(req) !== 'createMeeting' || !/-02-30 /.test(form.get('time') ?? '')) return req;
        form.delete('time');
        return withForm(req, form);
      },
    },
    {
      name: 'closed-meeting-accepts',
      breaks: 'addParticipant.meeting-closed: addParticipant on a finished meeting succeeds',
      expected: 'pages.meeting-closed',
      response: (req, answer) =>
        jsonOf(answer)?.error === 'meeting_closed'
          ? withJson(answer, { resultcode: 1, meetingKey: formOf(req).get('meetingKey'), participantUrl: 'http://127.0.0.1/e/LIVE0123456789ABCDEFGHIJ' })
          : answer,
    },
    {
      name: 'sequential-tokens',
      breaks: 'url.random: entry tokens from a counter',
      expected: 'url.random',
      response: (_req, answer) => {
        const body = jsonOf(answer);
        if (body?.resultcode !== 1) return answer;
        const rewritten: Record<string, unknown> = { ...body };
        for (const field of ['hostUrl', 'participantUrl']) {
          const url = body[field];
          if (typeof url !== 'string') continue;
          if (!sequential.has(url)) sequential.set(url, url.replace(/LIVE[0-9A-Z]{20}$/, `LIVE${String(sequential.size + 1).padStart(20, '0')}`));
          rewritten[field] = sequential.get(url);
        }
        return withJson(answer, rewritten);
      },
    },
    {
      name: 'cancel-participant-noop',
      breaks: 'cancelParticipant.gone: cancelParticipant answers success but keeps the participant',
      expected: 'lifecycle.cancel-participant-gone',
      request: (req) => {
        const form = formOf(req);
        return operationOf(req) === 'cancelParticipant' && form.get('puid') ? json({ resultcode: 1, meetingKey: form.get('meetingKey') }) : req;
      },
    },
  ];
}
