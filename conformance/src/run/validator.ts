/**
 * Validates answers against the bundled spec's schemas with the spec's own
 * ajv set-up (JSON Schema 2020-12, its formats and keywords), and tells for
 * each violation which rule the failing keyword belongs to, so that a check
 * can hold MUST keywords against a server and leave SHOULD ones to their checks.
 */
import { getOperation, getRule, type JsonSchema, type RuleLevel } from '@org/liveminutes-spec';
import { createValidator } from '@org/liveminutes-spec/validation';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** One way the data breaks the schema. */
export interface SchemaViolation {
  /** The rule the failing keyword maps to (the schema's x-liveminutes-rules), if any. */
  readonly rule: string | undefined;
  readonly level: RuleLevel | undefined;
  readonly keyword: string;
  /** `/status must be string`. */
  readonly message: string;
}

const ajv = createValidator({ verbose: true });
const compiled = new Map<string, ValidateFunction>();

function compile(key: string, schema: () => JsonSchema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    compiled.set(key, validate);
  }
  return validate;
}

function toViolation(error: ErrorObject): SchemaViolation {
  const rules = (error.parentSchema as JsonSchema | undefined)?.['x-liveminutes-rules'] as Record<string, string> | undefined;
  const rule = rules?.[error.keyword];
  return {
    rule,
    level: rule ? getRule(rule).level : undefined,
    keyword: error.keyword,
    message: `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}`,
  };
}

/**
 * Violations of an operation's success schema (empty when the body conforms).
 * @example
 * successViolations('getMeetingStatus', { resultcode: 1, status: 1 })[0]?.message; // '/status must be string'
 */
export function successViolations(operation: string, data: unknown): SchemaViolation[] {
  const validate = compile(`${operation}:success`, () => getOperation(operation).successSchema);
  return validate(data) ? [] : (validate.errors ?? []).map(toViolation);
}

/**
 * Violations of an operation's failure schema.
 * @example
 * failureViolations('getMeetingStatus', { resultcode: 0, error: 'nope' })[0]?.keyword; // 'enum'
 */
export function failureViolations(operation: string, data: unknown): SchemaViolation[] {
  const validate = compile(`${operation}:failure`, () => getOperation(operation).failureSchema);
  return validate(data) ? [] : (validate.errors ?? []).map(toViolation);
}

/**
 * Violations of an operation's request schema: the suite checks its own
 * generated inputs with it.
 * @example
 * requestViolations('createMeeting', { meetingKey: '', hostid: '' })[0]?.keyword; // 'minLength'
 */
export function requestViolations(operation: string, data: unknown): SchemaViolation[] {
  const validate = compile(`${operation}:request`, () => getOperation(operation).requestSchema);
  return validate(data) ? [] : (validate.errors ?? []).map(toViolation);
}
