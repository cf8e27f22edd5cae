/**
 * Failures as the spec defines them: the error codes, which an operation may
 * answer, the answers of requests that reach no operation (HTTP status,
 * headers, code and sentence) and each code's example sentence.
 */
import { getEnum, getOperation, loadSpec, operationIds, resolveRefs, type JsonSchema } from './document.js';

/** An answer to a request that reaches no operation (unknown path, method, size, media type). */
export interface TransportFailure {
  /** The `error` code of the body. */
  readonly code: string;
  /** The HTTP status (404, 405, 413, 415). */
  readonly status: number;
  /** The example body's sentence. */
  readonly message: string;
  /** Headers whose value the spec fixes (`Allow: POST` for 405), lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The rule the answer follows (`transport.not-found`...). */
  readonly rule: string;
}

interface ResolvedResponse {
  'x-liveminutes-rules'?: string[];
  headers?: Record<string, { schema?: JsonSchema }>;
  content?: Record<string, { examples?: Record<string, { value?: { error?: unknown; message?: unknown } }> }>;
}

let transport: readonly TransportFailure[] | undefined;
let messages: ReadonlyMap<string, string> | undefined;

/**
 * The transport failures, the same for every operation (the spec's non-200 responses).
 * @example
 * transportFailures().map((f) => `${f.status} ${f.code}`);
 * // ['404 not_found', '405 method_not_allowed', '413 payload_too_large', '415 unsupported_media_type']
 */
export function transportFailures(): readonly TransportFailure[] {
  transport ??= readTransportFailures();
  return transport;
}

/**
 * One transport failure by its code; throws for a code that is not one.
 * @example
 * transportFailure('method_not_allowed').headers; // { allow: 'POST' }
 */
export function transportFailure(code: string): TransportFailure {
  const found = transportFailures().find((failure) => failure.code === code);
  if (!found) throw new Error(`${code} is not a transport failure of the spec`);
  return found;
}

function readTransportFailures(): TransportFailure[] {
  const spec = loadSpec();
  const byOperation = operationIds(spec).map((id) => {
    const failures: TransportFailure[] = [];
    for (const [status, response] of Object.entries(getOperation(id, spec).operation.responses)) {
      if (status === '200') continue;
      const resolved = resolveRefs(spec, response) as ResolvedResponse;
      const examples = Object.values(resolved.content ?? {}).flatMap((media) => Object.values(media.examples ?? {}));
      const [example, ...others] = examples;
      const { error, message } = example?.value ?? {};
      if (typeof error !== 'string' || typeof message !== 'string' || others.length > 0) {
        throw new Error(`${id} ${status}: expected one example with error and message`);
      }
      const headers: Record<string, string> = {};
      for (const [name, header] of Object.entries(resolved.headers ?? {})) {
        if (typeof header.schema?.const === 'string') headers[name.toLowerCase()] = header.schema.const;
      }
      const [rule] = resolved['x-liveminutes-rules'] ?? [];
      if (!rule) throw new Error(`${id} ${status}: the response cites no rule`);
      failures.push({ code: error, status: Number(status), message, headers, rule });
    }
    return failures;
  });
  const [first = []] = byOperation;
  if (byOperation.some((failures) => JSON.stringify(failures) !== JSON.stringify(first))) {
    throw new Error('The operations answer different transport failures');
  }
  return first;
}

/**
 * Every error code, with its meaning, in the spec's order (the ErrorCode enum).
 * @example
 * errorCodes()[0]; // { value: 'auth_failed', name: 'authFailed', description: 'AccountSid unknown, ...' }
 */
export function errorCodes(): ReadonlyArray<{ value: string; name: string; description: string }> {
  return getEnum('ErrorCode');
}

/**
 * The error codes an operation documents (`x-liveminutes-errors`).
 * @example
 * failureCodes('getMeetingUrl'); // ['auth_failed', 'invalid_parameter', 'meeting_not_found']
 */
export function failureCodes(operationId: string): readonly string[] {
  return getOperation(operationId).errors;
}

/**
 * The sentence of a code's example failure body, or undefined when the spec
 * gives none (`internal_error`). `invalid_parameter` and `limit_exceeded`
 * examples name one parameter or quota: servers say which one they mean.
 * @example
 * failureMessage('meeting_not_found'); // 'No live meeting with this key in this account.'
 */
export function failureMessage(code: string): string | undefined {
  messages ??= readMessages();
  return messages.get(code);
}

function readMessages(): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const example of Object.values(loadSpec().components.examples)) {
    const { error, message } = (example.value ?? {}) as { error?: unknown; message?: unknown };
    if (typeof error === 'string' && typeof message === 'string') found.set(error, message);
  }
  return found;
}
