/**
 * The sandbox control API's own OpenAPI document (`openapi/control.yaml`,
 * bundled as `dist/liveminutes-control.openapi.json`), read once: its
 * operations with their paths, methods, resolved request schemas and success
 * statuses, and its error codes with their HTTP statuses. The sandbox serves
 * it from these; its lifecycle actions are the API's (model.test checks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveRefs, specPath, type JsonSchema, type OpenApiDocument } from './document.js';

/**
 * Absolute path of the bundled control API document (JSON).
 * @example
 * import { controlSpecPath } from '@org/liveminutes-spec';
 * controlSpecPath; // .../dist/liveminutes-control.openapi.json
 */
export const controlSpecPath: string = join(specPath, '..', 'liveminutes-control.openapi.json');

/** One operation of the control API. */
export interface ControlOperation {
  readonly operationId: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The request path, e.g. `/control/move-meeting`. */
  readonly path: string;
  /** The JSON body's schema, every `$ref` resolved; undefined when the operation takes no body. */
  readonly requestSchema: JsonSchema | undefined;
  /** Whether a body is required (`requestBody.required`). */
  readonly bodyRequired: boolean;
  /** The query parameters' schemas by name, resolved. */
  readonly query: Readonly<Record<string, JsonSchema>>;
  /** The HTTP status of success (200 or 201). */
  readonly successStatus: number;
}

/** One error code of the control API. */
export interface ControlErrorInfo {
  readonly code: string;
  readonly httpStatus: number;
  readonly description: string;
}

let cached: OpenApiDocument | undefined;
let operations: readonly ControlOperation[] | undefined;
let errors: readonly ControlErrorInfo[] | undefined;

/**
 * Reads the bundled control API document (shared; do not change it).
 * @example
 * loadControlSpec().info.title; // 'LiveMinutes sandbox control API'
 */
export function loadControlSpec(): OpenApiDocument {
  cached ??= JSON.parse(readFileSync(controlSpecPath, 'utf8')) as OpenApiDocument;
  return cached;
}

/**
 * The control API's operations, in the document's order.
 * @example
 * controlOperations().map((op) => `${op.method} ${op.path}`);
 * // ['POST /control/move-meeting', 'POST /control/move-participant', ..., 'GET /control/calls']
 */
export function controlOperations(): readonly ControlOperation[] {
  operations ??= readOperations();
  return operations;
}

/**
 * One control operation by id; throws for an unknown one.
 * @example
 * controlOperation('createAccount').successStatus; // 201
 */
export function controlOperation(operationId: string): ControlOperation {
  const found = controlOperations().find((op) => op.operationId === operationId);
  if (!found) throw new Error(`Unknown control operation ${operationId}`);
  return found;
}

/**
 * The control API's error codes with their HTTP statuses (`ControlErrorCode`
 * and its `x-liveminutes-http-status`).
 * @example
 * controlErrors().find((e) => e.code === 'action_not_allowed')?.httpStatus; // 409
 */
export function controlErrors(): readonly ControlErrorInfo[] {
  errors ??= readErrors();
  return errors;
}

function readOperations(): ControlOperation[] {
  const spec = loadControlSpec();
  const found: ControlOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(item as Record<string, unknown>)) {
      const operation = resolveRefs(spec, raw) as {
        operationId: string;
        requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
        parameters?: Array<{ name: string; in: string; schema: JsonSchema }>;
        responses: Record<string, unknown>;
      };
      const success = Object.keys(operation.responses).map(Number).find((status) => status >= 200 && status < 300);
      if (success === undefined) throw new Error(`${operation.operationId} has no success response`);
      const body = operation.requestBody?.content['application/json'];
      if (operation.requestBody && !body) throw new Error(`${operation.operationId}: a body must be application/json`);
      found.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        requestSchema: body?.schema,
        bodyRequired: operation.requestBody?.required === true,
        query: Object.fromEntries((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        successStatus: success,
      });
    }
  }
  return found;
}

function readErrors(): ControlErrorInfo[] {
  const schema = loadControlSpec().components.schemas.ControlErrorCode ?? {};
  const codes = schema.enum as string[] | undefined;
  const statuses = schema['x-liveminutes-http-status'] as number[] | undefined;
  const descriptions = schema['x-enum-descriptions'] as string[] | undefined;
  if (!codes || statuses?.length !== codes.length || descriptions?.length !== codes.length) {
    throw new Error('ControlErrorCode needs an HTTP status and a description per code');
  }
  return codes.map((code, i) => ({ code, httpStatus: statuses[i]!, description: descriptions[i]! }));
}
