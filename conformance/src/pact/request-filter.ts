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
 * - Transport: the suite's own (http/raw-http.ts), as for the checks and the
 *   states; `accept-encoding` is not forwarded, so answers come unencoded.
 * - Failures: a provider that does not answer gets a 502 that the verifier
 *   reports as a mismatch. The proxy's own forwarding throws an uncaught
 *   exception on ECONNREFUSED (http-proxy's default error handler), which
 *   would end the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { FORM_MEDIA_TYPE } from '@org/liveminutes-spec';
import { basicAuthorization } from '../http/api.js';
import type { Transport } from '../http/raw-http.js';
import { reasonOf } from './provider-api.js';
import type { ProviderContext } from './provider-context.js';

/** The express request as the proxy hands it over (body already parsed). */
type ProxiedRequest = IncomingMessage & { body?: unknown; path?: string; originalUrl?: string };
type Next = (error?: unknown) => void;

/** An express-style middleware, as the Verifier's `requestFilter` takes it. */
export type RequestFilter = (req: ProxiedRequest, res: ServerResponse, next: Next) => void;

/** Where the filter forwards to. */
export interface RequestFilterOptions {
  /** A transport to the provider (its own timeout: verified requests may take longer than a state's calls). */
  readonly transport: Transport;
  /** The verifier's state-change path, which is left to the verifier (default `/_pactSetup`). */
  readonly stateSetupPath?: string;
}

// Hop-by-hop and length headers (the transport sets them for the new connection and body), and the encodings.
const NOT_FORWARDED = new Set([
  'host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'content-length', 'expect', 'accept-encoding', 'content-encoding',
]);

/**
 * Builds the filter for one verification.
 * @example
 * new Verifier({ providerBaseUrl, pactUrls, requestFilter: createRequestFilter(context, { transport }) });
 */
export function createRequestFilter(context: ProviderContext, options: RequestFilterOptions): RequestFilter {
  const stateSetupPath = options.stateSetupPath ?? '/_pactSetup';
  return (req, res, next) => {
    const target = req.originalUrl ?? req.url ?? '/';
    const path = new URL(target, 'http://verifier').pathname;
    if (path === stateSetupPath) {
      next();
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const { account } = context.api;
    headers.authorization = basicAuthorization(context.wrongToken ? { ...account, authToken: `wrong-${randomBytes(12).toString('hex')}` } : account);
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : encodeBody(req, context);
    options.transport
      .send({ method, target, headers, body })
      .then((answer) => {
        const payload = Buffer.from(answer.text, 'utf8');
        if (path.endsWith('/createMeeting')) rememberCreatedMeeting(answer.json, context);
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(answer.headers)) if (!NOT_FORWARDED.has(name)) out[name] = value;
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

/** A JSON success names the meeting made; anything else made nothing we can name (the verifier reports the mismatch). */
function rememberCreatedMeeting(json: unknown, context: ProviderContext): void {
  const body = json as { resultcode?: unknown; meetingKey?: unknown } | null | undefined;
  if (body?.resultcode === 1 && typeof body.meetingKey === 'string') context.api.remember(body.meetingKey);
}
