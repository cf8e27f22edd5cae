/**
 * Each operation's success body as the spec defines it: its fields, which are
 * required, what each may hold (a fixed value, a status of an enum, a URL of
 * one of url.formats' patterns), and the rules the schema cites.
 */
import { getOperation, getRule, type JsonSchema } from './document.js';
import type { UrlFormats } from './model.js';
import { numberOr, stringOr } from './params.js';
import { ruleData } from './rule-data.js';

/** One field of a success body. */
export interface SuccessField {
  readonly name: string;
  readonly required: boolean;
  /** The JSON type: `integer` (resultcode) or `string`. */
  readonly type: string;
  /** The one value the field holds (resultcode's 1), or undefined. */
  readonly const: number | string | undefined;
  /** The values the field may hold (a status: the lifecycle's statuses), or undefined. */
  readonly enum: readonly string[] | undefined;
  /** `uri` for the URLs. */
  readonly format: string | undefined;
  readonly minLength: number | undefined;
  /** Which of `urlFormats()` the value matches (`x-liveminutes-url`), or undefined for a field that is no URL. */
  readonly url: keyof UrlFormats | undefined;
  /** The rule id behind each keyword (the field schema's `x-liveminutes-rules`). */
  readonly rules: Readonly<Record<string, string>>;
}

const fieldsCache = new Map<string, readonly SuccessField[]>();

/**
 * The fields of an operation's success body (resultcode first, in the spec's order).
 * @example
 * successFields('createMeeting').map((f) => f.name); // ['resultcode', 'meetingKey', 'meetingUrl', 'hostUrl']
 * successFields('createMeeting').find((f) => f.name === 'hostUrl')?.url; // 'entryUrl'
 * successFields('getMeetingStatus').find((f) => f.name === 'status')?.enum; // ['1', '8', '12', '11']
 */
export function successFields(operationId: string): readonly SuccessField[] {
  let found = fieldsCache.get(operationId);
  if (!found) fieldsCache.set(operationId, (found = readFields(operationId)));
  return found;
}

/**
 * The rule the success schema cites for its required fields (what a valid call's answer must carry).
 * @example
 * successRule('getMeetingStatus'); // 'getMeetingStatus.values'
 */
export function successRule(operationId: string): string {
  const rule = ruleIds(operationId, getOperation(operationId).successSchema).required;
  if (!rule) throw new Error(`${operationId}: the success schema cites no rule for its required fields`);
  return rule;
}

function readFields(operationId: string): SuccessField[] {
  const { successSchema } = getOperation(operationId);
  const required = new Set((successSchema.required as string[] | undefined) ?? []);
  const properties = (successSchema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, schema]): SuccessField => {
    const where = `${operationId} success.${name}`;
    const { type, const: value, enum: values } = schema;
    if (typeof type !== 'string') throw new Error(`${where}: no type`);
    if (values !== undefined && !(Array.isArray(values) && values.every((v) => typeof v === 'string'))) {
      throw new Error(`${where}: enum is not a list of strings`);
    }
    return {
      name,
      required: required.has(name),
      type,
      const: typeof value === 'number' || typeof value === 'string' ? value : undefined,
      enum: values as string[] | undefined,
      format: stringOr(schema.format),
      minLength: numberOr(schema.minLength),
      url: urlKind(where, schema['x-liveminutes-url']),
      rules: ruleIds(where, schema),
    };
  });
}

function urlKind(where: string, value: unknown): keyof UrlFormats | undefined {
  if (value === undefined) return undefined;
  const kinds = ruleData('url.formats');
  if (typeof value !== 'string' || !Object.hasOwn(kinds, value)) {
    throw new Error(`${where}: x-liveminutes-url ${JSON.stringify(value)} is none of url.formats' ${Object.keys(kinds).join(', ')}`);
  }
  return value as keyof UrlFormats;
}

function ruleIds(where: string, schema: JsonSchema): Readonly<Record<string, string>> {
  const rules = schema['x-liveminutes-rules'] ?? {};
  if (typeof rules !== 'object' || rules === null || Object.values(rules).some((id) => typeof id !== 'string')) {
    throw new Error(`${where}: x-liveminutes-rules is not a map of keywords to rule ids`);
  }
  for (const id of Object.values(rules)) getRule(id);
  return rules as Readonly<Record<string, string>>;
}
