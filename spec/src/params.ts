/**
 * Each operation's request parameters as the spec defines them: required or
 * not, their bounds, the rule behind each bound, and which entity a field
 * names (`x-liveminutes-identifies`); and whether a call may be repeated.
 */
import { getOperation, getRule, type JsonSchema, type RetryPolicy } from './document.js';
import { isRuleWithData, ruleData } from './rule-data.js';
import type { NumberRange } from './validation.js';

/** Which entity a field names, and whether it must name a live one. */
export interface Identifies {
  readonly entity: 'meeting' | 'host' | 'participant';
  /** True when the call fails with `meeting_not_found` / `participant_not_found` unless it exists. */
  readonly live: boolean;
}

/** One request parameter. */
export interface ParamInfo {
  readonly name: string;
  readonly required: boolean;
  readonly identifies: Identifies | undefined;
  readonly minLength: number | undefined;
  readonly maxLength: number | undefined;
  /** The pattern's source (a JSON Schema pattern: compile with the `u` flag). */
  readonly pattern: string | undefined;
  /** `liveminutes-time` for a real calendar time. */
  readonly format: string | undefined;
  /** Bounds of a decimal string (`x-liveminutes-number`). */
  readonly number: NumberRange | undefined;
  /** The rule id behind each constraint keyword (the schema's `x-liveminutes-rules`). */
  readonly rules: Readonly<Record<string, string>>;
  /** The resolved schema. */
  readonly schema: JsonSchema;
}

/** An operation's parameters, and those that name a meeting, its host or a participant. */
export interface OperationParams {
  readonly operationId: string;
  /** In the spec's order. */
  readonly params: readonly ParamInfo[];
  readonly meeting: ParamInfo | undefined;
  readonly host: ParamInfo | undefined;
  readonly participant: ParamInfo | undefined;
  /** Whether the call needs a live meeting and a live participant to exist. */
  readonly needs: { readonly meeting: boolean; readonly participant: boolean };
}

const cache = new Map<string, OperationParams>();

/**
 * An operation's parameters with their bounds and roles.
 * @example
 * const { meeting, participant, needs } = operationParams('getParticipantUrl');
 * meeting?.name; // 'meetingKey'
 * participant?.maxLength; // 50
 * needs; // { meeting: true, participant: true }
 * operationParams('createMeeting').needs.meeting; // false
 */
export function operationParams(operationId: string): OperationParams {
  let found = cache.get(operationId);
  if (!found) cache.set(operationId, (found = readParams(operationId)));
  return found;
}

/** A schema keyword's value when it is a number (or a string), else undefined. */
export const numberOr = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
export const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function readParams(operationId: string): OperationParams {
  const { requestSchema } = getOperation(operationId);
  const required = new Set((requestSchema.required as string[] | undefined) ?? []);
  const properties = (requestSchema.properties ?? {}) as Record<string, JsonSchema>;
  const params = Object.entries(properties).map(([name, schema]): ParamInfo => {
    const rules = (schema['x-liveminutes-rules'] ?? {}) as Record<string, string>;
    checkRuleData(`${operationId}.${name}`, schema, rules);
    return {
      name,
      required: required.has(name),
      identifies: readIdentifies(`${operationId}.${name}`, schema['x-liveminutes-identifies']),
      minLength: numberOr(schema.minLength),
      maxLength: numberOr(schema.maxLength),
      pattern: stringOr(schema.pattern),
      format: stringOr(schema.format),
      number: schema['x-liveminutes-number'] as NumberRange | undefined,
      rules,
      schema,
    };
  });
  const named = (entity: Identifies['entity']): ParamInfo | undefined => params.find((p) => p.identifies?.entity === entity);
  const meeting = named('meeting');
  const participant = named('participant');
  return {
    operationId,
    params,
    meeting,
    host: named('host'),
    participant,
    needs: { meeting: meeting?.identifies?.live === true, participant: participant?.identifies?.live === true },
  };
}

function readIdentifies(where: string, value: unknown): Identifies | undefined {
  if (value === undefined) return undefined;
  const { entity, live } = value as Record<string, unknown>;
  if ((entity !== 'meeting' && entity !== 'host' && entity !== 'participant') || typeof live !== 'boolean') {
    throw new Error(`${where}: x-liveminutes-identifies needs an entity (meeting, host, participant) and live`);
  }
  return { entity, live };
}

/**
 * A bound both a schema keyword and its rule's data state must agree: the
 * schema validates, the rule documents; a disagreement is a broken spec.
 */
function checkRuleData(where: string, schema: JsonSchema, rules: Record<string, string>): void {
  for (const [keyword, id] of Object.entries(rules)) {
    getRule(id);
    if (!isRuleWithData(id)) continue;
    const data = ruleData(id) as Readonly<Record<string, unknown>>;
    const value = schema[keyword];
    const expected = keyword in data ? data[keyword] : value !== null && typeof value === 'object' ? data : undefined;
    if (expected !== undefined && JSON.stringify(value) !== JSON.stringify(expected)) {
      throw new Error(`${where}: ${keyword} ${JSON.stringify(value)} differs from rule ${id}'s data ${JSON.stringify(expected)}`);
    }
  }
}

/**
 * When a client may repeat the call after a network failure (`x-liveminutes-retry`).
 * @example
 * retryPolicy('getMeetingStatus'); // 'always'
 * retryPolicy('createMeeting'); // 'explicit-key'
 */
export function retryPolicy(operationId: string): RetryPolicy {
  return getOperation(operationId).retry;
}
