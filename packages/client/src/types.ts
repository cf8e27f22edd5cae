/**
 * @module types
 * The client's public types, derived from the generated ones: each method's
 * input is the operation's form body (with `time` also accepted as a `Date`
 * and `duration` as a number, as the generated field rules say), and its
 * result is the success body without `resultcode`, a status carrying its
 * name and meaning from the spec's enum (or `UnknownStatus`, for a value the
 * spec does not list).
 */
import type { Client } from 'openapi-fetch';
import type { UnexpectedEvent } from './answer.js';
import type { operations, paths } from './generated/openapi.js';
import type { OperationMethods, operationSpecs } from './generated/spec-data.js';

type Specs = typeof operationSpecs;

/**
 * The API's operation names, e.g. `createMeeting`.
 * @example
 * const op: OperationId = 'getMeetingStatus';
 */
export type OperationId = keyof Specs;

/**
 * The form media type every operation takes.
 * @example
 * const type: FormMediaType = 'application/x-www-form-urlencoded';
 */
export type FormMediaType = typeof import('./generated/spec-data.js').formMediaType;

type FormBody<K extends OperationId> = operations[K]['requestBody']['content'][FormMediaType];
type FieldRule<K extends OperationId, P> = P extends keyof Specs[K]['fields'] ? Specs[K]['fields'][P] : never;
type Widen<Rule, T> = Rule extends { kind: 'time' } ? T | Date : Rule extends { kind: 'number' } ? T | number : T;

/**
 * The input of an operation, e.g. `OperationInput<'createMeeting'>`.
 * @example
 * const input: OperationInput<'addParticipant'> = { meetingKey: 'abcdef', puid: '456', nickname: 'Ann' };
 */
export type OperationInput<K extends OperationId> = {
  [P in keyof FormBody<K>]: Widen<FieldRule<K, P>, FormBody<K>[P]>;
};

type SuccessBody<K extends OperationId> = Extract<
  operations[K]['responses'][200]['content']['application/json'],
  { resultcode: 1 }
>;
type ResultSpec<K extends OperationId> = Specs[K]['result'];
type EnumField<K extends OperationId> = {
  [F in keyof ResultSpec<K>]: ResultSpec<K>[F] extends 0 ? never : F;
}[keyof ResultSpec<K>];
type Named<F extends PropertyKey, Table> = {
  [C in keyof Table]: { [_ in F]: C } & {
    /** The status's name, from the spec's `x-enum-varnames`. */
    name: Table[C] extends readonly [infer N, unknown] ? N : never;
    /** The status's meaning, from the spec's `x-enum-descriptions`. */
    description: string;
  };
}[keyof Table];
/**
 * A status the spec does not list (from a server newer than this client, or
 * one off the spec), as it was sent. `name` is `'unknown'`, so that a `switch`
 * on `name` covers every answer.
 * @example
 * const s: UnknownStatus = { status: '5', name: 'unknown', description: 'Not in the spec' };
 */
export type UnknownStatus<F extends PropertyKey = 'status'> = { [_ in F]: string } & {
  name: 'unknown';
  /** `'Not in the spec'` (`onUnexpected` hears the values the spec lists). */
  description: string;
};
type Simplify<T> = T extends unknown ? { [P in keyof T]: T[P] } : never;

/**
 * What an operation resolves with: its success fields, without `resultcode`.
 * Statuses come with their `name` and `description` from the spec, or as an
 * `UnknownStatus`: a union that narrows on `name`.
 * @example
 * const s: OperationResult<'getMeetingStatus'> = await lm.getMeetingStatus({ meetingKey });
 * if (s.name === 'inProgress') s.status; // '8'
 */
export type OperationResult<K extends OperationId> = Simplify<
  [EnumField<K>] extends [never]
    ? Omit<SuccessBody<K>, 'resultcode'>
    : Omit<SuccessBody<K>, 'resultcode' | EnumField<K>> &
        (Named<EnumField<K>, ResultSpec<K>[EnumField<K>]> | UnknownStatus<EnumField<K>>)
>;

/**
 * Options of one call, overriding the client's.
 * @example
 * await lm.getMeetingUrl({ meetingKey }, { timeoutMs: 2000, signal: AbortSignal.timeout(5000), headers: { 'X-Request-Id': id } });
 */
export interface CallOptions {
  /** Abort this call; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds to wait for each attempt's answer; 0 for no limit. */
  timeoutMs?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/**
 * Options of `createClient`.
 * @example
 * const options: ClientOptions = { accountSid: 'trw76p0066423', authToken, timeoutMs: 5000, maxRetries: 3 };
 */
export interface ClientOptions {
  /** Your AccountSid (the basic auth user). */
  accountSid: string;
  /** Your AuthToken (the basic auth password). Never shown in errors or logs. */
  authToken: string;
  /** Default: the spec's production server. `http://` only for loopback or with `allowInsecureHttp`. */
  baseUrl?: string | undefined;
  /** Allow a non-loopback `http://` baseUrl (credentials would travel in clear text). */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Any fetch implementation; default `globalThis.fetch` (read when the client is created). It is
   * called as `fetch(request, { signal })`: the signal carries the timeout and the caller's abort.
   */
  fetch?: ((input: Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** Milliseconds to wait for each attempt's answer; 0 for no limit. Default 30000. */
  timeoutMs?: number | undefined;
  /** Retries after a network failure or timeout, on operations safe to repeat. Default 2. */
  maxRetries?: number | undefined;
  /** Extra headers sent with every call (Content-Type and Authorization are the client's). */
  headers?: Record<string, string> | undefined;
  /**
   * Hears each deviation from the spec that the client tolerated (a status outside its table,
   * an unknown error code), e.g. to log it. Default: silence. Called before the call settles;
   * if it throws, the call rejects with what it threw.
   */
  onUnexpected?: ((event: UnexpectedEvent) => void) | undefined;
}

/**
 * The underlying openapi-fetch client, typed with the generated paths.
 * @example
 * const { data, response } = await lm.raw.POST('/getMeetingUrl', { body: { meetingKey: 'abcdef' } });
 */
export type RawClient = Client<paths, FormMediaType>;

type Inputs = { [K in OperationId]: OperationInput<K> };
type Results = { [K in OperationId]: OperationResult<K> };

/**
 * The client: one method per operation, named as the API names them, each
 * documented with the operation's summary and description from the spec.
 * @example
 * const lm: LiveMinutesClient = createClient({ accountSid, authToken });
 * const { meetingUrl } = await lm.getMeetingUrl({ meetingKey: 'abcdef' });
 */
export interface LiveMinutesClient extends OperationMethods<Inputs, Results, CallOptions> {
  /** The underlying openapi-fetch client (credentials and form encoding set), for anything else. */
  readonly raw: RawClient;
  /** The base URL in use, without a trailing slash. */
  readonly baseUrl: string;
}
