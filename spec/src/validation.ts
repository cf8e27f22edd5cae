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
import { isCalendarTime, numberRangeProblems, type NumberRange } from './values.js';

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export { inNumberRange, isCalendarTime, numberRangeProblems, type NumberRange } from './values.js';

/** Annotation keywords of the spec: ajv keeps them, validates nothing with them. */
const ANNOTATIONS = [
  'x-liveminutes-rules',
  'x-liveminutes-url',
  'x-liveminutes-identifies',
  'x-liveminutes-failure-rules',
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
