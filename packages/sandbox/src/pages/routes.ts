/**
 * Which page a request path asks for. The URL formats are the spec's
 * `url.formats` rule (meetingUrl, entryUrl): a path is a page only when
 * `publicUrl` + path is a URL of that format, so the pages and the URLs the
 * operations hand out cannot drift apart.
 */
import { getRule } from '@org/liveminutes-spec';

/** A page the path names. */
export type PageRoute =
  | { readonly page: 'entry'; readonly token: string }
  | { readonly page: 'lobby'; readonly code: string }
  | { readonly page: 'dashboard' };

let formats: { meetingUrl: RegExp; entryUrl: RegExp } | undefined;

function urlFormats(): { meetingUrl: RegExp; entryUrl: RegExp } {
  if (!formats) {
    const data = getRule('url.formats').data ?? {};
    formats = { meetingUrl: new RegExp(String(data.meetingUrl)), entryUrl: new RegExp(String(data.entryUrl)) };
  }
  return formats;
}

/**
 * The page of a request path (the path part of `req.url`, no query), or
 * undefined. A path under `publicUrl`'s own path prefix is read relative to it.
 * @example
 * matchPage('http://127.0.0.1:4010', '/e/LIVE0123456789ABCDEFGHIJ'); // { page: 'entry', token: 'LIVE0123456789ABCDEFGHIJ' }
 * matchPage('http://127.0.0.1:4010', '/03P23Z'); // { page: 'lobby', code: '03P23Z' }
 * matchPage('http://127.0.0.1:4010', '/createMeeting'); // undefined
 */
export function matchPage(publicUrl: string, pathname: string): PageRoute | undefined {
  const base = publicUrl.replace(/\/+$/, '');
  const prefix = safePathname(base);
  const rest = prefix !== '' && pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
  if (rest === '/' || rest === '') return { page: 'dashboard' };
  const segment = rest.slice(rest.lastIndexOf('/') + 1);
  const { meetingUrl, entryUrl } = urlFormats();
  const asEntry = `${base}/e/${segment}`;
  if (`${base}${rest}` === asEntry && entryUrl.test(asEntry)) return { page: 'entry', token: segment };
  const asLobby = `${base}/${segment}`;
  if (`${base}${rest}` === asLobby && meetingUrl.test(asLobby) && !entryUrl.test(asLobby)) return { page: 'lobby', code: segment };
  return undefined;
}

function safePathname(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
