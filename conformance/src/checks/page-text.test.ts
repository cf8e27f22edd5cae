import { describe, expect, it } from 'vitest';
import { holdsRaw, pageText } from './page-text.js';
import { HOSTILE } from './verbatim.js';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('pageText', () => {
  it('reads back a hostile value escaped in element content, whatever the escaping style', () => {
    for (const markup of [
      `<!doctype html><title>Host: ${escape(HOSTILE)}</title><dd>${escape(HOSTILE)}</dd>`,
      `<dd>${HOSTILE.replace(/&/g, '&#38;').replace(/</g, '&#x3C;').replace(/'/g, '&apos;')}</dd>`,
    ]) {
      expect(pageText(markup)).toContain(HOSTILE);
      expect(holdsRaw(markup, HOSTILE)).toBe(false);
    }
  });

  it('drops tags, comments and the doctype, and keeps unknown references as they are', () => {
    expect(pageText('<!doctype html><!-- a --><p class="x">b &bogus; <i>c</i></p>')).toBe('b &bogus; c');
  });

  it('tells a value that reached the markup unescaped', () => {
    expect(holdsRaw(`<dd>${HOSTILE}</dd>`, HOSTILE)).toBe(true);
    expect(holdsRaw('<dd>plain</dd>', 'plain')).toBe(false);
  });

  it('does not find a value whose characters were mangled (double-escaped, emoji dropped)', () => {
    expect(pageText(`<dd>${escape(escape(HOSTILE))}</dd>`)).not.toContain(HOSTILE);
    expect(pageText(`<dd>${escape(HOSTILE.replace('\u{1F600}', '?'))}</dd>`)).not.toContain(HOSTILE);
  });
});
