/**
 * The one place where failure values become the spec's failure shape:
 * `{ resultcode: 0, error, message, param? }`, the HTTP status and fixed
 * headers. Codes, transport statuses (404, 405, 413, 415), their headers and
 * the sentences all come from the spec's model; only the sentence of a server
 * fault, which the spec leaves to each server, is the sandbox's own.
 */
import { errorCodes, failureMessage, serverFaultCode, transportFailures } from '@org/liveminutes-spec';
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
 * failureResponse({ error: 'invalid_parameter', param: 'hostid', message: 'hostid is required.' });
 * // { status: 200, headers: {}, body: { resultcode: 0, error: 'invalid_parameter', message: 'hostid is required.', param: 'hostid' } }
 * failureResponse({ error: 'method_not_allowed' }).headers; // { allow: 'POST' }
 */
export function failureResponse(failure: ApiFailure): { status: number; headers: Readonly<Record<string, string>>; body: FailureBody } {
  if (!known.has(failure.error)) throw new Error(`${failure.error} is not an error code of the spec`);
  const fallback = failure.error === serverFaultCode() ? SERVER_FAULT_MESSAGE : (failureMessage(failure.error) ?? SERVER_FAULT_MESSAGE);
  const body: FailureBody = {
    resultcode: 0,
    error: failure.error,
    message: failure.message ?? fallback,
    ...(failure.param !== undefined ? { param: failure.param } : {}),
  };
  const answer = transport.get(failure.error);
  return { status: answer?.status ?? 200, headers: answer?.headers ?? {}, body };
}

/**
 * A store failure as an API failure.
 * @example
 * fromStoreFailure({ ok: false, code: 'limit_exceeded', quota: 'users', limit: 1000 }).message;
 * // "The account's users quota (1000) would be exceeded."
 */
export function fromStoreFailure(failure: StoreFailure): ApiFailure {
  if (failure.code === 'limit_exceeded' && failure.quota) {
    return { error: failure.code, message: `The account's ${failure.quota} quota (${failure.limit}) would be exceeded.` };
  }
  return { error: failure.code };
}
