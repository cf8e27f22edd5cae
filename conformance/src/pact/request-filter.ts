/**
 * The request filter between Pact's verifier and the provider. It forwards
 * each verified request itself instead of handing it to the verifier's proxy:
 *
 * - Form bodies: the proxy has already parsed `application/x-www-form-urlencoded`
 *   into an object, and would forward it as JSON with the old Content-Length.
 *   This filter re-encodes it with URLSearchParams, and the length follows
 *   from the new body.
 * - Keys: the pact's example `meetingKey`s are replaced by the keys that the
 *   state handlers set up on the provider.
 * - Credentials: the consumer's example Authorization header is replaced by
 *   the provider's credentials, or by a wrong token when the state asks for
 *   one. The token is never logged.
 * - Cleanup: meetings that a verified createMeeting creates are remembered,
 *   so that they are cancelled after the interaction.
 * - Failures: a provider that does not answer gets a 502 that the verifier
 *   reports as a mismatch. The proxy's own forwarding throws an uncaught
 *   exception on ECONNREFUSED (http-proxy's default error handler), which
 *   would end the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import { basicAuthorization, reasonOf } from './provider-api.js';
import type { ProviderContext } from './provider-context.js';

/** The express request as the proxy hands it over (body already parsed). */
type ProxiedRequest = IncomingMessage & { body?: unknown; path?: string; originalUrl?: string };
type Next = (error?: unknown) => void;

/** An express-style middleware, as the Verifier's `requestFilter` takes it. */
export type RequestFilter = (req: ProxiedRequest, res: ServerResponse, next: Next) => void;

/** Where the filter forwards to. */
export interface RequestFilterOptions {
  /** The provider's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The provider account's AccountSid, used for the wrong-token state. */
  readonly accountSid: string;
  readonly fetch?: typeof fetch;
  /** Per-request timeout in milliseconds (default 30000). */
  readonly timeoutMs?: number;
  /** The verifier's state-change path, which is left to the verifier (default `/_pactSetup`). */
  readonly stateSetupPath?: string;
}

// Hop-by-hop and length headers: fetch sets them for the new connection and body.
const NOT_FORWARDED = new Set([
  'host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'content-length', 'expect',
]);

/**
 * Builds the filter for one verification.
 * @example
 * new Verifier({ providerBaseUrl, pactUrls, requestFilter: createRequestFilter(context, { baseUrl, accountSid }) });
 */
export function createRequestFilter(context: ProviderContext, options: RequestFilterOptions): RequestFilter {
  const doFetch = options.fetch ?? fetch;
  const stateSetupPath = options.stateSetupPath ?? '/_pactSetup';
  const timeoutMs = options.timeoutMs ?? 30_000;
  return (req, res, next) => {
    const target = req.originalUrl ?? req.url ?? '/';
    const path = new URL(target, 'http://verifier').pathname;
    if (path === stateSetupPath) {
      next();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !NOT_FORWARDED.has(name)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.set(
      'authorization',
      context.wrongToken ? basicAuthorization(options.accountSid, `wrong-${randomBytes(12).toString('hex')}`) : context.api.authorization,
    );
    const method = req.method ?? 'GET';
    const encoded = method === 'GET' || method === 'HEAD' ? undefined : encodeBody(req, context);
    // A copy on its own ArrayBuffer, as fetch's BodyInit types want it.
    const body = encoded ? new Uint8Array(encoded) : undefined;
    doFetch(`${options.baseUrl}${target}`, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
      .then(async (answer) => {
        const payload = Buffer.from(await answer.arrayBuffer());
        if (path.endsWith('/createMeeting')) rememberCreatedMeeting(payload, context);
        const out: Record<string, string> = {};
        // fetch has already decoded any content-encoding.
        answer.headers.forEach((value, name) => {
          if (!NOT_FORWARDED.has(name) && name !== 'content-encoding') out[name] = value;
        });
        out['content-length'] = String(payload.length);
        res.writeHead(answer.status, out);
        res.end(payload);
      })
      .catch((error: unknown) => {
        const reason = reasonOf(error);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`The verifier got no answer from the provider for ${method} ${path}: ${reason}`);
      });
  };
}

/** The body to forward: form objects re-encoded (with example keys mapped), JSON re-serialized, bytes as they came. */
function encodeBody(req: ProxiedRequest, context: ProviderContext): Buffer | undefined {
  const body = req.body;
  if (body === undefined || body === null) return undefined;
  if (Buffer.isBuffer(body)) return body.length > 0 ? body : undefined;
  if (typeof body !== 'object') return Buffer.from(String(body), 'utf8');
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== FORM_MEDIA_TYPE) return Buffer.from(JSON.stringify(body), 'utf8');
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = String(item);
      form.append(name, name === 'meetingKey' ? (context.keys.get(text) ?? text) : text);
    }
  }
  return Buffer.from(form.toString(), 'utf8');
}

function rememberCreatedMeeting(payload: Buffer, context: ProviderContext): void {
  try {
    const body = JSON.parse(payload.toString('utf8')) as { resultcode?: unknown; meetingKey?: unknown };
    if (body.resultcode === 1 && typeof body.meetingKey === 'string') context.created.add(body.meetingKey);
  } catch {
    // Not JSON: the verifier reports the mismatch; nothing was created that we can name.
  }
}
