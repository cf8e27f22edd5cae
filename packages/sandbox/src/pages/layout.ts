/**
 * The document shell shared by every page: language, viewport, landmarks and
 * one small stylesheet. Pages work without JavaScript; none is sent.
 */
import { createHash } from 'node:crypto';
import { html, SafeHtml } from './html.js';

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid #ddd}
header p{margin:.5rem 0;font-weight:600}
h1{font-size:1.6rem;margin:1rem 0 .5rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0}
.status{border:2px solid #1b1b1b;border-radius:.4rem;padding:.5rem .75rem;background:#fff}
.status strong{font-size:1.1rem}
form ul{list-style:none;padding:0;margin:1rem 0;display:grid;gap:.75rem}
button{font:inherit;padding:.5rem 1rem;border:2px solid #0b57d0;border-radius:.4rem;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f29900;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
footer{color:#555;font-size:.875rem;margin-top:2rem}
code{font:.875rem/1.4 ui-monospace,monospace;overflow-wrap:anywhere}
.scroll{overflow-x:auto}
table.calls td{font-size:.875rem}
table.calls td:nth-child(2) code{overflow-wrap:normal}
tr.failed{background:#fdecea}
tr.failed td:first-child{border-left:4px solid #b3261e}
.params{list-style:none;margin:0;padding:0}
dl.failure{margin:.5rem 0 0;grid-template-columns:max-content 1fr}
.rule{font-weight:700;color:#b3261e}
.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.search input{font:inherit;padding:.4rem;min-width:16rem}
.pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem;padding:0}
`.trim();

// A constant of this file, so it is inserted as it is.
const STYLE_HTML = new SafeHtml(STYLE);

/**
 * The stylesheet's hash, so the Content-Security-Policy needs no 'unsafe-inline'.
 * @example
 * `style-src ${STYLE_HASH}`; // "style-src 'sha256-...'"
 */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** What one page puts in the shell. */
export interface DocumentOptions {
  /** Goes into <title> and is the page's <h1>. */
  readonly title: string;
  /** The content of <main>, after the <h1>. */
  readonly body: SafeHtml;
}

/**
 * Renders a complete HTML document with a header, a main landmark holding an
 * h1 with the title, and a footer.
 * @example
 * const page = renderDocument({ title: 'Meeting', body: html`<p>Hello</p>` });
 * page.startsWith('<!doctype html>'); // true
 */
export function renderDocument(options: DocumentOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · LiveMinutes sandbox</title>
<style>${STYLE_HTML}</style>
</head>
<body>
<header><p>LiveMinutes sandbox</p></header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
<footer><p>A local sandbox of the LiveMinutes API, for development and tests.</p></footer>
</body>
</html>
`.value;
}
