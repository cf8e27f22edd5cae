/**
 * @module answer
 * Turns a server's answer into the operation's result or its error, as a
 * tolerant reader: resultcode 1 resolves with the success fields (each
 * present and a string), resultcode 0 becomes the error class its code maps
 * to, and anything else is a `ProtocolError`. Values of the right type that
 * the spec does not list (a status outside its table, an unknown error code)
 * are data: they come back as they are and are told to `onUnexpected`.
 */
import { ProtocolError, classByCode, failureError } from './errors.js';
import type { Redactor } from './redact.js';

/** An enum table as generated: value -> [name, meaning]. */
export type EnumTable = Readonly<Record<string, readonly [string, string]>>;

/** Success fields as generated: 0 for a plain string, or the enum table of a status. */
export type ResultFields = Readonly<Record<string, 0 | EnumTable>>;

/**
 * A deviation from the spec that the client tolerated: a value of the right
 * type that the spec does not list. Strings are redacted of credentials.
 * @example
 * // the API document's own getParticipantStatus example answers {"resultcode":1,"status":"1"}:
 * const event: UnexpectedEvent = { operation: 'getParticipantStatus', field: 'status', value: '1', expected: ['2', '3', '10', '11'] };
 */
export interface UnexpectedEvent {
  /** The operation called, e.g. `getParticipantStatus`. */
  readonly operation: string;
  /** The answer's field: `status`, or `error` for a failure's code. */
  readonly field: string;
  /** The value as sent (credentials redacted). */
  readonly value: string;
  /** The values the spec allows there, e.g. `['2', '3', '10', '11']`. */
  readonly expected: readonly string[];
}

/**
 * Reads an answer. `body` is the text openapi-fetch read (or, for a non-2xx
 * status, what it managed to parse); `scrub` removes credentials from the
 * server's strings before they reach an error or an event; `onUnexpected`
 * hears each tolerated deviation (if it throws, the call rejects with that).
 * @example
 * const response = new Response(null, { status: 200 });
 * readAnswer('getMeetingUrl', { meetingUrl: 0 }, response, '{"resultcode":1,"meetingUrl":"https://x/ABC123"}', (s) => s);
 * // { meetingUrl: 'https://x/ABC123' }
 */
export function readAnswer(
  operation: string,
  fields: ResultFields,
  response: Response,
  body: unknown,
  scrub: Redactor,
  onUnexpected?: (event: UnexpectedEvent) => void,
): Record<string, string> {
  const httpStatus = response.status;
  const protocol = (why: string): never => {
    const type = response.headers.get('content-type');
    throw new ProtocolError(`${operation}: ${why} (HTTP ${httpStatus}${type ? `, ${scrub(type)}` : ''})`, {
      operation,
      httpStatus,
    });
  };
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // No `cause`: V8's SyntaxError quotes the body, which may echo what the server received.
      protocol('not JSON');
    }
  }
  const answer = Object(body) as Record<string, unknown>;
  const resultcode = answer.resultcode;
  /** A field's string value: a ProtocolError when it is not a string, unless it is `optional` and absent (then undefined). */
  const read = (key: string, optional?: true): string => {
    const value = answer[key];
    if (typeof value !== 'string' && !(optional && value === undefined)) {
      protocol(`${key} is ${value === undefined ? 'missing' : 'not a string'}`);
    }
    return value as string;
  };

  if (resultcode === 0) {
    const [code, param, message]: Array<string | undefined> = ['error', 'param', 'message'].map((key) => scrub(read(key, true)));
    if (code !== undefined && !Object.hasOwn(classByCode, code)) {
      onUnexpected?.({ operation, field: 'error', value: code, expected: Object.keys(classByCode) });
    }
    const why = message ?? `failed (${code || 'resultcode 0'})`;
    throw failureError(`${operation}: ${why}${param && !why.includes(param) ? ` (${param})` : ''}`, {
      operation,
      resultcode,
      code,
      param,
      httpStatus,
    });
  }
  if (resultcode !== 1) return protocol('resultcode is not 0 or 1');
  if (httpStatus < 200 || httpStatus > 299) return protocol('resultcode 1 with a failure status');

  const result: Record<string, string> = {};
  for (const key in fields) {
    const value = (result[key] = read(key));
    const table = fields[key] as 0 | EnumTable;
    if (table) {
      // hasOwn: a status such as "toString" must not reach Object.prototype.
      const known = Object.hasOwn(table, value);
      if (!known) onUnexpected?.({ operation, field: key, value: scrub(value), expected: Object.keys(table) });
      [result.name, result.description] = known ? (table[value] as readonly [string, string]) : ['unknown', 'Not in the spec'];
    }
  }
  return result;
}
