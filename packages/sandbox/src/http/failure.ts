/**
 * The one place where failure values become the spec's failure shape:
 * `{ resultcode: 0, error, message, param? }`, the HTTP status and fixed
 * headers. Codes, transport statuses (404, 405, 413, 415), their headers, the
 * sentences and the rule each message names all come from the spec's model;
 * only the sentence of a server fault, which the spec leaves to each server,
 * is the sandbox's own.
 */
import { errorCodes, failureMessage, failureRule, serverFaultCode, transportFailures, withRule } from '@org/liveminutes-spec';
import type { StoreFailure } from '../store/index.js';

/** An error code of the spec's ErrorCode enum. */
export type ErrorCode = string;

const SERVER_FAULT_MESSAGE = 'The sandbox failed unexpectedly.';
const known = new Set(errorCodes().map((code) => code.value));
const transport = new Map(transportFailures().map((failure) => [failure.code, failure]));

/** A failed call, before it is answered. */
export interface ApiFailure {
  readonly error: ErrorCode;
  /**
   * Overrides the code's example sentence; give one for `invalid_parameter`
   * and `limit_exceeded`, whose examples name one parameter or quota. Never
   * carries a credential.
   */
  readonly message?: string | undefined;
  /** The offending parameter, for invalid_parameter. */
  readonly param?: string | undefined;
  /**
   * The id of the spec rule the call broke; default the code's rule
   * (`failureRule`). An invalid_parameter always gives it (the bound's rule).
   */
  readonly rule?: string | undefined;
  /** The broken bound (`maxLength 50`), for invalid_parameter; shown by the request inspector, not sent. */
  readonly bound?: string | undefined;
}

/** The JSON body of a failure. */
export interface FailureBody {
  readonly resultcode: 0;
  readonly error: ErrorCode;
  readonly message: string;
  readonly param?: string;
}

/**
 * The HTTP status, headers and JSON body of a failure. Operation failures are
 * HTTP 200; transport failures take the spec's status and headers. An unknown
 * code is a bug of the sandbox and throws.
 * @example
 * failureResponse({ error: 'invalid_parameter', param: 'hostid', message: 'hostid is required.', rule: 'param.user-id-length' });
 * // { status: 200, headers: {}, body: { resultcode: 0, error: 'invalid_parameter', message: 'hostid is required (rule param.user-id-length).', param: 'hostid' } }
 * failureResponse({ error: 'meeting_not_found' }).body.message; // 'No live meeting with this key in this account (rule not-found.meeting).'
 * failureResponse({ error: 'method_not_allowed' }).headers; // { allow: 'POST' }
 */
export function failureResponse(failure: ApiFailure): {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: FailureBody;
  /** The rule the message names; undefined only for an invalid_parameter given none. */
  rule: string | undefined;
} {
  if (!known.has(failure.error)) throw new Error(`${failure.error} is not an error code of the spec`);
  const rule = failure.rule ?? failureRule(failure.error);
  // The spec's example sentences name the rule already.
  const example = failure.message === undefined && failure.error !== serverFaultCode() ? failureMessage(failure.error, rule) : undefined;
  const sentence = failure.message ?? SERVER_FAULT_MESSAGE;
  const body: FailureBody = {
    resultcode: 0,
    error: failure.error,
    message: example ?? (rule === undefined ? sentence : withRule(sentence, rule)),
    ...(failure.param !== undefined ? { param: failure.param } : {}),
  };
  const answer = transport.get(failure.error);
  return { status: answer?.status ?? 200, headers: answer?.headers ?? {}, body, rule };
}

/**
 * A store failure as an API failure.
 * @example
 * fromStoreFailure({ ok: false, code: 'limit_exceeded', quota: 'users', limit: 1000 }).message;
 * // "The account's users quota (1000) would be exceeded." (failureResponse adds the rule, quota.limits)
 */
export function fromStoreFailure(failure: StoreFailure): ApiFailure {
  if (failure.code === 'limit_exceeded' && failure.quota) {
    return { error: failure.code, message: `The account's ${failure.quota} quota (${failure.limit}) would be exceeded.` };
  }
  return { error: failure.code };
}
