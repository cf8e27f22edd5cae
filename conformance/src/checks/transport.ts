/**
 * Requests that reach no operation (unknown path, other methods, other
 * content types, oversized bodies) and the encodings operations accept.
 * Sizes, statuses and codes come from the spec's model (`maxBodyBytes`,
 * `transportFailure(code)`).
 */
import { FORM_MEDIA_TYPE, maxBodyBytes, operationIds, transportFailure } from '@org/liveminutes-spec';
import { basicAuthorization } from '../http/api.js';
import type { HttpResponse } from '../http/raw-http.js';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { validRequest } from './requests.js';
import { body, createMeeting, defineCheck, describe, isSuccess, requireSuccess, sharedMeeting } from './support.js';

/** Records findings unless the answer is the spec's status for `error`, with the JSON failure shape and `error`. */
function expectTransportFailure(context: CheckContext, response: HttpResponse, error: string, what: string): void {
  const { status } = transportFailure(error);
  const json = body(response);
  context.expect(response.status === status, `${what}: HTTP ${response.status} instead of ${status} (${describe(response)})`);
  context.expect(json?.resultcode === 0, `${what}: the body is not JSON with resultcode 0 (${describe(response)})`);
  context.expect(json?.error === error, `${what}: error ${JSON.stringify(json?.error)} instead of ${error}`);
}

function raw(context: CheckContext, method: string, target: string, contentType: string | undefined, payload: string | Buffer | undefined, chunked = false): Promise<HttpResponse> {
  const headers: Record<string, string> = { authorization: basicAuthorization(context.api.primary), accept: 'application/json' };
  if (contentType) headers['content-type'] = contentType;
  return context.api.transport.send({ method, target, headers, body: payload, chunked });
}

