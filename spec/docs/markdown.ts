/**
 * @module docs/markdown
 * Just enough Markdown for a changesets CHANGELOG.md: headings (with ids),
 * nested bullet lists, paragraphs, inline code, bold and links. Everything is
 * HTML-escaped first (the workspace's one escapeHtml), so a changelog entry cannot inject markup.
 */
import { escapeHtml } from '@org/liveminutes-internal';

export { escapeHtml };

/**
 * The id a heading gets: `v` and the version for a version heading, a slug otherwise.
 * @example
 * headingId('0.2.0'); // 'v0.2.0'
 * headingId('Minor Changes'); // 'minor-changes'
 */
export function headingId(text: string): string {
  if (/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(text.trim())) return `v${text.trim()}`;
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function inline(text: string): string {
  const codes: string[] = [];
  // Code spans are set aside behind private-use markers so that no other rule touches them.
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => `\uE000${codes.push(code) - 1}\uE001`);
  html = html
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|#|\.{0,2}\/)[^)\s]*)\)/g, '<a href="$2">$1</a>');
  return html.replace(/\uE000(\d+)\uE001/g, (_, i: string) => `<code>${codes[Number(i)] ?? ''}</code>`);
}

/**
 * Renders a changelog to HTML.
 * @example
 * renderMarkdown('## 0.1.0\n\n- First release'); // '<h2 id="v0.1.0">0.1.0</h2>\n<ul><li>First release\n</li></ul>'
 */
export function renderMarkdown(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const listDepths: number[] = [];
  let itemOpen = false;
  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const closeLists = (toDepth: number) => {
    while (listDepths.length && (listDepths.at(-1) ?? 0) >= toDepth) {
      out.push('</li></ul>');
      listDepths.pop();
    }
    itemOpen = listDepths.length > 0;
  };
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^(\s*)[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      closeLists(0);
      const level = heading[1]?.length ?? 1;
      const text = heading[2]?.trim() ?? '';
      out.push(`<h${level} id="${escapeHtml(headingId(text))}">${inline(text)}</h${level}>`);
    } else if (bullet) {
      flushParagraph();
      const depth = bullet[1]?.length ?? 0;
      if (listDepths.length && (listDepths.at(-1) ?? 0) === depth) out.push(`</li><li>${inline(bullet[2] ?? '')}`);
      else if (!listDepths.length || (listDepths.at(-1) ?? 0) < depth) {
        out.push(`<ul><li>${inline(bullet[2] ?? '')}`);
        listDepths.push(depth);
      } else {
        closeLists(depth + 1);
        out.push(`</li><li>${inline(bullet[2] ?? '')}`);
      }
      itemOpen = true;
    } else if (line.trim() === '') {
      flushParagraph();
    } else if (itemOpen && /^\s+/.test(line)) {
      out.push(` ${inline(line.trim())}`);
    } else {
      closeLists(0);
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  closeLists(0);
  return out.join('\n');
}
