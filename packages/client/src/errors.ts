/**
 * @module errors
 * The client's error classes (stripe-node style): a base `LiveMinutesError`
 * and subclasses chosen by the API's `error` code, plus `ConnectionError` and
 * `ProtocolError` for answers that never came or are not the spec's shape.
 * The code -> class map lives here and nowhere else. No error ever holds a
 * credential: messages are built from operation names, codes and the server's
 * strings with every credential redacted (`redact.ts`).
 */
import type { components } from './generated/openapi.js';

/** An error code of the spec's `ErrorCode` enum. */
export type ErrorCode = components['schemas']['ErrorCode'];

/** What an error knows about the failed call. */
export interface LiveMinutesErrorDetails {
  /** The operation called, e.g. `createMeeting`. */
  readonly operation: string;
  /** `0` when the server answered a failure; undefined when there was no usable answer. */
  readonly resultcode?: number | undefined;
  /** The API's `error` code (or `invalid_parameter` for validation before sending). */
  readonly code?: string | undefined;
  /** The offending parameter, for `invalid_parameter`. */
  readonly param?: string | undefined;
  /** The HTTP status of the answer, when there was one. */
  readonly httpStatus?: number | undefined;
  /** The underlying error (network failure, JSON syntax error). */
  readonly cause?: unknown;
}

/**
 * Every error the client rejects with. Check `instanceof` a subclass, or `code`.
 * @example
 * try {
 *   await lm.getMeetingUrl({ meetingKey: 'nope' });
 * } catch (error) {
 *   if (error instanceof LiveMinutesError) console.log(error.operation, error.code); // 'getMeetingUrl' 'meeting_not_found'
 * }
 */
export class LiveMinutesError extends Error {
  static {
    this.prototype.name = 'LiveMinutesError';
  }
  // `declare`: assigned in the constructor, so no field initialisers in the output (bundle size).
  declare readonly operation: string;
  declare readonly resultcode: number | undefined;
  declare readonly code: string | undefined;
  declare readonly param: string | undefined;
  declare readonly httpStatus: number | undefined;

  constructor(message: string, details: LiveMinutesErrorDetails) {
    // Error reads `cause` from the details only when they hold one.
    super(message, details);
    ({
      operation: this.operation,
      resultcode: this.resultcode,
      code: this.code,
      param: this.param,
      httpStatus: this.httpStatus,
    } = details);
  }

  /** A plain rendering for logs: the same fields, and the message. */
  toJSON(): Omit<LiveMinutesErrorDetails, 'cause'> & { name: string; message: string } {
    // Own enumerable fields are exactly operation, resultcode, code, param and httpStatus.
    return { ...this, name: this.name, message: this.message };
  }
}

/**
 * `auth_failed`: the AccountSid is unknown or the AuthToken wrong.
 * @example
 * if (error instanceof AuthenticationError) rotateCredentials();
 */
export class AuthenticationError extends LiveMinutesError {
  static {
    this.prototype.name = 'AuthenticationError';
  }
}

/**
 * `meeting_not_found`, `participant_not_found`, or `not_found` (no such path).
 * @example
 * if (error instanceof NotFoundError) await lm.createMeeting({ meetingKey, hostid });
 */
export class NotFoundError extends LiveMinutesError {
  static {
    this.prototype.name = 'NotFoundError';
  }
}

/**
 * `invalid_parameter` from the server, or a parameter refused before sending; `param` names it.
 * @example
 * if (error instanceof ValidationError) console.log(`fix ${error.param}`);
 */
export class ValidationError extends LiveMinutesError {
  static {
    this.prototype.name = 'ValidationError';
  }
}

/**
 * `limit_exceeded`: the account's user or session quota would be exceeded.
 * @example
 * if (error instanceof QuotaExceededError) await lm.cancelMeeting({ meetingKey: oldest });
 */
export class QuotaExceededError extends LiveMinutesError {
  static {
    this.prototype.name = 'QuotaExceededError';
  }
}

/**
 * `meeting_exists`: createMeeting with a live key that belongs to another host.
 * @example
 * if (error instanceof ConflictError) await lm.createMeeting({ meetingKey: '', hostid });
 */
export class ConflictError extends LiveMinutesError {
  static {
    this.prototype.name = 'ConflictError';
  }
}

/**
 * `meeting_closed`: addParticipant on a finished meeting.
 * @example
 * if (error instanceof MeetingClosedError) showMessage('This meeting has ended');
 */
export class MeetingClosedError extends LiveMinutesError {
  static {
    this.prototype.name = 'MeetingClosedError';
  }
}

/**
 * No answer: a network failure or a timeout (after any retries).
 * @example
 * if (error instanceof ConnectionError) queueForLater();
 */
export class ConnectionError extends LiveMinutesError {
  static {
    this.prototype.name = 'ConnectionError';
  }
}

/**
 * An answer that cannot be read: not JSON (an HTML error page), no integer
 * `resultcode` 0 or 1, `resultcode` 1 with a non-2xx HTTP status, a field the
 * client reads (a success field, or a failure's `error`, `message`, `param`)
 * missing where required or not a string. Values of the right type that the
 * spec does not list (a status, an error code) are not protocol errors.
 * @example
 * if (error instanceof ProtocolError) console.log(error.httpStatus); // 502
 */
export class ProtocolError extends LiveMinutesError {
  static {
    this.prototype.name = 'ProtocolError';
  }
}

/**
 * A `ValidationError` for a parameter refused before sending (code `invalid_parameter`, like the server's).
 * @example
 * throw invalidParameter('createMeeting', 'hostid', 'is required'); // 'createMeeting: hostid is required'
 */
export function invalidParameter(operation: string, param: string, why: string): ValidationError {
  return new ValidationError(`${operation}: ${param} ${why}`, { operation, code: 'invalid_parameter', param });
}

/**
 * The one place that maps an API error code to its class: every code of the spec's
 * `ErrorCode` enum (the type makes a code the spec adds or drops a compile error here),
 * in the spec's order.
 */
export const classByCode: Record<ErrorCode, typeof LiveMinutesError> = {
  auth_failed: AuthenticationError,
  invalid_parameter: ValidationError,
  meeting_not_found: NotFoundError,
  participant_not_found: NotFoundError,
  meeting_exists: ConflictError,
  meeting_closed: MeetingClosedError,
  limit_exceeded: QuotaExceededError,
  not_found: NotFoundError,
  method_not_allowed: LiveMinutesError,
  payload_too_large: LiveMinutesError,
  unsupported_media_type: LiveMinutesError,
  internal_error: LiveMinutesError,
};

/**
 * The error for a failure answer (`resultcode` 0), its class chosen by `code`;
 * a code outside the spec's list gets the base class and keeps its value.
 * @example
 * failureError('getMeetingUrl: No live meeting', { operation: 'getMeetingUrl', resultcode: 0, code: 'meeting_not_found' });
 * // NotFoundError
 */
export function failureError(message: string, details: LiveMinutesErrorDetails): LiveMinutesError {
  // hasOwn: a server's code such as "constructor" must not reach Object.prototype.
  const code = details.code as ErrorCode;
  return new (Object.hasOwn(classByCode, code) ? classByCode[code] : LiveMinutesError)(message, details);
}
