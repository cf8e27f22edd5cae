/**
 * The request filter between Pact's verifier proxy and the provider.
 *
 * - Form bodies: the proxy parses `application/x-www-form-urlencoded` into an
 *   object and would forward it as JSON with the old Content-Length; this
 *   re-encodes it with URLSearchParams and resets the length.
 * - Keys: the pact's example `meetingKey`s are replaced by the keys the state
 *   handlers set up on the provider.
 * - Credentials: the consumer's example Authorization header is replaced by
 *   the provider's credentials (or by a wrong token when the state asks for
 *   one); the token is never logged.
 * - Cleanup: meetings that a verified createMeeting creates are remembered so
 *   that they are cancelled after the interaction.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import { basicAuthorization } from './provider-api.js';
import type { ProviderContext } from './provider-context.js';

/** The express request as the proxy hands it over (body already parsed). */
type ProxiedRequest = IncomingMessage & { body?: unknown; path?: string };
type Next = (error?: unknown) => void;

/** An express-style middleware, as the Verifier's `requestFilter` takes it. */
export type RequestFilter = (req: ProxiedRequest, res: ServerResponse, next: Next) => void;

/**
 * Builds the filter for one verification.
 * @example
 * new Verifier({ providerBaseUrl, pactUrls, requestFilter: createRequestFilter(context, '/_pactSetup') });
 */
export function createRequestFilter(
  context: ProviderContext,
  accountSid: string,
  stateSetupPath = '/_pactSetup',
): RequestFilter {
  return (req, res, next) => {
    const path = req.path ?? new URL(req.url ?? '/', 'http://proxy').pathname;
    if (path === stateSetupPath) {
      next();
      return;
    }
    reencodeForm(req, context);
    req.headers.authorization = context.wrongToken
      ? basicAuthorization(accountSid, `wrong-${randomBytes(12).toString('hex')}`)
      : context.api.authorization;
    if (path.endsWith('/createMeeting')) rememberCreatedMeeting(res, context);
    next();
  };
}

function reencodeForm(req: ProxiedRequest, context: ProviderContext): void {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== FORM_MEDIA_TYPE || !req.body || typeof req.body !== 'object' || Buffer.isBuffer(req.body)) return;
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(req.body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = String(item);
      form.append(name, name === 'meetingKey' ? (context.keys.get(text) ?? text) : text);
    }
  }
  const encoded = Buffer.from(form.toString(), 'utf8');
  req.body = encoded;
  req.headers['content-length'] = String(encoded.length);
}

function rememberCreatedMeeting(res: ServerResponse, context: ProviderContext): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const keep = (chunk: unknown): void => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  (res as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  };
  (res as { end: unknown }).end = (chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') keep(chunk);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resultcode?: unknown; meetingKey?: unknown };
      if (body.resultcode === 1 && typeof body.meetingKey === 'string') context.created.add(body.meetingKey);
    } catch {
      // Not JSON: the verifier reports the mismatch; nothing was created that we can name.
    }
    return end(chunk, ...rest);
  };
}
