/**
 * The bundled LiveMinutes OpenAPI 3.1 document and its raw lookups: operations
 * with resolved schemas, enums, and the rules with their ids and levels. What
 * a rule's data means is read once, typed, in `model.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';
import { FORM_MEDIA_TYPE, type RetryPolicy } from './values.js';

export { FORM_MEDIA_TYPE, type RetryPolicy };

/** A JSON Schema object as it appears in the spec (OpenAPI 3.1 = JSON Schema 2020-12). */
export type JsonSchema = { [keyword: string]: unknown };

/** MUST for rules the original document states, SHOULD for clarifications. */
export type RuleLevel = 'MUST' | 'SHOULD';

/** One entry of the spec's top-level `x-liveminutes-rules` list. */
export interface Rule {
  readonly id: string;
  readonly level: RuleLevel;
  /** `document` ([S] in DESIGN.md) or `clarified` ([C]). */
  readonly source: 'document' | 'clarified';
  readonly title: string;
  /** Machine-readable values the rule fixes (limits, patterns, transitions). */
  readonly data?: Readonly<Record<string, unknown>>;
}


/** The parts of an OpenAPI document this package types; the rest stays open. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers: Array<{ url: string; description?: string; variables?: Record<string, unknown> }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    examples: Record<string, { summary?: string; value: unknown }>;
    securitySchemes: Record<string, JsonSchema>;
  };
  'x-liveminutes-rules': Rule[];
  [key: string]: unknown;
}

/** An operation object, with the spec's `x-liveminutes-*` extensions. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  requestBody: { content: Record<string, { schema: JsonSchema; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, JsonSchema>;
  'x-liveminutes-rules': string[];
  'x-liveminutes-errors': string[];
  'x-liveminutes-retry': RetryPolicy;
  [key: string]: unknown;
}

/** An operation with its schemas resolved, ready for validation. */
export interface OperationInfo {
  readonly operationId: string;
  /** The request path, `/{operationId}`. */
  readonly path: string;
  readonly operation: OpenApiOperation;
  /** The form body's schema, every `$ref` resolved. */
  readonly requestSchema: JsonSchema;
  /** The resultcode 1 body's schema, every `$ref` resolved. */
  readonly successSchema: JsonSchema;
  /** The resultcode 0 body's schema, every `$ref` resolved. */
  readonly failureSchema: JsonSchema;
  /** Error codes this operation can answer, from `x-liveminutes-errors`. */
  readonly errors: readonly string[];
  readonly retry: RetryPolicy;
  /** Ids of the rules that govern the operation. */
  readonly rules: readonly string[];
}


const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
// Built code sits beside the bundle in dist/; the sources (run by tests) find it there too.
const distDir = basename(here) === 'src' ? join(here, '..', 'dist') : here;

/**
 * Absolute path of the bundled spec (JSON).
 * @example
 * import { specPath } from '@org/liveminutes-spec';
 * console.log(specPath); // .../node_modules/@org/liveminutes-spec/dist/liveminutes.openapi.json
 */
export const specPath: string = join(distDir, 'liveminutes.openapi.json');

let cached: OpenApiDocument | undefined;

/**
 * Reads the bundled spec. The object is shared and frozen deeply; copy it to change it.
 * @example
 * import { loadSpec } from '@org/liveminutes-spec';
 * const spec = loadSpec();
 * console.log(spec.info.version, Object.keys(spec.paths).length); // '0.1.0' 8
 */
export function loadSpec(): OpenApiDocument {
  cached ??= deepFreeze(JSON.parse(readFileSync(specPath, 'utf8')) as OpenApiDocument);
  return cached;
}

/**
 * Resolves every internal `$ref` (`#/...`) of a value against the spec. Sibling
 * keywords beside a `$ref` (such as a `description`) win over the target's.
 * @example
 * const schema = resolveRefs(loadSpec(), { $ref: '#/components/schemas/UserId' });
 * schema.maxLength; // 50
 */
