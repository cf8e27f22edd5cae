/**
 * Masks what an observation must never print or write: the credentials it
 * sees go by (learned from each request's basic Authorization header, then
 * removed wherever they appear, raw, URL-encoded or base64) and entry tokens
 * (the random part of hostUrl and participantUrl, as url.formats describes it).
 */
import { urlFormats } from '@org/liveminutes-spec';
import { createAccountRedactor, REDACTED } from '@org/liveminutes-internal';
import type { Account } from '../types.js';

/** The entry token part of url.formats' entry URL pattern (`LIVE[0-9A-Z]{20}`), to find anywhere in a text. */
function entryTokenPattern(): RegExp {
  const source = urlFormats().entryUrl.source.replace(/\$$/, '');
  return new RegExp(source.slice(source.lastIndexOf('\\/') + 2), 'g');
}

/**
 * Learns credentials from traffic and masks them, and every entry token, in texts.
 * @example
 * const mask = new Masker();
 * mask.learn('Basic ' + Buffer.from('ACsid:s3cret').toString('base64'));
 * mask.text('token s3cret, http://x/e/LIVE0123456789ABCDEFGHIJ'); // 'token [redacted], http://x/e/[redacted]'
 */
export class Masker {
  readonly #accounts = new Map<string, Account>();
  readonly #tokens = entryTokenPattern();
  #redact: (text: string) => string = (text) => text;

  /** Remembers the credentials of a basic Authorization header (others are masked whole where they appear as a header). */
  learn(authorization: string | undefined): void {
    const match = /^\s*basic\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) return;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0 || colon === decoded.length - 1) return;
    const account = { accountSid: decoded.slice(0, colon), authToken: decoded.slice(colon + 1) };
    const key = `${account.accountSid}:${account.authToken}`;
    if (this.#accounts.has(key)) return;
    this.#accounts.set(key, account);
    this.#redact = createAccountRedactor([...this.#accounts.values()]);
  }

  /** The text without any credential seen so far or entry token. */
  text(text: string): string {
    return this.#redact(text).replace(this.#tokens, REDACTED);
  }

  /** A header's value as it may be shown: Authorization and cookies masked whole, the rest as `text`. */
  header(name: string, value: string): string {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization' || lower === 'cookie' || lower === 'set-cookie') {
      const scheme = /^\s*(\S+)\s/.exec(value)?.[1];
      return scheme && lower.endsWith('authorization') ? `${scheme} ${REDACTED}` : REDACTED;
    }
    return this.text(value);
  }
}