export const transportChecks: Check[] = [
  defineCheck({
    id: 'transport.method-not-allowed',
    rule: 'transport.method-not-allowed',
    title: 'answer other methods than POST with HTTP 405, Allow: POST and method_not_allowed',
    async run(context: CheckContext) {
      // Every method on one path, and GET on every operation's path: a server may route each one on its own.
      const tries = [
        ...['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].map((method) => ({ method, path: '/getMeetingStatus' })),
        ...operationIds().filter((operation) => operation !== 'getMeetingStatus').map((operation) => ({ method: 'GET', path: `/${operation}` })),
      ];
      for (const { method, path } of tries) {
        {
          const response = await raw(context, method, path, undefined, undefined);
          // A HEAD answer has no body to check.
          if (method === 'HEAD') context.expect(response.status === transportFailure('method_not_allowed').status, `HEAD ${path}: HTTP ${response.status}`);
          else expectTransportFailure(context, response, 'method_not_allowed', `${method} ${path}`);
          const allow = (response.headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase());
          context.expect(allow.includes(transportFailure('method_not_allowed').headers.allow ?? 'POST'), `${method} ${path}: Allow ${JSON.stringify(response.headers.allow)}`);
        }
      }
    },
  }),
  defineCheck({
    id: 'transport.not-found',
    rule: 'transport.not-found',
    title: 'answer an unknown path with HTTP 404 and not_found',
    async run(context: CheckContext) {
      const target = `/${context.ids.prefix.replace(/[^A-Za-z0-9]/g, '')}noSuchOperation`;
      const response = await raw(context, 'POST', target, FORM_MEDIA_TYPE, 'meetingKey=x');
      expectTransportFailure(context, response, 'not_found', `POST ${target}`);
    },
  }),
  defineCheck({
    id: 'transport.unsupported-media-type',
    rule: 'transport.unsupported-media-type',
    title: 'answer a JSON or text body with HTTP 415 and unsupported_media_type',
    async run(context: CheckContext) {
      const { meeting } = await sharedMeeting(context);
      const variants: Array<[string, string]> = [
        ['application/json', JSON.stringify({ meetingKey: meeting.meetingKey })],
        ['text/plain', `meetingKey=${meeting.meetingKey}`],
      ];
      for (const [contentType, payload] of variants) {
        const response = await raw(context, 'POST', '/getMeetingStatus', contentType, payload);
        expectTransportFailure(context, response, 'unsupported_media_type', `a ${contentType} body`);
      }
    },
  }),
  defineCheck({
    id: 'transport.payload-too-large',
    rule: 'transport.payload-too-large',
    title: 'answer a body over the rule\'s maxBodyBytes with HTTP 413 and payload_too_large, and accept one at it',
    async run(context: CheckContext) {
      const max = maxBodyBytes();
      const { meeting } = await sharedMeeting(context);
      const head = `${new URLSearchParams({ meetingKey: meeting.meetingKey })}&padding=`;
      const sized = (size: number): string => head + 'x'.repeat(size - head.length);
      const over = await raw(context, 'POST', '/getMeetingStatus', FORM_MEDIA_TYPE, sized(max + 1));
      expectTransportFailure(context, over, 'payload_too_large', `a body of ${max + 1} bytes`);
      // Without a Content-Length to trust, the limit holds on what arrives.
      const chunked = await raw(context, 'POST', '/getMeetingStatus', FORM_MEDIA_TYPE, sized(max + 1), true);
      expectTransportFailure(context, chunked, 'payload_too_large', `a chunked body of ${max + 1} bytes`);
      const boundary = `lmc${context.ids.prefix.replace(/[^A-Za-z0-9]/g, '')}`;
      const part = (value: string): string => `--${boundary}\r\nContent-Disposition: form-data; name="meetingKey"\r\n\r\n${value}\r\n--${boundary}--\r\n`;
      const multipart = await raw(context, 'POST', '/getMeetingStatus', `multipart/form-data; boundary=${boundary}`, part('x'.repeat(max + 1 - part('').length)));
      expectTransportFailure(context, multipart, 'payload_too_large', `a multipart body of ${max + 1} bytes`);
      const at = await raw(context, 'POST', '/getMeetingStatus', FORM_MEDIA_TYPE, sized(max));
      context.expect(at.status === 200 && body(at)?.resultcode === 1, `a body of exactly ${max} bytes: ${describe(at)}`);
    },
  }),
  defineCheck({
    id: 'transport.form-charset',
    rule: 'transport.form-body',
    title: 'accept the form media type with a charset parameter and in any letter case',
    async run(context: CheckContext) {
      const { meeting } = await sharedMeeting(context);
      const body = new URLSearchParams({ meetingKey: meeting.meetingKey }).toString();
      // Media types and their parameter names are case-insensitive (RFC 9110).
      for (const contentType of [`${FORM_MEDIA_TYPE}; charset=UTF-8`, `${FORM_MEDIA_TYPE};charset=utf-8`, FORM_MEDIA_TYPE.toUpperCase()]) {
        const response = await context.api.call('getMeetingStatus', { meetingKey: meeting.meetingKey }, { encoding: { contentType, body } });
        context.expect(isSuccess(response), `getMeetingStatus with Content-Type ${contentType}: ${describe(response)}`);
      }
    },
  }),
  defineCheck({
    id: 'transport.multipart-body',
    rule: 'transport.multipart-body',
    title: 'accept multipart/form-data bodies',
    async run(context: CheckContext) {
      const hostid = context.ids.user('h');
      const meetingKey = context.ids.key();
      const created = await context.api.call('createMeeting', { meetingKey, hostid, title: 'Multipart' }, { encoding: 'multipart' });
      requireSuccess(context, created, 'createMeeting as multipart/form-data');
      const read = await context.api.call('getMeetingStatus', { meetingKey }, { encoding: 'multipart' });
      requireSuccess(context, read, 'getMeetingStatus as multipart/form-data');
    },
  }),
  defineCheck({
    id: 'transport.unknown-parameters',
    rule: 'transport.unknown-parameters',
    title: 'ignore unknown extra parameters',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context, { colour: 'blue', 'x-extra': '1' });
      const read = await context.api.call('getMeetingUrl', { meetingKey: meeting.meetingKey, unknownField: 'yes' });
      requireSuccess(context, read, 'getMeetingUrl with an unknown parameter');
    },
  }),
  defineCheck({
    id: 'transport.repeated-parameter',
    rule: 'transport.repeated-parameter',
    title: 'refuse a parameter given twice with invalid_parameter',
    async run(context: CheckContext) {
      for (const operation of operationIds()) {
        const { fields } = await validRequest(context, operation);
        const [first] = Object.keys(fields);
        if (!first) continue;
        const pairs: Array<[string, string]> = [...Object.entries(fields), [first, fields[first] ?? '']];
        const answer = await context.api.call(operation, pairs, { expect: { error: 'invalid_parameter', param: first } });
        const json = body(answer);
        context.expect(
          answer.status === 200 && json?.resultcode === 0 && json.error === 'invalid_parameter',
          `${operation} with ${first} twice: ${describe(answer)}`,
        );
      }
    },
  }),
];

/** Reviews every answer of the run for the JSON content type (runs a few calls if there are none). */
export const contentTypeCheck: Check = defineCheck({
  id: 'transport.json-content-type',
  rule: 'transport.json-content-type',
  title: 'label every answer application/json; charset=utf-8',
  async run(context: CheckContext) {
    if (context.traffic.length === 0) {
      await sharedMeeting(context);
      await raw(context, 'GET', '/getMeetingStatus', undefined, undefined);
    }
    for (const finding of context.reviewed('transport.json-content-type')) context.expect(false, finding);
  },
});
