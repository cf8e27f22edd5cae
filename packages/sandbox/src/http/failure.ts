/**
 * The one place where failure values become the spec's failure shape:
 * `{ resultcode: 0, error, message, param? }` and the HTTP status. The error
 * codes are checked against the spec's ErrorCode enum at load, and transport
 * statuses (404, 405, 413, 415) are read from the spec's responses.
 */
import { getEnum, getRule, loadSpec, resolveRefs } from '@org/liveminutes-spec';
import type { StoreFailure } from '../store/index.js';

const maxBodyBytes = Number(getRule('transport.payload-too-large').data?.maxBodyBytes);

const MESSAGES = {
  auth_failed: 'Authentication failed; check the AccountSid and AuthToken.',
  invalid_parameter: 'A parameter is missing or invalid.',
  meeting_not_found: 'No live meeting with this key in this account.',
  participant_not_found: 'No live participant with this puid in this meeting.',
  meeting_exists: 'A live meeting with this key belongs to another host.',
  meeting_closed: 'The meeting has finished; no participant can be added.',
  limit_exceeded: "The account's quota would be exceeded.",
  not_found: 'No operation at this path.',
  method_not_allowed: 'Use POST.',
  payload_too_large: `The request body is over ${maxBodyBytes} bytes.`,
  unsupported_media_type: 'Send application/x-www-form-urlencoded or multipart/form-data.',
  internal_error: 'The sandbox failed unexpectedly.',
} as const;

/** An error code of the spec's ErrorCode enum. */
export type ErrorCode = keyof typeof MESSAGES;

{
  const specCodes = getEnum('ErrorCode').map((entry) => entry.value);
  const known = Object.keys(MESSAGES);
  if (specCodes.length !== known.length || !specCodes.every((code) => known.includes(code))) {
    throw new Error(`The sandbox's error codes (${known.join(', ')}) differ from the spec's (${specCodes.join(', ')})`);
  }
}

/** A failed call, before it is answered. */
export interface ApiFailure {
  readonly error: ErrorCode;
  /** Overrides the code's default sentence. Never carries a credential. */
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

/** HTTP statuses of the transport failures, from the spec's non-200 responses. */
const transportStatus: ReadonlyMap<string, number> = (() => {
  const spec = loadSpec();
  const statuses = new Map<string, number>();
  for (const item of Object.values(spec.paths)) {
    for (const [status, response] of Object.entries(item.post?.responses ?? {})) {
      if (status === '200') continue;
      const resolved = resolveRefs(spec, response) as {
        content?: Record<string, { examples?: Record<string, { value?: { error?: string } }> }>;
      };
      for (const media of Object.values(resolved.content ?? {})) {
        for (const example of Object.values(media.examples ?? {})) {
          if (example.value?.error) statuses.set(example.value.error, Number(status));
        }
      }
    }
  }
  return statuses;
})();

/** The body size limit of the spec's rule transport.payload-too-large. */
export const MAX_BODY_BYTES: number = maxBodyBytes;

/**
 * The HTTP status and JSON body of a failure. Operation failures are HTTP 200;
 * transport failures take the spec's status.
 * @example
 * failureResponse({ error: 'invalid_parameter', param: 'hostid', message: 'hostid is required.' });
 * // { status: 200, body: { resultcode: 0, error: 'invalid_parameter', message: 'hostid is required.', param: 'hostid' } }
 * failureResponse({ error: 'method_not_allowed' }).status; // 405
 */
export function failureResponse(failure: ApiFailure): { status: number; body: FailureBody } {
  const body: FailureBody = {
    resultcode: 0,
    error: failure.error,
    message: failure.message ?? MESSAGES[failure.error],
    ...(failure.param !== undefined ? { param: failure.param } : {}),
  };
  return { status: transportStatus.get(failure.error) ?? 200, body };
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
