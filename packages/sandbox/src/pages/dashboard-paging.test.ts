import { describe, expect, it } from 'vitest';
import { dashboardHref, MAX_SEARCH_LENGTH, parseDashboardQuery } from './dashboard-paging.js';

describe('parseDashboardQuery', () => {
  it.each([
    ['/', { page: 1, q: '' }],
    ['/?page=2&q=weekly', { page: 2, q: 'weekly' }],
    ['/?q=a%20b%26c', { page: 1, q: 'a b&c' }],
    ['/?q=', { page: 1, q: '' }],
    ['/?other=1', { page: 1, q: '' }],
    [`/?q=${'x'.repeat(MAX_SEARCH_LENGTH)}`, { page: 1, q: 'x'.repeat(MAX_SEARCH_LENGTH) }],
  ])('reads %s', (url, query) => {
    expect(parseDashboardQuery(url)).toEqual({ ok: true, query });
  });

  it.each([
    ['/?page=0', /page/],
    ['/?page=-1', /page/],
    ['/?page=1.5', /page/],
    ['/?page=abc', /page/],
    ['/?page=9999999999', /page/],
    ['/?page=1&page=2', /at most once/],
    ['/?q=a&q=b', /at most once/],
    [`/?q=${'x'.repeat(MAX_SEARCH_LENGTH + 1)}`, /at most 200/],
    ['/?q=%00', /NUL/],
  ])('refuses %s with a sentence', (url, problem) => {
    const parsed = parseDashboardQuery(url);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('dashboardHref', () => {
  it('writes page 1 without a page parameter and encodes the search', () => {
    expect(dashboardHref({ page: 1, q: '' })).toBe('?');
    expect(dashboardHref({ page: 3, q: 'a b&c' })).toBe('?page=3&q=a+b%26c');
  });
});
