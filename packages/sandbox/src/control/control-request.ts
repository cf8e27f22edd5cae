/**
 * A control request's JSON body and query, read within the spec's body
 * bound and checked against the control document's schemas (ajv, the spec's
 * validator): the first problem becomes `invalid_request` naming its field.
 */
import type { IncomingMessage } from 'node:http';
import { createValidator, maxBodyBytes, type ControlOperation } from '@org/liveminutes-spec';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { drainRefused, readBody } from '../http/body.js';
import type { ControlFailure } from './control-failure.js';

/** A parsed, valid request: its JSON body (an object) and its query. */
export type ControlInput =
  | { readonly ok: true; readonly body: Readonly<Record<string, unknown>>; readonly query: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly failure: ControlFailure; readonly close?: boolean };

const ajv = createValidator({ allErrors: false });
const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
  return validate;
}

const invalid = (message: string, param?: string): ControlInput => ({ ok: false, failure: { error: 'invalid_request', message, param } });

function describe(error: ErrorObject, where: string): ControlInput {
  if (error.keyword === 'required') return invalid(`${String(error.params.missingProperty)} is required.`, String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') {
    const extra = String(error.params.additionalProperty);
    return invalid(`${extra} is not a field of this request.`, extra);
  }
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const name = path || where;
  if (error.keyword === 'enum') return invalid(`${name} must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}.`, path || undefined);
  return invalid(`${name} ${error.message ?? 'is invalid'}.`, path || undefined);
}

/**
 * Reads and checks one request for `operation`: JSON body (when it takes one), query parameters.
 * @example
 * const input = await readControlInput(req, controlOperation('moveMeeting'), new URLSearchParams());
 * if (input.ok) input.body.action; // 'start'
 */
export async function readControlInput(req: IncomingMessage, operation: ControlOperation, search: URLSearchParams): Promise<ControlInput> {
  const query: Record<string, string> = {};
  for (const [name, schema] of Object.entries(operation.query)) {
    const values = search.getAll(name);
    if (values.length === 0) continue;
    if (values.length > 1) return invalid(`${name} was given more than once.`, name);
    if (!validator(`${operation.operationId}?${name}`, schema)(values[0])) return invalid(`${name} must match ${String(schema.pattern ?? 'its schema')}.`, name);
    query[name] = values[0]!;
  }
  const raw = await readBody(req, maxBodyBytes());
  if (raw === undefined) {
    await drainRefused(req);
    return { ok: false, failure: { error: 'payload_too_large', message: `The body is over ${maxBodyBytes()} bytes.` }, close: true };
  }
  if (!operation.requestSchema) {
    return raw.length === 0 ? { ok: true, body: {}, query } : invalid('This request takes no body.');
  }
  if (raw.length === 0) {
    return operation.bodyRequired ? invalid('The body is required: a JSON object.') : { ok: true, body: {}, query };
  }
  const media = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (media !== 'application/json') {
    return { ok: false, failure: { error: 'unsupported_media_type', message: 'Send the body as application/json.' } };
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return invalid('The body is not JSON (UTF-8).');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return invalid('The body must be a JSON object.');
  const validate = validator(operation.operationId, operation.requestSchema);
  if (validate(body)) return { ok: true, body: body as Record<string, unknown>, query };
  const first = validate.errors?.[0];
  return first ? describe(first, 'The body') : invalid('The body is invalid.');
}
