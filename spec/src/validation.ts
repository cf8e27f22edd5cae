/**
 * @module @org/liveminutes-spec/validation
 * An ajv (JSON Schema 2020-12) instance that understands the spec's own
 * keywords, so that every package validates requests and responses the same
 * way: `format: liveminutes-time` (a real calendar time) and
 * `x-liveminutes-number` (bounds of a decimal string). Other `x-` keywords are
 * annotations. The sandbox, conformance and the spec's tests all use
 * `createValidator`.
 */
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import type { AnySchemaObject, DataValidateFunction } from 'ajv/dist/types/index.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './document.js';

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
  return numberRangeProblems(value, range).length === 0;
}

/** Annotation keywords of the spec: ajv keeps them, validates nothing with them. */
const ANNOTATIONS = [
  'x-liveminutes-rules',
  'x-liveminutes-url',
  'x-liveminutes-identifies',
  'x-enum-varnames',
  'x-enum-descriptions',
  'example',
];

const NUMBER_RANGE_SCHEMA = {
  type: 'object',
  properties: {
    minimum: { type: 'number' },
    exclusiveMinimum: { type: 'number' },
    maximum: { type: 'number' },
    exclusiveMaximum: { type: 'number' },
  },
  additionalProperties: false,
} satisfies AnySchemaObject;

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

function numberRangeValidator(range: NumberRange): DataValidateFunction {
  const validate: DataValidateFunction = (data: unknown) => {
    if (typeof data !== 'string') return true; // `type` reports non-strings
    const problems = numberRangeProblems(data, range);
    validate.errors = problems.map((message) => ({ keyword: 'x-liveminutes-number', message, params: { ...range } }));
    return problems.length === 0;
  };
  return validate;
}

/**
 * The one ajv (JSON Schema 2020-12) set-up for the spec's schemas: formats,
 * `format: liveminutes-time`, `x-liveminutes-number` with messages naming the
 * bound, and the spec's annotations. All errors are reported unless
 * `options.allErrors` is false.
 * @example
 * const validate = createValidator().compile(getOperation('createMeeting').requestSchema);
 * validate({ meetingKey: '', hostid: '123', duration: '0' }); // false
 * validate.errors?.[0]?.message; // 'must be greater than 0'
 */
export function createValidator(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, ...options });
  addFormats(ajv);
  ajv.addFormat('liveminutes-time', { type: 'string', validate: isCalendarTime });
  ajv.addKeyword({
    keyword: 'x-liveminutes-number',
    type: 'string',
    schemaType: 'object',
    metaSchema: NUMBER_RANGE_SCHEMA,
    compile: (range: NumberRange) => numberRangeValidator(range),
    errors: true,
  });
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword, schemaType: ['object', 'array', 'string'] });
  return ajv;
}

/**
 * The former name of {@link createValidator}, kept while callers move.
 * @deprecated Use createValidator.
 * @example
 * const ajv = createAjv();
 */
export const createAjv: (options?: Options) => Ajv2020 = createValidator;

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
