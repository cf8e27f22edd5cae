/**
 * The API's operations as the suite calls them: a form POST with basic auth
 * to `{baseUrl}/{operationId}`, with hooks to vary the credentials, the
 * encoding and the raw body. Every createMeeting and cancelMeeting updates the
 * run's meeting tracker, whatever check sent it.
 */
import { randomBytes } from 'node:crypto';
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import type { Account } from '../types.js';
import type { MeetingTracker } from '../run/tracker.js';
import type { HttpResponse, Transport } from './transport.js';

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
  /** Who owns a meeting this call creates (the current check by default). */
  readonly owner?: string;
  /** A cleanup call: may use the budget's reserve and runs after an interrupt. */
  readonly cleanup?: boolean;
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
 * const api = new Api(transport, tracker, account);
 * const answer = await api.call('getMeetingStatus', { meetingKey: 'k' });
 * (answer.json as { resultcode: number }).resultcode; // 0 or 1
 */
export class Api {
  /** The check on whose behalf calls are made (owner of the meetings they create). */
  owner = 'run';
  readonly transport: Transport;
  readonly primary: Account;
  readonly #tracker: MeetingTracker;

  constructor(transport: Transport, tracker: MeetingTracker, primary: Account) {
    this.transport = transport;
    this.#tracker = tracker;
    this.primary = primary;
  }

  /** Calls one operation. Never throws for an answer; throws TransportError when there is none. */
  async call(operation: string, fields: Fields, options: CallOptions = {}): Promise<Answer> {
    const auth = options.auth === undefined ? this.primary : options.auth;
    const encoding = options.encoding ?? 'form';
    const pairs = toPairs(fields);
    // Raw form bodies count too: whatever the server reads from them, the tracker must know.
    const sentPairs = typeof encoding === 'object' && encoding.contentType.startsWith(FORM_MEDIA_TYPE) ? [...new URLSearchParams(encoding.body.toString())] : pairs;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth && 'header' in auth) headers.authorization = auth.header;
    else if (auth) headers.authorization = basicAuthorization(auth);
    const { contentType, body } = encode(pairs, encoding);
    headers['content-type'] = contentType;

    // A meeting made with wrong credentials (a broken server) is cancelled with the primary account.
    const owner = options.owner ?? this.owner;
    const account = auth && 'accountSid' in auth ? auth : this.primary;
    const sentKey = operation === 'createMeeting' ? sentPairs.find(([name]) => name === 'meetingKey')?.[1] : undefined;
    const added = sentKey ? this.#tracker.expect(account, sentKey, owner) : false;

    let response: HttpResponse;
    try {
      response = await this.transport.send(
        { method: 'POST', target: `/${operation}`, headers, body },
        { cleanup: options.cleanup, reserve: operation === 'createMeeting' && !added ? 1 : 0 },
      );
    } catch (error) {
      // Not sent at all (budget, interrupt): nothing to cancel. Sent but lost: keep it tracked.
      if (added && sentKey && !(error instanceof Error && error.name === 'TransportError')) {
        this.#tracker.forget(account, sentKey);
      }
      throw error;
    }
    const json = response.json as Record<string, unknown> | undefined;
    const succeeded = json !== null && typeof json === 'object' && json.resultcode === 1;
    if (operation === 'createMeeting') {
      if (succeeded && typeof json.meetingKey === 'string' && json.meetingKey !== '') {
        this.#tracker.confirm(account, json.meetingKey, owner);
      }
      if (!succeeded && added && sentKey) this.#tracker.forget(account, sentKey);
    }
    if (operation === 'cancelMeeting' && succeeded && auth && 'accountSid' in auth) {
      const key = sentPairs.find(([name]) => name === 'meetingKey')?.[1];
      if (key) this.#tracker.forget(auth, key);
    }
    return { ...response, operation };
  }
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
