/**
 * Request parameters checked against each operation's request schema from the
 * bundled spec. This is the one place that turns a violation into
 * `invalid_parameter` with its `param`, the rule it broke and the bound; no
 * bound and no rule id is written here.
 */
import { createValidator, getOperation, invalidParameterRule, operationParams, type ParamInfo } from '@org/liveminutes-spec';
import type { ErrorObject } from 'ajv';

/** A form field's value: text, or a file part of a multipart body. */
export type FormValue = string | { readonly file: true };

/** A parsed body: every value of every field name, in order. */
export type FormFields = ReadonlyMap<string, readonly FormValue[]>;

/** Why a request's parameters were refused. */
export interface ParameterViolation {
  readonly ok: false;
  readonly param: string | undefined;
  readonly message: string;
  /** The id of the spec rule the request broke. */
  readonly rule: string;
  /** The broken bound as the schema states it (`maxLength 50`), when a schema keyword was broken. */
  readonly bound: string | undefined;
}

/** The outcome of validating one request. */
export type ValidationResult = { readonly ok: true; readonly params: Readonly<Record<string, string>> } | ParameterViolation;

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

/** The schema's bound behind a keyword, as `keyword value` (`maxLength 50`, `required`). */
function boundOf(info: ParamInfo | undefined, keyword: string): string | undefined {
  if (keyword === 'required') return 'required';
  const value = info?.schema[keyword];
  if (value === undefined) return undefined;
  return `${keyword} ${typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)}`;
}

/**
 * Compiles the validator of one operation from the spec's request schema.
 * Unknown fields are ignored; a known field given twice, or sent as a file, is invalid.
 * @example
 * const validate = createRequestValidator('getMeetingStatus');
 * validate(new Map([['meetingKey', ['abc']]])); // { ok: true, params: { meetingKey: 'abc' } }
 * validate(new Map());
 * // { ok: false, param: 'meetingKey', message: 'meetingKey is required.', rule: 'param.meetingkey-required', bound: 'required' }
 */
export function createRequestValidator(operationId: string, ajv = createValidator({ allErrors: false })): RequestValidator {
  const infos = new Map(operationParams(operationId).params.map((info) => [info.name, info]));
  const known = [...infos.keys()];
  const validate = ajv.compile(getOperation(operationId).requestSchema);
  const violation = (param: string | undefined, message: string, rule: string, bound?: string): ParameterViolation => ({
    ok: false,
    param,
    message,
    rule,
    bound,
  });
  return (fields) => {
    const params: Record<string, string> = {};
    for (const name of known) {
      const values = fields.get(name);
      if (!values || values.length === 0) continue;
      if (values.length > 1) return violation(name, `${name} was given more than once.`, invalidParameterRule('repeated'));
      const value = values[0]!;
      if (typeof value !== 'string') return violation(name, `${name} must be a text field, not a file.`, invalidParameterRule('file'));
      params[name] = value;
    }
    if (validate(params)) return { ok: true, params };
    const first = validate.errors?.[0];
    if (!first) return violation(undefined, 'The parameters are invalid.', invalidParameterRule('body'));
    const { param, message } = describe(first);
    const info = param === undefined ? undefined : infos.get(param);
    // Every constraint of a request field cites its rule (spec model.test); `type` covers what no keyword names.
    const rule = info?.rules[first.keyword] ?? info?.rules.type ?? invalidParameterRule('body');
    return violation(param, message, rule, boundOf(info, first.keyword));
  };
}
