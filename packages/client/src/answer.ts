/**
 * @module answer
 * Turns a server's answer into the operation's result or its error: resultcode
 * 1 resolves with the success fields (checked present, strings, statuses in
 * their enum), resultcode 0 becomes the error class its code maps to, and
 * anything else is a `ProtocolError`.
 */
import { ProtocolError, failureError } from './errors.js';

/** An enum table as generated: value -> [name, meaning]. */
export type EnumTable = Readonly<Record<string, readonly [string, string]>>;

/** Success fields as generated: 0 for a plain string, or the enum table of a status. */
export type ResultFields = Readonly<Record<string, 0 | EnumTable>>;

/**
 * Reads an answer. `body` is the text openapi-fetch read (or, for a non-2xx
 * status, what it managed to parse); `scrub` removes credentials from the
 * server's strings before they reach an error.
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
  scrub: (text: string) => string,
): Record<string, string> {
  const httpStatus = response.status;
  const protocol = (why: string): never => {
    const type = response.headers.get('content-type');
    throw new ProtocolError(`${operation}: unexpected answer (HTTP ${httpStatus}${type ? `, ${scrub(type)}` : ''}): ${why}`, {
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
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return protocol('not a JSON object');
  const answer = body as Record<string, unknown>;
  const resultcode = answer.resultcode;

  if (resultcode === 0) {
    const text = (key: string): string | undefined => {
      const value = answer[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'string') protocol(`${key} is not a string`);
      return scrub(value as string);
    };
    const code = text('error');
    const param = text('param');
    const message = text('message');
    const why = message ?? (code ? `failed with ${code}` : 'failed (resultcode 0)');
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
    const value = answer[key];
    if (typeof value !== 'string') return protocol(`${key} is ${value === undefined ? 'missing' : 'not a string'}`);
    const table = fields[key] as 0 | EnumTable;
    result[key] = value;
    if (table) {
      const entry = Object.hasOwn(table, value) ? table[value] : undefined;
      if (!entry) return protocol(`${key} is not one of ${Object.keys(table).join(', ')}`);
      result.name = entry[0];
      result.description = entry[1];
    }
  }
  return result;
}
