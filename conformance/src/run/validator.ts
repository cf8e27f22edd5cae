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

/** Which schema of an operation: its request body's, or its success or failure answer's. */
export type SchemaPart = 'request' | 'success' | 'failure';

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
 * Violations of one of an operation's schemas (empty when the data conforms):
 * answers against the success or failure schema, and the suite's own generated
 * inputs against the request schema. Each schema is compiled once.
 * @example
 * schemaViolations('getMeetingStatus', 'success', { resultcode: 1, status: 1 })[0]?.message; // '/status must be string'
 * schemaViolations('getMeetingStatus', 'failure', { resultcode: 0, error: 'nope' })[0]?.keyword; // 'enum'
 * schemaViolations('createMeeting', 'request', { meetingKey: '', hostid: '' })[0]?.keyword; // 'minLength'
 */
export function schemaViolations(operation: string, part: SchemaPart, data: unknown): SchemaViolation[] {
  const key = `${operation}:${part}`;
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(getOperation(operation)[`${part}Schema`])));
  return validate(data) ? [] : (validate.errors ?? []).map(toViolation);
}
