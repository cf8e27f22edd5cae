/**
 * The API's operations as the suite calls them: a form POST with basic auth
 * to `{baseUrl}/{operationId}`, with hooks to vary the credentials, the
 * encoding and the raw body. It only sends and answers: which meetings a call
 * created is for its caller to record (run/tracked-api.ts).
 */
import { randomBytes } from 'node:crypto';
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import type { Expectation } from '../traffic/exchange.js';
import type { HttpResponse, Transport } from './raw-http.js';

/** Credentials of one account on the server under test. */
export interface Account {
  readonly accountSid: string;
  readonly authToken: string;
}

/** Form fields; `undefined` leaves a field out. An array of pairs may repeat a name. */
export type Fields = Readonly<Record<string, string | undefined>> | ReadonlyArray<readonly [string, string]>;

/** Whose credentials a call carries. */
export type Auth =
  | Account
  /** A literal Authorization header (malformed ones included). */
  | { readonly header: string }
  /** No Authorization header. */
  | null;

/** How a call differs from a plain form POST. */
export interface CallOptions {
  /** Defaults to the primary account. */
  readonly auth?: Auth;
  /** `form` (default), `multipart`, or a raw body with its content type. */
  readonly encoding?: 'form' | 'multipart' | { readonly contentType: string; readonly body: string | Buffer };
  /** A cleanup call: may use the budget's reserve and runs after an interrupt. */
  readonly cleanup?: boolean;
  /** Further requests the gate holds back after this one (a cancelMeeting still to come). */
  readonly reserve?: number;
  /** The failure this call provokes on purpose: the traffic checks hold the answer to it. */
  readonly expect?: Expectation;
}

/** An operation's answer. */
export interface Answer extends HttpResponse {
  readonly operation: string;
}

/**
 * The HTTP basic Authorization header of an account.
 * @example
 * basicAuthorization({ accountSid: 'a', authToken: 'b' }); // 'Basic YTpi'
 */
export function basicAuthorization(account: Account): string {
  return `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`, 'utf8').toString('base64')}`;
}

/**
 * @example
 * const api = new Api(transport, account);
 * const answer = await api.call('getMeetingStatus', { meetingKey: 'k' });
 * (answer.json as { resultcode: number }).resultcode; // 0 or 1
 */
export class Api {
  readonly transport: Transport;
  readonly primary: Account;

  constructor(transport: Transport, primary: Account) {
    this.transport = transport;
    this.primary = primary;
  }

  /** The account whose credentials a call with these options carries, if any. */
  accountOf(options: CallOptions = {}): Account | undefined {
    if (options.auth === undefined) return this.primary;
    return options.auth && 'accountSid' in options.auth ? options.auth : undefined;
  }

  /** Calls one operation. Never throws for an answer; throws TransportError when there is none. */
  async call(operation: string, fields: Fields, options: CallOptions = {}): Promise<Answer> {
    const auth = options.auth === undefined ? this.primary : options.auth;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth && 'header' in auth) headers.authorization = auth.header;
    else if (auth) headers.authorization = basicAuthorization(auth);
    const { contentType, body } = encode(toPairs(fields), options.encoding ?? 'form');
    headers['content-type'] = contentType;
    const response = await this.transport.send(
      { method: 'POST', target: `/${operation}`, headers, body, ...(options.expect ? { expect: options.expect } : {}) },
      { cleanup: options.cleanup, reserve: options.reserve },
    );
    return { ...response, operation };
  }
}

/**
 * The fields a server reads from a call: the form fields, or those of a raw form body.
 * @example
 * sentFields({ meetingKey: 'k', hostid: undefined }); // [['meetingKey', 'k']]
 */
export function sentFields(fields: Fields, encoding: CallOptions['encoding'] = 'form'): Array<[string, string]> {
  const rawForm = typeof encoding === 'object' && encoding.contentType.startsWith(FORM_MEDIA_TYPE);
  return rawForm ? [...new URLSearchParams(encoding.body.toString())] : toPairs(fields);
}

function toPairs(fields: Fields): Array<[string, string]> {
  if (Array.isArray(fields)) return fields.map(([name, value]) => [name, value]);
  return Object.entries(fields as Record<string, string | undefined>).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, value] as [string, string]],
  );
}

function encode(
  pairs: Array<[string, string]>,
  encoding: NonNullable<CallOptions['encoding']>,
): { contentType: string; body: string | Buffer } {
  if (encoding === 'form') return { contentType: FORM_MEDIA_TYPE, body: new URLSearchParams(pairs).toString() };
  if (encoding === 'multipart') {
    const boundary = `----lmc${randomBytes(12).toString('hex')}`;
    const parts = pairs.map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    return { contentType: `multipart/form-data; boundary=${boundary}`, body: `${parts.join('')}--${boundary}--\r\n` };
  }
  return encoding;
}
