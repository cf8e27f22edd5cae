/**
 * @module basic-auth
 * The HTTP basic `Authorization` value, UTF-8 encoded portably (TextEncoder and
 * btoa exist in Node, browsers, Deno, Bun and Workers; no `Buffer`).
 */

/**
 * `Basic base64(utf8(user:password))`.
 * @example
 * basicAuth('trw76p0066423', 'eurn568nfkkg9862iomdnnv987iir'); // 'Basic dHJ3NzZwMDA2NjQyMzpldXJu...'
 */
export function basicAuth(user: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
