/**
 * @module @org/liveminutes-spec/validation
 * An ajv (JSON Schema 2020-12) instance that understands the spec's own
 * keywords, so that every package validates requests and responses the same
 * way: `format: liveminutes-time` (a real calendar time) and
 * `x-liveminutes-number` (bounds of a decimal string). Other `x-` keywords are
 * annotations.
 */
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './index.js';

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

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
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return false;
  if (range.exclusiveMinimum !== undefined && !(number > range.exclusiveMinimum)) return false;
  if (range.minimum !== undefined && !(number >= range.minimum)) return false;
  if (range.maximum !== undefined && !(number <= range.maximum)) return false;
  if (range.exclusiveMaximum !== undefined && !(number < range.exclusiveMaximum)) return false;
  return true;
}

/**
 * A new ajv for the spec's schemas (all errors reported, spec keywords known).
 * @example
 * const ajv = createAjv();
 * const validate = ajv.compile(getOperation('createMeeting').requestSchema);
 * validate({ meetingKey: '', hostid: '123' }); // true
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, ...options });
  addFormats(ajv);
  ajv.addFormat('liveminutes-time', { type: 'string', validate: isCalendarTime });
  ajv.addKeyword({
    keyword: 'x-liveminutes-number',
    type: 'string',
    schemaType: 'object',
    errors: false,
    validate: (range: NumberRange, data: string) => inNumberRange(data, range),
  });
  for (const keyword of [
    'x-liveminutes-rules',
    'x-liveminutes-url',
    'x-enum-varnames',
    'x-enum-descriptions',
    'example',
  ]) {
    ajv.addKeyword({ keyword, schemaType: ['object', 'array', 'string'] });
  }
  return ajv;
}

/** One violation, reduced to what a caller maps to `invalid_parameter`. */
export interface Violation {
  /** The offending top-level property, when there is one. */
  readonly param: string | undefined;
  /** The schema keyword that failed (`maxLength`, `required`, `x-liveminutes-number`...). */
  readonly keyword: string;
  readonly message: string;
}

/**
 * Turns ajv errors into violations naming the top-level parameter.
 * @example
 * const validate = createAjv().compile(schema);
 * if (!validate(body)) console.log(toViolations(validate.errors)[0]?.param);
 */
export function toViolations(errors: ValidateFunction['errors']): Violation[] {
  return (errors ?? []).map((error: ErrorObject) => {
    const fromPath = error.instancePath.split('/')[1];
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    return {
      param: fromPath ? decodeURIComponent(fromPath.replace(/~1/g, '/').replace(/~0/g, '~')) : missing,
      keyword: error.keyword,
      message: `${fromPath ?? missing ?? 'body'} ${error.message ?? 'is invalid'}`,
    };
  });
}

export type { JsonSchema };
