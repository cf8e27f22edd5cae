/**
 * @module client
 * `createClient`: one method per operation of the generated spec data. Each
 * call validates and form-encodes its input, POSTs it with openapi-fetch
 * under a per-attempt timeout, retries network failures where the spec says
 * it is safe, and reads the answer into a result or a typed error.
 * Credentials live only in this closure and openapi-fetch's.
 */
import createFetchClientExport from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { defaultBaseUrl, formMediaType, operationSpecs } from './generated/spec-data.js';
import { readAnswer, type ResultFields } from './answer.js';
import { checkBaseUrl } from './base-url.js';
import { basicAuth } from './basic-auth.js';
import { ConnectionError, invalidParameter } from './errors.js';
import { createRedactor } from './redact.js';
import { backoffDelay, isRetryable, sleep } from './retry.js';
import type { CallOptions, ClientOptions, FormMediaType, LiveMinutesClient, OperationId, RawClient } from './types.js';
import { encodeInput, type FieldRule } from './validate.js';

// Our CJS build receives openapi-fetch's module.exports as the default import (Node's interop
// for a type:module package); its function is then under `.default`.
const createFetchClient = ((createFetchClientExport as unknown as { default?: unknown }).default ??
  createFetchClientExport) as typeof createFetchClientExport;

/** Plain objects become form bodies without their undefined/null fields; anything else passes through. */
const formBody = (body: unknown): unknown =>
  (body as object | undefined)?.constructor === Object
    ? new URLSearchParams(Object.entries(body as Record<string, string>).filter(([, v]) => v != null)).toString()
    : body;

/**
 * A failure's message and its causes' (`fetch failed: connect ECONNREFUSED ...`). The error
 * itself is not kept as `cause`: a custom fetch's errors may carry the Request and its headers.
 */
const causes = (error: unknown): string => {
  const e = error as { message?: unknown; cause?: { message?: unknown } } | null | undefined;
  return `${e?.message ?? error}${e?.cause?.message ? `: ${e.cause.message}` : ''}`;
};

type Post = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Creates a LiveMinutes client.
 * @example
 * import { createClient } from '@org/liveminutes-client';
 * const lm = createClient({ accountSid: 'trw76p0066423', authToken: 'eurn568nfkkg9862iomdnnv987iir', baseUrl: 'http://127.0.0.1:4010' });
 * const { meetingKey, meetingUrl, hostUrl } = await lm.createMeeting({ meetingKey: '', hostid: '123', title: 'Weekly' });
 * const { participantUrl } = await lm.addParticipant({ meetingKey, puid: '456', nickname: 'Ann' });
 * const { status, name } = await lm.getMeetingStatus({ meetingKey }); // '1', 'start'
 */
export function createClient(options: ClientOptions): LiveMinutesClient {
  const { accountSid, authToken, fetch, headers } = options;
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultBaseUrl, options.allowInsecureHttp);
  // Defaults (ClientOptions documents them) inline: a named constant costs bytes once minified.
  const clientTimeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 2;
  const checks = [
    ['accountSid', typeof accountSid === 'string' && /^[^:]+$/.test(accountSid), 'must be a non-empty string without ":"'],
    ['authToken', typeof authToken === 'string' && authToken !== '', 'must be a non-empty string'],
    ['timeoutMs', Number.isInteger(clientTimeoutMs) && clientTimeoutMs >= 0, 'must be an integer >= 0'],
    ['maxRetries', Number.isInteger(maxRetries) && maxRetries >= 0, 'must be an integer >= 0'],
  ] as const;
  for (const [param, ok, why] of checks) if (!ok) throw invalidParameter('createClient', param, why);
  const authorization = basicAuth(accountSid, authToken);
  // A server may echo what it received; its strings reach errors and events only without credentials.
  const scrub = createRedactor([authToken, authorization.slice(6), accountSid]);

  const baseFetch = fetch ?? globalThis.fetch;
  // Set last, so that extra headers (any case) never replace them.
  const fixedHeaders = { 'Content-Type': formMediaType, Authorization: authorization };
  const raw: RawClient = createFetchClient<paths, FormMediaType>({
    baseUrl,
    fetch: baseFetch,
    headers: { ...headers, ...fixedHeaders },
    bodySerializer: formBody as (body: unknown) => string,
    // The API never redirects; following one would resend the credentials and the body
    // elsewhere. A 3xx is answered as it is, which readAnswer turns into a ProtocolError.
    redirect: 'manual',
  });
  const post = raw.POST as unknown as Post;

  async function call(operation: OperationId, input: unknown, callOptions: CallOptions = {}): Promise<unknown> {
    const spec = operationSpecs[operation];
    const body = encodeInput(operation, spec.fields as Readonly<Record<string, FieldRule>>, input);
    const { signal, timeoutMs = clientTimeoutMs } = callOptions;
    const retries = isRetryable(spec.retry, input as { meetingKey?: unknown }) ? maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const controller = new AbortController();
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              controller.abort(new ConnectionError(`${operation}: no answer within ${timeoutMs} ms`, { operation }));
            }, timeoutMs)
          : undefined;
      const onAbort = (): void => controller.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      let answer: Awaited<ReturnType<Post>>;
      try {
        answer = await post(`/${operation}`, {
          body,
          parseAs: 'text',
          headers: callOptions.headers && { ...callOptions.headers, ...fixedHeaders },
          // The signal goes to fetch's init, not into openapi-fetch's Request: undici then follows
          // one signal per call instead of two (following one costs about 15 us here).
          fetch: (request: Request) => baseFetch(request, { signal: controller.signal }),
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // The caller's abort was thrown above: an aborted controller now means the timeout fired.
        const failure = controller.signal.aborted
          ? (controller.signal.reason as ConnectionError)
          : new ConnectionError(`${operation}: network failure (${scrub(causes(error))})`, { operation });
        if (attempt >= retries) throw failure;
        await sleep(backoffDelay(attempt), signal);
        continue;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      const { response, data, error } = answer;
      return readAnswer(operation, spec.result as ResultFields, response, data ?? error ?? '', scrub, options.onUnexpected);
    }
  }

  const client: Record<string | symbol, unknown> = {
    raw,
    baseUrl,
    toJSON: () => ({ baseUrl }),
    [Symbol.for('nodejs.util.inspect.custom')]: () => `LiveMinutesClient { baseUrl: '${baseUrl}' }`,
  };
  for (const operation of Object.keys(operationSpecs) as OperationId[]) {
    client[operation] = (input: unknown, callOptions?: CallOptions) => call(operation, input, callOptions);
  }
  return Object.freeze(client) as unknown as LiveMinutesClient;
}
