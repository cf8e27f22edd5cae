/**
 * @module docs/offline
 * Makes a Redoc page fully offline: the few absolute URLs its bundle would
 * fetch at run time (the "API docs by" logo, the icon CDN, the telemetry
 * collector) are replaced by inert `data:` URLs, and a Content-Security-Policy
 * stops the browser from contacting any other host even if one slipped in.
 */

/** The policy the page carries: inline code and data URLs only, nothing from any host. */
export const OFFLINE_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "connect-src 'none'",
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** A tiny inline stand-in for Redoc's remote logo. */
const LOGO_DATA_URL =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#0044D4">Redoc</text></svg>',
  );

/** Absolute URLs in Redoc's bundle that it requests at run time, and what replaces each. */
const FETCHED_URLS: ReadonlyArray<readonly [RegExp, string]> = [
  [/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, LOGO_DATA_URL],
  [/https:\/\/cdn\.redocly\.com\/[^`'"\s]*/g, 'data:,'],
  [/https:\/\/otel\.cloud\.redocly\.com\/[^`'"\s]*/g, 'data:,'],
];

/** Hosts that serve assets to web pages; no fetchable reference to them may remain. */
const ASSET_HOSTS = [
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'cdn.redoc.ly',
  'cdn.redocly.com',
  'otel.cloud.redocly.com',
  'unpkg.com',
  'cdn.jsdelivr.net',
  'cdnjs.cloudflare.com',
];

/**
 * The page with every run-time fetch of another host neutralised and the CSP added.
 * @example
 * const html = makeOffline(readFileSync('redoc-static.html', 'utf8'));
 * externalReferences(html); // []
 */
export function makeOffline(html: string): string {
  let out = html;
  for (const [pattern, replacement] of FETCHED_URLS) out = out.replace(pattern, replacement);
  // The inline icon spares the browser its /favicon.ico request.
  const meta = `<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">\n  <link rel="icon" href="data:,">`;
  if (!/<head[^>]*>/i.test(out)) throw new Error('The page has no <head> to carry its Content-Security-Policy');
  return out.replace(/<head[^>]*>/i, (head) => `${head}\n  ${meta}`);
}

/**
 * Everything in a page that would make the browser contact another host when
 * the page loads: `src`/`href` of resources, CSS `url()` and `@import`, and
 * any mention of a known asset host. Plain links a reader may click are not counted.
 * @example
 * externalReferences('<script src="https://unpkg.com/x.js"></script>'); // ['https://unpkg.com/x.js']
 */
export function externalReferences(html: string): string[] {
  const found = new Set<string>();
  const resourceTag = /<(script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*["']?(https?:)?\/\/([^"'\s>]+)/gi;
  for (const match of html.matchAll(resourceTag)) found.add(`${match[2] ?? ''}//${match[3]}`);
  const linkTag = /<link\b[^>]*>/gi;
  for (const [tag] of html.matchAll(linkTag)) {
    const href = /\bhref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/i.exec(tag)?.[1];
    if (href) found.add(href);
  }
  for (const match of html.matchAll(/(?:url\(\s*["']?|@import\s+["'])((?:https?:)?\/\/[^"')\s]+)/gi)) found.add(match[1] ?? '');
  for (const host of ASSET_HOSTS) {
    for (const match of html.matchAll(new RegExp(`(?:https?:)?//${host.replace(/\./g, '\\.')}[^\`'"\\s)]*`, 'g'))) {
      found.add(match[0]);
    }
  }
  return [...found].filter((url) => url !== '');
}
