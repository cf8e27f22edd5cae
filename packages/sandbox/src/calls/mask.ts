/**
 * What the request inspector may keep of a call's values: entry tokens and
 * the AuthToken never reach it, and long values are cut. Entry URLs are found
 * by the spec's `url.formats` rule, so the masking follows the URLs the
 * operations hand out.
 */
import { urlFormats } from '@org/liveminutes-spec';

/** What stands where a secret was. */
export const MASK = '[redacted]';

/** The longest value kept, in code points; longer ones are cut and end with `…`. */
export const MAX_KEPT_LENGTH = 200;

/**
 * Masks one value: an entry URL keeps its origin and path but not its token,
 * a value holding one of `secrets` (the AuthToken) is replaced whole, and a
 * value over {@link MAX_KEPT_LENGTH} code points is cut.
 * @example
 * maskValue('http://127.0.0.1:4010/e/LIVEXP63FCLCRJW4GHT1X7O6', []); // 'http://127.0.0.1:4010/e/[redacted]'
 * maskValue('my token is s3cret!', ['s3cret!']); // '[redacted]'
 * maskValue('Weekly', ['s3cret!']); // 'Weekly'
 */
export function maskValue(value: string, secrets: readonly string[]): string {
  // A secret anywhere in a value hides the whole value: no partial match can leak part of it.
  for (const secret of secrets) if (secret !== '' && value.includes(secret)) return MASK;
  if (urlFormats().entryUrl.test(value)) return `${value.slice(0, value.lastIndexOf('/') + 1)}${MASK}`;
  return cut(value);
}

/**
 * Masks every string of a flat record (parameters, a JSON answer); other values are kept.
 * @example
 * maskRecord({ resultcode: 1, hostUrl: 'http://h/e/LIVEXP63FCLCRJW4GHT1X7O6' }, []); // { resultcode: 1, hostUrl: 'http://h/e/[redacted]' }
 */
export function maskRecord<T>(record: Readonly<Record<string, T>>, secrets: readonly string[]): Record<string, T | string> {
  const masked: Record<string, T | string> = {};
  for (const name in record) {
    const value = record[name] as T;
    masked[name] = typeof value === 'string' ? maskValue(value, secrets) : value;
  }
  return masked;
}

/**
 * A value's length in code points, as the spec's bounds count it.
 * @example
 * codePoints('a😀'); // 2
 */
export function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

function cut(value: string): string {
  // Most values are short: only a value that may be over the limit is walked by code point.
  if (value.length <= MAX_KEPT_LENGTH) return value;
  const points = Array.from(value);
  return points.length <= MAX_KEPT_LENGTH ? value : `${points.slice(0, MAX_KEPT_LENGTH).join('')}…`;
}
