/**
 * Escaping for server-rendered pages: a tagged template that escapes every
 * interpolated value unless it is already safe HTML, so user text (titles,
 * nicknames, meeting keys) can never become markup. `escapeHtml` itself is
 * defined once, in @org/liveminutes-internal.
 */
import { escapeHtml } from '@org/liveminutes-internal';

/**
 * A fragment of HTML that is known to be safe (built by {@link html}).
 * @example
 * const item = html`<li>${'a & b'}</li>`;
 * item instanceof SafeHtml; // true
 * String(item); // '<li>a &amp; b</li>'
 */
export class SafeHtml {
  /** @internal Use {@link html} to build one. */
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export { escapeHtml };

/**
 * Builds safe HTML: strings and numbers are escaped, `SafeHtml` values are kept,
 * arrays are joined, and `null`, `undefined` and `false` render as nothing.
 * @example
 * const title = '<script>alert(1)</script>';
 * html`<h1>${title}</h1>`.value; // '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>'
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}
