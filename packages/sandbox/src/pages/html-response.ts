/**
 * HTML responses of the pages, with headers that let them load inside any
 * iframe. (Their form posts are read by `http/body.ts`, the one capped reader.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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
