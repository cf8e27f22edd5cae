/**
 * The JSON Schema validator for the spec's request schemas: ajv's 2020-12
 * draft (OpenAPI 3.1's dialect) plus the spec's own vocabulary:
 * `format: liveminutes-time` (a real calendar date-time) and
 * `x-liveminutes-number` (numeric bounds on a decimal string).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, DataValidateFunction } from 'ajv/dist/types/index.js';
import * as addFormatsModule from 'ajv-formats';
import { isCalendarTime } from '@org/liveminutes-spec/validation';

// ajv-formats is CommonJS with `exports.default`; ESM and CJS builds see it differently.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const formatsExport = addFormatsModule as unknown as { default: AddFormats | { default: AddFormats } };
const addFormats: AddFormats =
  typeof formatsExport.default === 'function' ? formatsExport.default : formatsExport.default.default;

/**
 * True for `yyyy-MM-dd HH:mm:ss` naming a real UTC calendar time (no 30 February);
 * the spec package's definition of `format: liveminutes-time`.
 * @example
 * isLiveminutesTime('2024-02-29 10:00:00'); // true
 * isLiveminutesTime('2026-02-30 10:00:00'); // false
 */
export const isLiveminutesTime: (value: string) => boolean = isCalendarTime;

type NumberBounds = { minimum?: number; exclusiveMinimum?: number; maximum?: number; exclusiveMaximum?: number };

function boundsValidator(bounds: NumberBounds): DataValidateFunction {
  const validate: DataValidateFunction = (data: unknown) => {
    if (typeof data !== 'string') return true; // `type` reports non-strings
    const value = Number(data);
    const problems: string[] = [];
    if (!Number.isFinite(value)) problems.push('be a number');
    else {
      if (bounds.minimum !== undefined && !(value >= bounds.minimum)) problems.push(`be at least ${bounds.minimum}`);
      if (bounds.exclusiveMinimum !== undefined && !(value > bounds.exclusiveMinimum)) {
        problems.push(`be greater than ${bounds.exclusiveMinimum}`);
      }
      if (bounds.maximum !== undefined && !(value <= bounds.maximum)) problems.push(`be at most ${bounds.maximum}`);
      if (bounds.exclusiveMaximum !== undefined && !(value < bounds.exclusiveMaximum)) {
        problems.push(`be less than ${bounds.exclusiveMaximum}`);
      }
    }
    validate.errors = problems.map((problem) => ({
      keyword: 'x-liveminutes-number',
      message: `must ${problem}`,
      params: { ...bounds },
    }));
    return problems.length === 0;
  };
  return validate;
}

/**
 * A fresh ajv instance that knows the spec's keywords and formats.
 * @example
 * const validate = createAjv().compile(getOperation('createMeeting').requestSchema);
 * validate({ meetingKey: '', hostid: '123' }); // true
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false });
  addFormats(ajv);
  ajv.addFormat('liveminutes-time', { type: 'string', validate: isLiveminutesTime });
  ajv.addVocabulary(['x-liveminutes-rules', 'x-liveminutes-url', 'x-enum-varnames', 'x-enum-descriptions']);
  ajv.addKeyword({
    keyword: 'x-liveminutes-number',
    type: 'string',
    schemaType: 'object',
    metaSchema: {
      type: 'object',
      properties: {
        minimum: { type: 'number' },
        exclusiveMinimum: { type: 'number' },
        maximum: { type: 'number' },
        exclusiveMaximum: { type: 'number' },
      },
      additionalProperties: false,
    } satisfies AnySchemaObject,
    compile: (bounds: NumberBounds) => boundsValidator(bounds),
    errors: true,
  });
  return ajv;
}
