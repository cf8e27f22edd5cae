/**
 * A page that only says something: not found, gone, conflict, bad request.
 */
import { html, type SafeHtml } from './html.js';
import { renderDocument } from './layout.js';

/** What a message page says. */
export interface MessagePageOptions {
  readonly title: string;
  readonly message: string;
  /** Extra content after the message (a status box, a link back). */
  readonly details?: SafeHtml;
}

/**
 * Renders a message page; the message is an alert so assistive technology reads it first.
 * @example
 * renderMessagePage({ title: 'Meeting cancelled', message: 'This meeting was cancelled.' });
 */
export function renderMessagePage(options: MessagePageOptions): string {
  return renderDocument({
    title: options.title,
    body: html`<p role="alert" id="message">${options.message}</p>${options.details}`,
  });
}
