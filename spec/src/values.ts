/**
 * @module @org/liveminutes-spec/values
 * The spec's value checks as plain functions, without ajv or the bundled
 * document: `format: liveminutes-time` (a real calendar time) and
 * `x-liveminutes-number` (bounds of a decimal string), and the form media
 * type. Small enough for the client to bundle; the validator uses the same.
 */

/** The form media type every operation accepts. */
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** Which operations a client may repeat after a network failure (`x-liveminutes-retry`). */
export type RetryPolicy = 'always' | 'explicit-key' | 'never';

/** Bounds of `x-liveminutes-number`. */
export interface NumberRange {
  exclusiveMinimum?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * True when `value` is `yyyy-MM-dd HH:mm:ss` and names a real UTC calendar time.
 * @example
 * isCalendarTime('2026-02-28 10:00:00'); // true
 * isCalendarTime('2026-02-30 10:00:00'); // false
 * isCalendarTime('0050-06-15 12:00:00'); // true
 */
export function isCalendarTime(value: string): boolean {
  const match = TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  // setUTCFullYear, unlike Date.UTC, does not map the years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/**
 * True when the decimal string or number `value` lies within `range`.
 * @example
 * inNumberRange('45', { exclusiveMinimum: 0, maximum: 10080 }); // true
 * inNumberRange('0', { exclusiveMinimum: 0, maximum: 10080 }); // false
 */
export function inNumberRange(value: string | number, range: NumberRange): boolean {
  return numberRangeProblems(value, range).length === 0;
}

/**
 * Why a decimal string breaks a range, as ajv error messages (`must be at most 10080`).
 * @example
 * numberRangeProblems('0', { exclusiveMinimum: 0, maximum: 10080 }); // ['must be greater than 0']
 */
export function numberRangeProblems(value: string | number, range: NumberRange): string[] {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return ['must be a number'];
  const problems: string[] = [];
  if (range.minimum !== undefined && !(number >= range.minimum)) problems.push(`must be at least ${range.minimum}`);
  if (range.exclusiveMinimum !== undefined && !(number > range.exclusiveMinimum)) {
    problems.push(`must be greater than ${range.exclusiveMinimum}`);
  }
  if (range.maximum !== undefined && !(number <= range.maximum)) problems.push(`must be at most ${range.maximum}`);
  if (range.exclusiveMaximum !== undefined && !(number < range.exclusiveMaximum)) {
    problems.push(`must be less than ${range.exclusiveMaximum}`);
  }
  return problems;
}

