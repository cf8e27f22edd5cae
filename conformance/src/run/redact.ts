/**
 * Keeps credentials out of everything the suite prints or writes: findings,
 * reports, error messages. A server that echoes the Authorization header back
 * must not make the suite leak it.
 */
import type { Account } from '../types.js';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/**
 * A function that removes the accounts' tokens (raw, URL-encoded, and inside a
 * basic Authorization header) from a string.
 * @example
 * const redact = createRedactor([{ accountSid: 'sid', authToken: 's3cret' }]);
 * redact('token s3cret'); // 'token [redacted]'
 */
export function createRedactor(accounts: ReadonlyArray<Account | undefined>): (text: string) => string {
  const secrets = new Set<string>();
  for (const account of accounts) {
    if (!account || account.authToken === '') continue;
    const { accountSid, authToken } = account;
    secrets.add(authToken);
    secrets.add(encodeURIComponent(authToken));
    secrets.add(JSON.stringify(authToken).slice(1, -1));
    const basic = Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64');
    secrets.add(basic);
    secrets.add(basic.replace(/=+$/, ''));
  }
  // Longest first, so that a secret containing another is removed whole.
  const ordered = [...secrets].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  const tokens = accounts.flatMap((account) => (account && account.authToken !== '' ? [account.authToken] : []));
  // A basic header with another AccountSid (the wrong-sid check) still encodes the token: decode base64 runs to find it.
  const encoded = (run: string): string => (tokens.some((token) => Buffer.from(run, 'base64').toString('utf8').includes(token)) ? REDACTED : run);
  return (text: string) =>
    ordered.reduce((result, secret) => result.split(secret).join(REDACTED), text).replace(/[A-Za-z0-9+/_-]{8,}={0,2}/g, encoded);
}
