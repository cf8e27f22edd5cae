/**
 * @module redact
 * Removes credentials from text a server sent before it reaches an error or
 * an `onUnexpected` event. A credential shorter than `GLUED_MIN` characters is
 * replaced where it stands as a whole token, with no letter, mark, digit or
 * `_` glued to it: AccountSid `a` turns `user a` into `user [redacted]` but
 * leaves `application/json` alone. A longer one is replaced wherever it
 * appears, glued or not: no ordinary word holds it by chance, and a server
 * that echoes the AccountSid glued to the AuthToken must not leak either.
 */

/** Removes credentials from a text (and passes `undefined` through). */
export type Redactor = <T extends string | undefined>(text: T) => T;

const WORD = '[\\p{L}\\p{M}\\p{N}_]';
const GLUED_MIN = 8;

/**
 * A function replacing each of `secrets` (sorted in place) by `[redacted]` in one pass. The
 * longest are tried first, so that a credential that begins another is not
 * matched on its own and the rest of the other left behind.
 * @example
 * const scrub = createRedactor(['a', 'tok3n']);
 * scrub('user a, token tok3n, application/json'); // 'user [redacted], token [redacted], application/json'
 */
export function createRedactor(secrets: string[]): Redactor {
  const pattern = new RegExp(
    secrets
      .sort((x, y) => y.length - x.length)
      .map((secret) => {
        const escaped = secret.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
        return secret.length < GLUED_MIN ? `(?<!${WORD})${escaped}(?!${WORD})` : escaped;
      })
      .join('|'),
    'gu',
  );
  return (text) => text?.replace(pattern, '[redacted]') as typeof text;
}
