/**
 * The state handlers' only way into a provider: the suite's own API caller,
 * transport and meeting tracker (as the checks use them, without a budget),
 * read as JSON, and, for a sandbox, the entry pages' form POSTs that stand in
 * for a person acting. Nothing here reaches a provider's storage, so the same
 * handlers work against any server.
 */
import { FORM_MEDIA_TYPE, type LifecycleKind } from '@org/liveminutes-spec';
import { Api, type Account, type Answer } from '../http/api.js';
import { RequestGate } from '../http/gate.js';
import { Transport } from '../http/raw-http.js';
import { cancelTracked } from '../run/cleanup.js';
import { reachStatus, statusNamed } from '../run/reach-status.js';
import { TrackedApi, type TrackedServer } from '../run/tracked-api.js';
import { MeetingTracker } from '../run/tracker.js';

/** Credentials and address of the provider under verification. */
export interface ProviderApiOptions {
  readonly baseUrl: string;
  readonly account: Account;
  /** Per-request timeout in milliseconds (default 10000). */
  readonly timeoutMs?: number;
}

/** A JSON answer of an operation: `resultcode` 1 with its fields, or 0 with `error`. */
export interface ApiAnswer {
  readonly resultcode: number;
  readonly error?: string;
  readonly [field: string]: unknown;
}

/** Who owns, in the tracker, the meetings of a verification. */
const OWNER = 'pact';

/**
 * A caller of the provider's public API; every meeting created through it (or
 * named by `remember`) is cancelled by `cancelCreated`.
 * @example
 * const api = new ProviderApi({ baseUrl: sandbox.url, account: { accountSid, authToken } });
 * const meeting = await api.expectSuccess('createMeeting', { meetingKey: '', hostid: '1' });
 * await api.cancelCreated();
 * api.close();
 */
/** Which entity to move, and where its entry page is. */
export interface LifecycleTarget {
  readonly kind: LifecycleKind;
  readonly meetingKey: string;
  /** For a participant. */
  readonly puid?: string;
  /** hostUrl for a meeting, participantUrl for a participant. */
  readonly entryUrl: string;
}

export class ProviderApi {
  readonly #server: TrackedServer;
  readonly #api: TrackedApi;

  constructor(options: ProviderApiOptions) {
    const gate = new RequestGate({ maxRequests: Number.POSITIVE_INFINITY, rate: null });
    const transport = new Transport({ baseUrl: options.baseUrl, gate, timeoutMs: options.timeoutMs ?? 10_000 });
    this.#server = { api: new Api(transport, options.account), tracker: new MeetingTracker() };
    this.#api = new TrackedApi(this.#server, OWNER);
  }

  /** The provider account whose credentials every call carries. */
  get account(): Account {
    return this.#api.primary;
  }

  /** Calls one operation; rejects when there is no answer, or it is not a JSON object with a resultcode. */
  async call(operationId: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer> {
    let answer: Answer;
    try {
      answer = await this.#api.call(operationId, fields);
    } catch (error) {
      throw new Error(`${operationId} got no answer from ${this.#api.transport.baseUrl} (${reasonOf(error)})`, { cause: error });
    }
    const body = answer.json as ApiAnswer | null | undefined;
    if (body === undefined) throw new Error(`${operationId} answered HTTP ${answer.status} with a body that is not JSON`);
    if (!body || typeof body !== 'object' || typeof body.resultcode !== 'number') {
      throw new Error(`${operationId} answered HTTP ${answer.status} without a resultcode`);
    }
    return body;
  }

  /** Like `call`, but rejects unless the answer is resultcode 1. */
  async expectSuccess(operationId: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer> {
    const answer = await this.call(operationId, fields);
    if (answer.resultcode !== 1) {
      throw new Error(`${operationId} failed with ${answer.error ?? `resultcode ${answer.resultcode}`}`);
    }
    return answer;
  }

  /**
   * Acts on the entry page until the entity has the status of that name (the spec's x-enum-varnames),
   * confirming each step; throws with the reason when the provider's pages do not get there.
   * @example
   * await api.reachStatus({ kind: 'meeting', meetingKey, entryUrl: hostUrl }, 'finish'); // status 12
   */
  async reachStatus(target: LifecycleTarget, wantedName: string): Promise<void> {
    const wanted = statusNamed(target.kind, wantedName);
    if (wanted === undefined) throw new Error(`the spec's ${target.kind} lifecycle has no status named ${wantedName}`);
    const readStatus = async (): Promise<string> => {
      const answer =
        target.kind === 'meeting'
          ? await this.expectSuccess('getMeetingStatus', { meetingKey: target.meetingKey })
          : await this.expectSuccess('getParticipantStatus', { meetingKey: target.meetingKey, puid: target.puid ?? '' });
      if (typeof answer.status !== 'string') throw new Error(`the ${target.kind} status is not a string`);
      return answer.status;
    };
    const problem = await reachStatus(target.kind, { act: (action) => this.act(target.entryUrl, action), readStatus }, wanted);
    if (problem) throw new Error(problem);
  }

  /** Submits an entry page's form (`action=...`); resolves with the HTTP status (redirects are not followed). */
  async act(entryUrl: string, action: string): Promise<number> {
    try {
      const body = new URLSearchParams({ action }).toString();
      const answer = await this.#api.transport.send({ method: 'POST', target: entryUrl, headers: { 'content-type': FORM_MEDIA_TYPE }, body });
      return answer.status;
    } catch (error) {
      throw new Error(`the entry page got no answer (${reasonOf(error)})`, { cause: error });
    }
  }

  /** Records a meeting created on the provider by other means (a verified createMeeting), for `cancelCreated`. */
  remember(meetingKey: string): void {
    this.#server.tracker.confirm(this.account, meetingKey, OWNER);
  }

  /** Cancels every meeting created or remembered so far. Never throws: a provider that cannot cancel leaves it behind. */
  async cancelCreated(): Promise<void> {
    await cancelTracked(this.#server.api, this.#server.tracker);
  }

  /** Frees the keep-alive sockets. */
  close(): void {
    this.#api.transport.close();
  }
}

/**
 * The most telling message of a failed request: the socket error a TransportError (or undici) carries as its cause.
 * @example
 * reasonOf(new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') })); // 'connect ECONNREFUSED 127.0.0.1:9'
 */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