export function resolveRefs<T>(spec: OpenApiDocument, value: T, seen: readonly string[] = []): T {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(spec, item, seen)) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  let result: Record<string, unknown> = {};
  if (typeof record.$ref === 'string') {
    const ref = record.$ref;
    if (seen.includes(ref)) throw new Error(`Circular $ref ${ref}`);
    result = { ...(resolveRefs(spec, resolvePointer(spec, ref), [...seen, ref]) as object) };
  }
  for (const [key, child] of Object.entries(record)) {
    if (key !== '$ref') result[key] = resolveRefs(spec, child, seen);
  }
  return result as T;
}

function resolvePointer(spec: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only internal $refs are supported, got ${ref}`);
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) throw new Error(`Unresolved $ref ${ref}`);
  }
  return node;
}

/**
 * The operation ids, in the spec's order (the API's own names).
 * @example
 * operationIds(loadSpec()); // ['createMeeting', 'addParticipant', ...]
 */
export function operationIds(spec: OpenApiDocument = loadSpec()): string[] {
  return Object.values(spec.paths).map((item) => requirePost(item).operationId);
}

/**
 * One operation with its request, success and failure schemas resolved.
 * @example
 * const op = getOperation('createMeeting');
 * op.requestSchema.required; // ['meetingKey', 'hostid']
 */
export function getOperation(operationId: string, spec: OpenApiDocument = loadSpec()): OperationInfo {
  for (const [path, item] of Object.entries(spec.paths)) {
    const operation = requirePost(item);
    if (operation.operationId !== operationId) continue;
    const form = operation.requestBody.content[FORM_MEDIA_TYPE];
    if (!form) throw new Error(`${operationId} has no ${FORM_MEDIA_TYPE} body`);
    const ok = resolveRefs(spec, operation.responses['200']) as {
      content: { 'application/json': { schema: { oneOf: JsonSchema[] } } };
    };
    const [successSchema, failureSchema] = ok.content['application/json'].schema.oneOf;
    if (!successSchema || !failureSchema) throw new Error(`${operationId}: 200 is not oneOf [success, failure]`);
    return {
      operationId,
      path,
      operation,
      requestSchema: resolveRefs(spec, form.schema),
      successSchema,
      failureSchema,
      errors: operation['x-liveminutes-errors'],
      retry: operation['x-liveminutes-retry'],
      rules: operation['x-liveminutes-rules'],
    };
  }
  throw new Error(`Unknown operation ${operationId}`);
}

/**
 * The rules, by id.
 * @example
 * getRules().get('param.user-id-length')?.level; // 'MUST'
 */
export function getRules(spec: OpenApiDocument = loadSpec()): ReadonlyMap<string, Rule> {
  return new Map(spec['x-liveminutes-rules'].map((rule) => [rule.id, rule]));
}

/**
 * One rule by id; throws on an unknown id so that a typo is caught at once.
 * @example
 * getRule('quota.limits').level; // 'MUST' (its data: limits())
 */
export function getRule(id: string, spec: OpenApiDocument = loadSpec()): Rule {
  const rule = getRules(spec).get(id);
  if (!rule) throw new Error(`Unknown rule ${id}`);
  return rule;
}

/**
 * A string enum of the spec (MeetingStatus, ParticipantStatus, ErrorCode) with
 * each value's name and meaning, from `x-enum-varnames` and `x-enum-descriptions`.
 * @example
 * getEnum('MeetingStatus')[1]; // { value: '8', name: 'inProgress', description: 'In progress, ...' }
 */
export function getEnum(
  schemaName: string,
  spec: OpenApiDocument = loadSpec(),
): Array<{ value: string; name: string; description: string }> {
  const schema = spec.components.schemas[schemaName];
  const values = schema?.enum as string[] | undefined;
  const names = schema?.['x-enum-varnames'] as string[] | undefined;
  const descriptions = schema?.['x-enum-descriptions'] as string[] | undefined;
  if (!values || !names || !descriptions) throw new Error(`${schemaName} is not a described enum`);
  return values.map((value, i) => ({ value, name: names[i] ?? value, description: descriptions[i] ?? '' }));
}

function requirePost(item: Record<string, OpenApiOperation>): OpenApiOperation {
  const post = item.post;
  if (!post) throw new Error('Every path has a post operation');
  return post;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
