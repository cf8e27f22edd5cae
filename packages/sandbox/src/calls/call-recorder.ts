/**
 * The request path's side of the inspector: one object per authenticated
 * call that collects what the call log needs (parameters as sent, the
 * AuthToken to keep out) and records the answer once it is sent. Kept apart
 * from the app so that the request path only calls `answered(...)`.
 */
import { operationParams } from '@org/liveminutes-spec';
import { parseBasicAuth, type AccountCredentials } from '../http/accounts.js';
import type { FormFields } from '../validation/request.js';
import type { CallLog } from './call-log.js';

/** How a file part is shown among the parameters. */
const FILE_VALUE = '(file)';

/** A failure as answered: its code, the rule its message named, the parameter and bound. */
export interface AnsweredFailure {
  readonly error: string;
  readonly rule: string;
  readonly param?: string | undefined;
  readonly bound?: string | undefined;
}

/** Collects one call of one account; see {@link startCall}. */
export interface CallRecorder {
  /** The parameters as sent: the validated ones, or the raw fields of a refused request. */
  sent(params: Readonly<Record<string, string>> | FormFields): void;
  /** Records the answer (status and JSON body) and, for a failure, the rule it broke and why. */
  answered(status: number, answer: object, failure?: AnsweredFailure): void;
}

const noop: CallRecorder = { sent() {}, answered() {} };

/**
 * Reads the credentials of an Authorization header, remembering the last
 * header read: a client sends the same one on every call, and decoding it
 * again was half of what recording cost on the request path.
 * @example
 * const credentialsOf = createCredentialsReader();
 * credentialsOf(req.headers.authorization)?.accountSid;
 */
export function createCredentialsReader(): (authorization: string | undefined) => AccountCredentials | undefined {
  let lastHeader: string | undefined;
  let last: AccountCredentials | undefined;
  return (authorization) => {
    if (authorization !== lastHeader) {
      lastHeader = authorization;
      last = parseBasicAuth(authorization);
    }
    return last;
  };
}

/**
 * Starts recording a call of `accountSid`. Without a call log (inspector off) it records nothing.
 * @example
 * const call = startCall(calls, accountSid, 'getMeetingStatus', authToken, performance.now());
 * call.sent(params);
 * call.answered(200, { resultcode: 1, status: '1' });
 */
export function startCall(
  log: CallLog | undefined,
  accountSid: string,
  operationId: string,
  authToken: string | undefined,
  started: number,
): CallRecorder {
  if (!log) return noop;
  const at = Date.now();
  let params: Readonly<Record<string, string>> = {};
  let fields: FormFields | undefined;
  return {
    sent(given) {
      if (given instanceof Map) {
        fields = given as FormFields;
        params = knownFields(operationId, fields);
      } else {
        params = given as Readonly<Record<string, string>>;
      }
    },
    answered(status, answer, failure) {
      const ms = performance.now() - started;
      const secrets = authToken ? [authToken] : [];
      const explained = failure && {
        error: failure.error,
        rule: failure.rule,
        ...(failure.param !== undefined ? { param: failure.param, sent: sentValue(fields, params, failure.param) } : {}),
        ...(failure.bound !== undefined ? { bound: failure.bound } : {}),
      };
      log.record(accountSid, { at, operation: operationId, params, status, answer: answer as Readonly<Record<string, unknown>>, ms, secrets, ...(explained ? { failure: explained } : {}) });
    },
  };
}

function knownFields(operationId: string, fields: FormFields): Record<string, string> {
  const params: Record<string, string> = {};
  for (const { name } of operationParams(operationId).params) {
    const value = fields.get(name)?.[0];
    if (value !== undefined) params[name] = typeof value === 'string' ? value : FILE_VALUE;
  }
  return params;
}

/** What was sent for one parameter: its value, every value of a repeated one (as JSON), or undefined when missing. */
function sentValue(fields: FormFields | undefined, params: Readonly<Record<string, string>>, name: string): string | undefined {
  const values = fields?.get(name);
  if (!values) return params[name];
  if (values.length === 0) return undefined;
  const shown = values.map((value) => (typeof value === 'string' ? value : FILE_VALUE));
  return shown.length === 1 ? shown[0] : JSON.stringify(shown);
}
