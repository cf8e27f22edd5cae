/**
 * @module docs/index-page
 * The docs' front page (every version, its reference, its bundled spec and its
 * changelog entry) and the rendered changelog. Plain HTML, no external asset.
 */
import { escapeHtml, headingId, renderMarkdown } from './markdown.js';
import { OFFLINE_CSP } from './offline.js';

/** One row of the index. */
export interface IndexEntry {
  readonly version: string;
  readonly released: boolean;
  /** Where the reference came from, e.g. a tag name or `working tree`. */
  readonly from: string;
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; color: #1d1d1f; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
  code { background: #f3f3f3; padding: 0 .2rem; border-radius: 3px; }
  .tag { font-size: .8rem; padding: .05rem .4rem; border-radius: 3px; background: #eef; }`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The changelog headings' ids (`v0.1.0`...), so the index links only to entries that exist. */
export function changelogAnchors(changelog: string | undefined): Set<string> {
  const ids = new Set<string>();
  for (const match of (changelog ?? '').matchAll(/^#{1,6}\s+(.+)$/gm)) ids.add(headingId(match[1] ?? ''));
  return ids;
}

/**
 * The index page. `entries` are listed in the order given (newest first).
 * @example
 * indexPage({ title: 'LiveMinutes API', entries: [{ version: '0.1.0', released: true, from: 'tag' }], latest: '0.1.0', changelog: '## 0.1.0\n- First' });
 */
export function indexPage(options: {
  title: string;
  entries: readonly IndexEntry[];
  latest: string | undefined;
  changelog: string | undefined;
}): string {
  const anchors = changelogAnchors(options.changelog);
  const rows = options.entries.map((entry) => {
    const v = escapeHtml(entry.version);
    const anchor = `v${entry.version}`;
    const changes = options.changelog
      ? `<a href="changelog.html${anchors.has(anchor) ? `#${escapeHtml(anchor)}` : ''}">changelog${anchors.has(anchor) ? '' : ' (no entry)'}</a>`
      : 'no changelog yet';
    const state = entry.released ? 'released' : 'unreleased';
    const latest = entry.version === options.latest ? ' <span class="tag">latest</span>' : '';
    return `    <tr data-version="${v}"><td><a href="v${v}/index.html">v${v}</a>${latest}</td><td>${state} <small>(${escapeHtml(entry.from)})</small></td><td><a href="v${v}/liveminutes.openapi.json">OpenAPI JSON</a></td><td>${changes}</td></tr>`;
  });
  const latest = options.latest
    ? `<p>The newest reference is always at <a href="latest/index.html">latest/</a> (v${escapeHtml(options.latest)}).</p>`
    : '<p>No version has been built yet.</p>';
  return page(
    `${options.title}: references by version`,
    `<h1>${escapeHtml(options.title)}: references by version</h1>
${latest}
<table>
  <thead><tr><th>version</th><th>state</th><th>spec</th><th>changes</th></tr></thead>
  <tbody>
${rows.join('\n')}
  </tbody>
</table>`,
  );
}

/**
 * The changelog as a page; each version heading has the id `v{version}`.
 * @example
 * changelogPage('LiveMinutes API', '# @org/liveminutes-spec\n\n## 0.1.0\n\n- First release');
 */
export function changelogPage(title: string, changelog: string): string {
  return page(`${title}: changelog`, `<p><a href="index.html">All versions</a> · <a href="CHANGELOG.md">CHANGELOG.md</a></p>\n${renderMarkdown(changelog)}`);
}
