/**
 * The text a browser shows for an HTML page, read without a browser: comments,
 * the doctype and tags removed, character references decoded. Enough to tell
 * whether a value sent through the API is shown exactly as sent; a value whose
 * `<` or `&` reach the markup unescaped is told apart by {@link holdsRaw}.
 */

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decode(reference: string): string | undefined {
  if (reference.startsWith('#x') || reference.startsWith('#X')) return String.fromCodePoint(Number.parseInt(reference.slice(2), 16));
  if (reference.startsWith('#')) return String.fromCodePoint(Number.parseInt(reference.slice(1), 10));
  return NAMED[reference.toLowerCase()];
}

/**
 * The page's text: what a reader sees, with character references decoded.
 * @example
 * pageText('<!doctype html><p title="x">Tom &amp; Jerry &#x1F600;</p>'); // 'Tom & Jerry 😀'
 */
export function pageText(markup: string): string {
  return markup
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<![^>]*>/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/&(#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, reference: string) => decode(reference) ?? whole);
}

/**
 * Whether the markup holds `value` as it was sent, although it contains a
 * character (`<`, `&`) that text in HTML must escape.
 * @example
 * holdsRaw('<p>a<b</p>', 'a<b'); // true
 * holdsRaw('<p>a&lt;b</p>', 'a<b'); // false
 */
export function holdsRaw(markup: string, value: string): boolean {
  return /[<&]/.test(value) && markup.includes(value);
}
