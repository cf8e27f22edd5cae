/**
 * Removes credentials from text before it is printed, written or thrown: the
 * client's error messages, the conformance suite's findings and reports, the
 * observing proxy's lines and HAR files. Runtime-neutral (no `node:` import):
 * the client bundles it for browsers, Deno and Workers.
 *
 * A secret shorter than `GLUED_MIN` characters is replaced where it stands as a
 * whole token, with no letter, mark, digit or `_` glued to it: AccountSid `a`
 * turns `user a` into `user [redacted]` but leaves `application/json` alone. A
 * longer one is replaced wherever it appears, glued or not: no ordinary word
 * holds it by chance, and a server that echoes the AccountSid glued to the
 * AuthToken must not leak either.
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Removes credentials from a text (and passes `undefined` through). */
export type Redactor = <T extends string | undefined>(text: T) => T;

/** An account's credentials. */
export interface Credentials {
  readonly accountSid: string;
  readonly authToken: string;
}

const WORD = '[\\p{L}\\p{M}\\p{N}_]';
const GLUED_MIN = 8;

/**
 * A function replacing each of `secrets` by `[redacted]` in one pass. The
 * longest are tried first, so that a secret that begins another is not matched
 * on its own and the rest of the other left behind.
 * @example
 * const scrub = createRedactor(['a', 'tok3n']);
 * scrub('user a, token tok3n, application/json'); // 'user [redacted], token [redacted], application/json'
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const patterns = [...new Set(secrets)]
    .filter((secret) => secret.length > 0)
    .sort((x, y) => y.length - x.length)
    .map((secret) => {
      const escaped = secret.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
      return secret.length < GLUED_MIN ? `(?<!${WORD})${escaped}(?!${WORD})` : escaped;
    });
  if (patterns.length === 0) return (text) => text;
  const pattern = new RegExp(patterns.join('|'), 'gu');
  return (text) => text?.replace(pattern, REDACTED) as typeof text;
}

/** UTF-8 text as base64, without `Buffer`. */
function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A base64 (or base64url) run decoded as UTF-8, or undefined when it is not base64. */
function fromBase64(run: string): string | undefined {
  const standard = run.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  try {
    const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
    return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * A redactor for accounts' AuthTokens as they travel: raw, URL-encoded,
 * JSON-escaped, and inside a basic Authorization header (with or without its
 * padding). A base64 run that decodes to text holding a token (a basic header
 * pairing the token with another AccountSid) is removed whole. AccountSids are
 * not secret and stay.
 * @example
 * const redact = createAccountRedactor([{ accountSid: 'AC1', authToken: 's3cret-token' }]);
 * redact('Basic QUMxOnMzY3JldC10b2tlbg== and s3cret-token'); // 'Basic [redacted] and [redacted]'
 */
export function createAccountRedactor(accounts: ReadonlyArray<Credentials | undefined>): (text: string) => string {
  const tokens = accounts.flatMap((account) => (account && account.authToken !== '' ? [account] : []));
  const secrets = tokens.flatMap(({ accountSid, authToken }) => {
    const basic = toBase64(`${accountSid}:${authToken}`);
    return [authToken, encodeURIComponent(authToken), JSON.stringify(authToken).slice(1, -1), basic, basic.replace(/=+$/, '')];
  });
  const redact = createRedactor(secrets);
  const holdsToken = (run: string): boolean => {
    const decoded = fromBase64(run);
    if (decoded === undefined) return false;
    // `sid:token` with any sid; a long token anywhere in it (a short one only as the whole password, so that runs are not removed by chance).
    const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : undefined;
    return tokens.some(({ authToken }) => password === authToken || (authToken.length >= GLUED_MIN && decoded.includes(authToken)));
  };
  return (text) => redact(text).replace(/[A-Za-z0-9+/_-]{8,}={0,2}/g, (run) => (holdsToken(run) ? REDACTED : run));
}
