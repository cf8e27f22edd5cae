/**
 * The dashboard's meeting list in pages: the query (`?page=2&q=weekly`), its
 * checks, and the search form and page links. A search matches meetings whose
 * key, title or host id contains the text exactly as typed (identifiers are
 * compared code point for code point everywhere in the sandbox).
 */
import { html, type SafeHtml } from './html.js';

/** Meetings per dashboard page. */
export const MEETINGS_PER_PAGE = 50;

/** The longest search text, in UTF-16 units. */
export const MAX_SEARCH_LENGTH = 200;

/** A checked dashboard query. */
export interface DashboardQuery {
  /** 1-based. */
  readonly page: number;
  /** The search text; empty for all meetings. */
  readonly q: string;
}

/**
 * Reads `page` and `q` from a request URL's query; a problem is a sentence for a 400 page.
 * @example
 * parseDashboardQuery('/?page=2&q=weekly'); // { ok: true, query: { page: 2, q: 'weekly' } }
 * parseDashboardQuery('/?page=0').ok; // false
 */
export function parseDashboardQuery(url: string): { ok: true; query: DashboardQuery } | { ok: false; problem: string } {
  const start = url.indexOf('?');
  let search: URLSearchParams;
  try {
    search = new URLSearchParams(start < 0 ? '' : url.slice(start + 1));
  } catch {
    return { ok: false, problem: 'The query string cannot be read.' };
  }
  const pages = search.getAll('page');
  const qs = search.getAll('q');
  if (pages.length > 1 || qs.length > 1) return { ok: false, problem: 'Give page and q at most once each.' };
  const pageText = pages[0] ?? '1';
  if (!/^[1-9][0-9]{0,8}$/.test(pageText)) return { ok: false, problem: 'page must be a whole number from 1.' };
  const q = qs[0] ?? '';
  if (q.length > MAX_SEARCH_LENGTH) return { ok: false, problem: `The search text must be at most ${MAX_SEARCH_LENGTH} characters.` };
  if (q.includes('\u0000')) return { ok: false, problem: 'The search text cannot hold a NUL character.' };
  return { ok: true, query: { page: Number(pageText), q } };
}

/**
 * The link to a page of a search.
 * @example
 * dashboardHref({ page: 2, q: 'a b' }); // '?page=2&q=a+b'
 */
export function dashboardHref(query: DashboardQuery): string {
  const params = new URLSearchParams();
  if (query.page > 1) params.set('page', String(query.page));
  if (query.q !== '') params.set('q', query.q);
  const text = params.toString();
  return text === '' ? '?' : `?${text}`;
}

/**
 * The search form (GET, so it works without JavaScript).
 * @example
 * renderSearchForm('weekly').value.includes('value="weekly"'); // true
 */
export function renderSearchForm(q: string): SafeHtml {
  return html`<form class="search" method="get" role="search">
<label for="q">Search by meeting key, title or host id</label>
<input id="q" name="q" type="search" maxlength="${MAX_SEARCH_LENGTH}" value="${q}">
<button type="submit">Search</button>
</form>`;
}

/**
 * Links to the first, previous, next and last pages, and where this page is.
 * @example
 * renderPager({ page: 2, q: '' }, 120).value.includes('Page 2 of 3'); // true
 */
export function renderPager(query: DashboardQuery, total: number): SafeHtml {
  const last = Math.max(1, Math.ceil(total / MEETINGS_PER_PAGE));
  if (last === 1) return html``;
  const link = (page: number, text: string, rel: string) =>
    page === query.page || page < 1 || page > last
      ? html`<li><span aria-disabled="true">${text}</span></li>`
      : html`<li><a href="${dashboardHref({ page, q: query.q })}" rel="${rel}">${text}</a></li>`;
  return html`<nav class="pager" aria-label="Pages of meetings"><ul>
${link(1, 'First', 'first')}${link(query.page - 1, 'Previous', 'prev')}
<li><span class="page-position" data-page="${query.page}" data-pages="${last}" aria-current="page">Page ${query.page} of ${last}</span></li>
${link(query.page + 1, 'Next', 'next')}${link(last, 'Last', 'last')}
</ul></nav>`;
}
