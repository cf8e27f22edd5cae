/**
 * `sandboxControl()`: a typed helper for Node tests that drives a sandbox
 * through its control API over HTTP (any sandbox: in-process, a CLI, a
 * container). Its types are generated from the control API's OpenAPI document
 * (`src/generated/control-api.ts`, openapi-typescript); nothing is restated.
 */
import type { components, operations, paths } from '../generated/control-api.js';

type Schemas = components['schemas'];
type Body<Id extends keyof operations> = operations[Id] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** A move of a meeting: its key and one action of the meeting lifecycle. */
export type MoveMeetingRequest = Schemas['MoveMeetingRequest'];
/** A move of a participant: meeting key, puid and one action of the participant lifecycle. */
export type MoveParticipantRequest = Schemas['MoveParticipantRequest'];
export type MoveMeetingResult = Schemas['MoveMeetingResult'];
export type MoveParticipantResult = Schemas['MoveParticipantResult'];
export type ResetAccountResult = Schemas['ResetAccountResult'];
export type CreateAccountRequest = Body<'createAccount'>;
/** A fresh account: its credentials (the AuthToken is shown this once) and quotas. */
export type CreatedAccountResult = Schemas['CreatedAccount'];
export type CallList = Schemas['CallList'];
export type ControlErrorBody = Schemas['ControlError'];

/** Options of {@link sandboxControl}. */
export interface SandboxControlOptions {
  /** The sandbox's base URL, e.g. `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** The fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
}

/** A control API call that failed: the answer's status, code and sentence (never a credential). */
export class SandboxControlError extends Error {
  override readonly name = 'SandboxControlError';
  /** The HTTP status. */
  readonly status: number;
  /** The control API's error code (`action_not_allowed`, `meeting_not_found`...). */
  readonly code: string;
  /** The offending field, for invalid_request. */
  readonly param: string | undefined;
  /** The current status, for action_not_allowed. */
  readonly currentStatus: string | undefined;

  constructor(status: number, body: Partial<ControlErrorBody>) {
    super(body.message ?? `The control API answered HTTP ${status}`);
    this.status = status;
    this.code = body.error ?? 'unknown';
    this.param = body.param;
    this.currentStatus = body.status;
  }
}

/** The control API, typed. */
export interface SandboxControl {
  moveMeeting(request: MoveMeetingRequest): Promise<MoveMeetingResult>;
  moveParticipant(request: MoveParticipantRequest): Promise<MoveParticipantResult>;
  resetAccount(): Promise<ResetAccountResult>;
  createAccount(request?: CreateAccountRequest): Promise<CreatedAccountResult>;
  listCalls(options?: { limit?: number }): Promise<CallList>;
}

/**
 * A typed client of a sandbox's control API with one account's credentials.
 * Rejects with a {@link SandboxControlError} for a failure answer.
 * @example
 * import { sandboxControl, startSandbox } from '@org/liveminutes-sandbox';
 * const sandbox = await startSandbox({ logger: false });
 * const admin = sandboxControl({ baseUrl: sandbox.url, accountSid: 'trw76p0066423', authToken: 'eurn568nfkkg9862iomdnnv987iir' });
 * const mine = await admin.createAccount(); // one account per test file
 * const control = sandboxControl({ baseUrl: sandbox.url, ...mine });
 * await control.moveMeeting({ meetingKey: 'weekly', action: 'start' }); // { meetingKey: 'weekly', action: 'start', from: '1', to: '8' }
 */
export function sandboxControl(options: SandboxControlOptions): SandboxControl {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`, 'utf8').toString('base64')}`;

  async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new SandboxControlError(res.status, { message: `The control API answered HTTP ${res.status} without JSON` });
    }
    if (!res.ok) throw new SandboxControlError(res.status, (parsed ?? {}) as Partial<ControlErrorBody>);
    return parsed as T;
  }

  return {
    moveMeeting: (request) => send('POST', PATHS.moveMeeting, request),
    moveParticipant: (request) => send('POST', PATHS.moveParticipant, request),
    resetAccount: () => send('POST', PATHS.resetAccount),
    createAccount: (request = {}) => send('POST', PATHS.createAccount, request),
    listCalls: (query = {}) => send('GET', `${PATHS.listCalls}${query.limit === undefined ? '' : `?limit=${query.limit}`}`),
  };
}

// Each operation's path; `satisfies` fails type-checking when the document's paths or operations change.
const PATHS = {
  moveMeeting: '/control/move-meeting',
  moveParticipant: '/control/move-participant',
  resetAccount: '/control/reset-account',
  createAccount: '/control/accounts',
  listCalls: '/control/calls',
} as const satisfies Record<keyof operations, keyof paths>;
