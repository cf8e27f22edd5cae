import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from './html.js';

describe('escapeHtml', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
    ['plain text', 'plain text'],
    ['a<b>&"c\'', 'a&lt;b&gt;&amp;&quot;c&#39;'],
    ['&amp;', '&amp;amp;'],
  ])('%j becomes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('html', () => {
  it('escapes interpolated strings and numbers, keeps the template', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(html`<p title="${name}">${name} ${42}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt; 42</p>',
    );
  });

  it('keeps SafeHtml fragments and joins arrays of them', () => {
    const items = ['a&b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
  });

  it('renders null, undefined and false as nothing, but keeps 0', () => {
    expect(html`[${null}${undefined}${false}${0}]`.value).toBe('[0]');
  });

  it('escapes a string that looks like markup even inside an array', () => {
    expect(html`${['<b>', new SafeHtml('<i>')]}`.value).toBe('&lt;b&gt;<i>');
  });
});
