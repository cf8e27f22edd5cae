/**
 * Request parameters checked against each operation's request schema from the
 * bundled spec. This is the one place that turns a violation into
 * `invalid_parameter` with its `param`; no bound is written here.
 */
import { createValidator, getOperation, operationParams } from '@org/liveminutes-spec';
import type { ErrorObject } from 'ajv';

/** A form field's value: text, or a file part of a multipart body. */
export type FormValue = string | { readonly file: true };

/** A parsed body: every value of every field name, in order. */
export type FormFields = ReadonlyMap<string, readonly FormValue[]>;

/** The outcome of validating one request. */
export type ValidationResult =
  | { readonly ok: true; readonly params: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly param: string | undefined; readonly message: string };

/** Validates the fields of one operation's request. */
export type RequestValidator = (fields: FormFields) => ValidationResult;

function describe(error: ErrorObject): { param: string | undefined; message: string } {
  if (error.keyword === 'required') {
    const param = String(error.params.missingProperty);
    return { param, message: `${param} is required.` };
  }
  const param = error.instancePath.replace(/^\//, '').split('/')[0] || undefined;
  const name = param ?? 'The body';
  switch (error.keyword) {
    case 'maxLength':
      return { param, message: `${name} must be at most ${String(error.params.limit)} characters.` };
    case 'minLength':
      return { param, message: `${name} must be at least ${String(error.params.limit)} characters.` };
    case 'format':
      return { param, message: `${name} is not a valid ${String(error.params.format)} value.` };
    case 'pattern':
      return { param, message: `${name} does not match the pattern ${String(error.params.pattern)}.` };
    default:
      return { param, message: `${name} ${error.message ?? 'is invalid'}.` };
  }
}

/**
 * Compiles the validator of one operation from the spec's request schema.
 * Unknown fields are ignored; a known field given twice, or sent as a file, is invalid.
 * @example
 * const validate = createRequestValidator('getMeetingStatus');
 * validate(new Map([['meetingKey', ['abc']]])); // { ok: true, params: { meetingKey: 'abc' } }
 * validate(new Map()); // { ok: false, param: 'meetingKey', message: 'meetingKey is required.' }
 */
export function createRequestValidator(operationId: string, ajv = createValidator({ allErrors: false })): RequestValidator {
  const known = operationParams(operationId).params.map((param) => param.name);
  const validate = ajv.compile(getOperation(operationId).requestSchema);
  return (fields) => {
    const params: Record<string, string> = {};
    for (const name of known) {
      const values = fields.get(name);
      if (!values || values.length === 0) continue;
      if (values.length > 1) return { ok: false, param: name, message: `${name} was given more than once.` };
      const value = values[0]!;
      if (typeof value !== 'string') return { ok: false, param: name, message: `${name} must be a text field, not a file.` };
      params[name] = value;
    }
    if (validate(params)) return { ok: true, params };
    const first = validate.errors?.[0];
    return first ? { ok: false, ...describe(first) } : { ok: false, param: undefined, message: 'The parameters are invalid.' };
  };
}
