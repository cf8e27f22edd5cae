/**
 * Escaping for HTML: the sandbox's entry pages and dashboard, the conformance
 * HTML report, the spec's docs pages.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and (quoted) attribute values.
 * @example
 * escapeHtml('<b title="x">Tom & Jerry</b>'); // '&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
