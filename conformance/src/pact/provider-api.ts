/**
 * The state handlers' only way into a provider: the API's public operations
 * (form POSTs with basic auth) and, for a sandbox, the entry pages' form
 * POSTs that stand in for a person acting. Nothing here reaches a provider's
 * storage, so the same handlers work against any server.
 */
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';

/** Credentials and address of the provider under verification. */
export interface ProviderApiOptions {
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** Any fetch; defaults to the global one. */
  readonly fetch?: typeof fetch;
  /** Per-request timeout in milliseconds (default 10000). */
  readonly timeoutMs?: number;
}

/** A JSON answer of an operation: `resultcode` 1 with its fields, or 0 with `error`. */
export interface ApiAnswer {
  readonly resultcode: number;
  readonly error?: string;
  readonly [field: string]: unknown;
}

/** What the state handlers call. */
export interface ProviderApi {
  /** Calls one operation; rejects when the answer is not a JSON object with a resultcode. */
  call(operationId: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer>;
  /** Like `call`, but rejects unless the answer is resultcode 1. */
  expectSuccess(operationId: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer>;
  /** Submits an entry page's form (`action=...`); resolves with the HTTP status. */
  act(entryUrl: string, action: string): Promise<number>;
  /** The `Authorization` header of the provider's credentials. */
  readonly authorization: string;
}

/**
 * The basic-auth header value of a pair of credentials, UTF-8 encoded.
 * @example
 * basicAuthorization('sid', 'token'); // 'Basic c2lkOnRva2Vu'
 */
export function basicAuthorization(accountSid: string, authToken: string): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64')}`;
}

/**
 * A caller of the provider's public API.
 * @example
 * const api = createProviderApi({ baseUrl: sandbox.url, accountSid, authToken });
 * const meeting = await api.expectSuccess('createMeeting', { meetingKey: '', hostid: '1' });
 */
export function createProviderApi(options: ProviderApiOptions): ProviderApi {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = basicAuthorization(options.accountSid, options.authToken);

  async function call(operationId: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer> {
    const response = await doFetch(`${base}/${operationId}`, {
      method: 'POST',
      headers: { 'content-type': FORM_MEDIA_TYPE, authorization, accept: 'application/json' },
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: unknown) => {
      throw new Error(`${operationId} got no answer from ${base} (${reasonOf(error)})`);
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${operationId} answered HTTP ${response.status} with a body that is not JSON`);
    }
    if (!body || typeof body !== 'object' || typeof (body as ApiAnswer).resultcode !== 'number') {
      throw new Error(`${operationId} answered HTTP ${response.status} without a resultcode`);
    }
    return body as ApiAnswer;
  }

  async function expectSuccess(operationId: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer> {
    const answer = await call(operationId, fields);
    if (answer.resultcode !== 1) {
      throw new Error(`${operationId} failed with ${answer.error ?? `resultcode ${answer.resultcode}`}`);
    }
    return answer;
  }

  async function act(entryUrl: string, action: string): Promise<number> {
    const response = await doFetch(entryUrl, {
      method: 'POST',
      headers: { 'content-type': FORM_MEDIA_TYPE },
      body: new URLSearchParams({ action }).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: unknown) => {
      throw new Error(`the entry page got no answer (${reasonOf(error)})`);
    });
    await response.arrayBuffer();
    return response.status;
  }

  return { call, expectSuccess, act, authorization };
}

/** The most telling message of a fetch failure (undici puts the socket error in `cause`). */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
