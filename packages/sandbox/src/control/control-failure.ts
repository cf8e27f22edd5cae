/**
 * The control API's failures, in its document's shape: `{ error, message,
 * param?, status? }` with the HTTP status its `ControlErrorCode` gives each
 * code (`controlErrors()` of the spec). One place maps a failure to an answer.
 */
import type { ServerResponse } from 'node:http';
import { controlErrors } from '@org/liveminutes-spec';
import { sendJson } from '../http/json-response.js';

/** A control API failure, before it is answered. */
export interface ControlFailure {
  readonly error: string;
  /** One sentence for a person; never a credential. */
  readonly message: string;
  /** The offending field, for invalid_request. */
  readonly param?: string | undefined;
  /** The current status, for action_not_allowed. */
  readonly status?: string | undefined;
}

const statuses = new Map(controlErrors().map((info) => [info.code, info.httpStatus]));

/** The realm of the control API's basic auth challenge. */
export const CONTROL_CHALLENGE = 'Basic realm="LiveMinutes sandbox control API", charset="UTF-8"';

/**
 * The HTTP status of a control error code; an unknown code is a bug and throws.
 * @example
 * controlStatus('action_not_allowed'); // 409
 */
export function controlStatus(code: string): number {
  const status = statuses.get(code);
  if (status === undefined) throw new Error(`${code} is not an error code of the control API`);
  return status;
}

/**
 * Answers a failure with its status (and `Allow` or the auth challenge where they belong).
 * @example
 * sendControlFailure(res, { error: 'meeting_not_found', message: 'No live meeting with this key in this account.' }); // 404
 */
export function sendControlFailure(res: ServerResponse, failure: ControlFailure, headers: Readonly<Record<string, string>> = {}): number {
  const status = controlStatus(failure.error);
  const body = {
    error: failure.error,
    message: failure.message,
    ...(failure.param !== undefined ? { param: failure.param } : {}),
    ...(failure.status !== undefined ? { status: failure.status } : {}),
  };
  sendJson(res, status, body, { ...(failure.error === 'auth_failed' ? { 'www-authenticate': CONTROL_CHALLENGE } : {}), ...headers });
  return status;
}
