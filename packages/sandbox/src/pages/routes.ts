/**
 * Which page a request path asks for. The URL formats are the spec's
 * `url.formats` rule (meetingUrl, entryUrl): a path is a page only when
 * `publicUrl` + path is a URL of that format, built by the same functions as
 * the URLs the operations hand out, so the two cannot drift apart.
 */
import { urlFormats } from '@org/liveminutes-spec';
import { entryUrl, meetingUrl as lobbyUrl } from '../operations/urls.js';

/** A page the path names. */
export type PageRoute =
  | { readonly page: 'entry'; readonly token: string }
  | { readonly page: 'lobby'; readonly code: string }
  | { readonly page: 'dashboard' };

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
  const formats = urlFormats();
  const asEntry = entryUrl(base, segment);
  if (`${base}${rest}` === asEntry && formats.entryUrl.test(asEntry)) return { page: 'entry', token: segment };
  const asLobby = lobbyUrl(base, segment);
  if (`${base}${rest}` === asLobby && formats.meetingUrl.test(asLobby) && !formats.entryUrl.test(asLobby)) {
    return { page: 'lobby', code: segment };
  }
  return undefined;
}

function safePathname(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
