/**
 * HTTP plumbing of the pages: HTML responses with headers that let them load
 * inside any iframe, and a bounded reader for the entry pages' form posts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRule } from '@org/liveminutes-spec';
import { STYLE_HASH } from './layout.js';

/**
 * Headers of every page. `frame-ancestors *` (and no X-Frame-Options) lets any
 * site embed the entry pages, as the API document suggests; no script runs;
 * forms post only to this origin; the token in the URL is never sent as a referrer.
 * @example
 * PAGE_HEADERS['content-security-policy'].endsWith('frame-ancestors *'); // true
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self'; base-uri 'none'; frame-ancestors *`,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * Sends a rendered page (headers only for HEAD).
 * @example
 * sendHtml(req, res, 410, renderMessagePage({ title: 'Gone', message: 'This meeting was cancelled.' }));
 */
export function sendHtml(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  page: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = Buffer.from(page, 'utf8');
  res.writeHead(status, { ...PAGE_HEADERS, ...headers, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Sends a redirect to `location` that the browser follows with GET (post/redirect/get).
 * @example
 * seeOther(res, '/e/LIVE00000000000000000000');
 */
export function seeOther(res: ServerResponse, location: string): void {
  res.writeHead(303, { ...PAGE_HEADERS, location, 'content-length': '0' });
  res.end();
}

/** Why a form post was not read: too big, not a form, or the client went away. */
export type FormRefusal = 'too_large' | 'unsupported_media_type' | 'aborted';

/** A form post read from a request, or why it could not be. */
export type FormRead =
  | { readonly ok: true; readonly fields: URLSearchParams }
  | { readonly ok: false; readonly reason: FormRefusal };

let maxBodyBytes: number | undefined;

function bodyLimit(): number {
  maxBodyBytes ??= Number(getRule('transport.payload-too-large').data?.maxBodyBytes);
  return maxBodyBytes;
}

/**
 * Reads an `application/x-www-form-urlencoded` body (what HTML forms send; a
 * missing content type is read the same way), up to the spec's body limit.
 * A refused body is drained, not kept, so that the refusal can still be sent.
 * @example
 * const form = await readForm(req);
 * if (form.ok) form.fields.getAll('action');
 */
export function readForm(req: IncomingMessage): Promise<FormRead> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const limit = bodyLimit();
  const declared = Number(req.headers['content-length']);
  if (type !== '' && type !== 'application/x-www-form-urlencoded') return Promise.resolve(discard(req, 'unsupported_media_type'));
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(discard(req, 'too_large'));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      resolve(discard(req, 'too_large'));
    };
    const onEnd = (): void => resolve({ ok: true, fields: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

function discard(req: IncomingMessage, reason: FormRefusal): FormRead {
  req.resume();
  return { ok: false, reason };
}
