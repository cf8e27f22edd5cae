/**
 * Failures as the spec defines them: the error codes, which an operation may
 * answer, the answers of requests that reach no operation (HTTP status,
 * headers, code and sentence) and each code's example sentence.
 */
import { getEnum, getOperation, getRule, loadSpec, operationIds, resolveRefs, type JsonSchema } from './document.js';

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
 * The sentence of a code's example failure body, naming the code's rule, or
 * naming `rule` instead when given; undefined when the spec gives none
 * (`internal_error`). `invalid_parameter` and `limit_exceeded` examples name
 * one parameter or quota: servers say which one they mean.
 * @example
 * failureMessage('meeting_not_found'); // 'No live meeting with this key in this account (rule not-found.meeting).'
 * failureMessage('meeting_not_found', 'account.isolation'); // 'No live meeting with this key in this account (rule account.isolation).'
 */
export function failureMessage(code: string, rule?: string): string | undefined {
  messages ??= readMessages();
  const message = messages.get(code);
  const own = failureRule(code);
  if (message === undefined || rule === undefined || own === undefined || rule === own) return message;
  const suffix = withRule('', own).slice(0, -1);
  return message.endsWith(`${suffix}.`) ? withRule(message.slice(0, -suffix.length - 1), rule) : message;
}

function readMessages(): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const example of Object.values(loadSpec().components.examples)) {
    const { error, message } = (example.value ?? {}) as { error?: unknown; message?: unknown };
    if (typeof error === 'string' && typeof message === 'string') found.set(error, message);
  }
  return found;
}

/** What made a parameter invalid when no bound of its schema did (`x-liveminutes-failure-rules`). */
export type InvalidParameterCause = 'repeated' | 'file' | 'body';

interface FailureRules {
  readonly byCode: ReadonlyMap<string, string>;
  readonly invalidParameter: Readonly<Record<InvalidParameterCause, string>>;
}

let failureRules: FailureRules | undefined;

/**
 * The rule a failure code comes from: the ErrorCode's `x-liveminutes-failure-rules`,
 * or for a transport code the rule its response cites. Undefined for
 * `invalid_parameter`, whose rule is the broken bound's (a parameter's
 * `rules`) or its cause's ({@link invalidParameterRule}).
 * @example
 * failureRule('meeting_not_found'); // 'not-found.meeting'
 * failureRule('method_not_allowed'); // 'transport.method-not-allowed'
 * failureRule('invalid_parameter'); // undefined
 */
export function failureRule(code: string): string | undefined {
  failureRules ??= readFailureRules();
  return failureRules.byCode.get(code);
}

/**
 * The rule behind an `invalid_parameter` that no schema bound explains.
 * @example
 * invalidParameterRule('repeated'); // 'transport.repeated-parameter'
 */
export function invalidParameterRule(cause: InvalidParameterCause): string {
  failureRules ??= readFailureRules();
  return failureRules.invalidParameter[cause];
}

/**
 * A failure sentence naming its rule, as servers built to this spec write
 * `message` (and as the spec's examples show).
 * @example
 * withRule('puid must be at most 50 characters.', 'param.user-id-length');
 * // 'puid must be at most 50 characters (rule param.user-id-length).'
 */
export function withRule(sentence: string, rule: string): string {
  return `${sentence.replace(/\.$/, '')} (rule ${rule}).`;
}

function readFailureRules(): FailureRules {
  const schema = loadSpec().components.schemas.ErrorCode as JsonSchema | undefined;
  const declared = (schema?.['x-liveminutes-failure-rules'] ?? {}) as Record<string, unknown>;
  const codes = new Set(errorCodes().map((code) => code.value));
  const invalid = 'invalid_parameter';
  const byCode = new Map<string, string>();
  for (const [code, rule] of Object.entries(declared)) {
    if (!codes.has(code)) throw new Error(`x-liveminutes-failure-rules: ${code} is not an error code`);
    if (code === invalid) continue;
    if (typeof rule !== 'string') throw new Error(`x-liveminutes-failure-rules: ${code} needs one rule id`);
    byCode.set(code, getRule(rule).id);
  }
  for (const failure of transportFailures()) byCode.set(failure.code, failure.rule);
  const causes = (declared[invalid] ?? {}) as Record<string, unknown>;
  const cause = (name: InvalidParameterCause): string => {
    const rule = causes[name];
    if (typeof rule !== 'string') throw new Error(`x-liveminutes-failure-rules: invalid_parameter needs a rule for ${name}`);
    return getRule(rule).id;
  };
  const missing = [...codes].filter((code) => code !== invalid && !byCode.has(code));
  if (missing.length > 0) throw new Error(`x-liveminutes-failure-rules: no rule for ${missing.join(', ')}`);
  return { byCode, invalidParameter: { repeated: cause('repeated'), file: cause('file'), body: cause('body') } };
}
