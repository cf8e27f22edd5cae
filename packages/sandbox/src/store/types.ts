/**
 * The views the store's calls return and the values they take (its records,
 * with row ids, are in rows.ts and stay inside the store). Failures are
 * values (`{ ok: false, ... }`), never exceptions, so that callers map them to
 * the API's failure shape (operations) or to a page (entry pages) in one place.
 */

/**
 * A meeting as the store's methods return it (what the operations and the
 * entry pages read; the row id stays inside the store, and is not in the
 * returned object either). `status` is one of the spec's MeetingStatus values.
 * `hostToken` is the secret part of its hostUrl: it stays in the view because
 * the operations build hostUrl from it and the entry pages find the meeting by it.
 */
export interface Meeting {
  readonly accountSid: string;
  readonly meetingKey: string;
  /** The 6 characters of the meeting's lobby URL (`{publicUrl}/{code}`). */
  readonly code: string;
  /** The host's entry token, `LIVE` + 20 characters (`{publicUrl}/e/{hostToken}`). */
  readonly hostToken: string;
  readonly hostId: string;
  readonly title: string | null;
  readonly lang: string | null;
  readonly description: string | null;
  /** `yyyy-MM-dd HH:mm:ss`, UTC, as given. */
  readonly time: string | null;
  /** Minutes, as the decimal string given. */
  readonly duration: string | null;
  readonly hostNickname: string | null;
  readonly hostEmail: string | null;
  readonly status: string;
  /** Cancelled meetings stay as rows so that their URLs can answer 410; they are never live. */
  readonly cancelled: boolean;
  /** ISO 8601 timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A participant as the store's methods return it (without the row ids, at
 * runtime too). `status` is one of the spec's ParticipantStatus values.
 * `token` is the secret part of its participantUrl: it stays in the view
 * because the operations build participantUrl from it.
 */
export interface Participant {
  readonly puid: string;
  /** The participant's entry token, `LIVE` + 20 characters (`{publicUrl}/e/{token}`). */
  readonly token: string;
  readonly nickname: string | null;
  readonly email: string | null;
  readonly status: string;
  /** True when the participant or its meeting was cancelled. */
  readonly cancelled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the read operations need of a live meeting. */
export type MeetingRef = Pick<Meeting, 'meetingKey' | 'code' | 'status'>;

/** What the read operations need of a live participant. */
export type ParticipantRef = Pick<Participant, 'token' | 'status'> & { readonly meetingKey: string };

/** A meeting with its participants, for the dashboard. */
export interface MeetingWithParticipants extends Meeting {
  readonly participants: readonly Participant[];
}

/** What an entry token (`LIVE...`) opens. Inside the store its meeting and participant are records (rows.ts). */
export type Entry<M extends Meeting = Meeting, P extends Participant = Participant> =
  | { readonly kind: 'host'; readonly accountSid: string; readonly meeting: M; readonly cancelled: boolean }
  | {
      readonly kind: 'participant';
      readonly accountSid: string;
      readonly meeting: M;
      readonly participant: P;
      /** The participant or its meeting was cancelled: the URL admits no one (HTTP 410). */
      readonly cancelled: boolean;
    };

/** Which page of which meetings {@link SandboxStore.listMeetingsPage} reads. */
export interface MeetingPageQuery {
  /** Text the key, title or host id holds; '' for every meeting. */
  readonly search: string;
  /** 1-based. */
  readonly page: number;
  readonly perPage: number;
}

/** One page of meetings. */
export interface MeetingPage {
  /** Every live meeting of the account that matches. */
  readonly total: number;
  /** The page given: the one asked for, or the last when it was past it (1 when nothing matches). */
  readonly page: number;
  readonly perPage: number;
  readonly meetings: MeetingWithParticipants[];
}

/** Per-account quotas. */
export interface Limits {
  readonly users: number;
  readonly sessions: number;
}

/** An account's current usage, counted as the quota rules count it. */
export interface Usage {
  readonly users: number;
  readonly sessions: number;
}

/** Why an API-facing store call failed; each is an ErrorCode of the spec. */
export type StoreFailureCode =
  | 'meeting_not_found'
  | 'participant_not_found'
  | 'meeting_exists'
  | 'meeting_closed'
  | 'limit_exceeded';

/** A failed store call. `quota` names the exceeded quota for `limit_exceeded`. */
export interface StoreFailure {
  readonly ok: false;
  readonly code: StoreFailureCode;
  readonly quota?: keyof Limits;
  readonly limit?: number;
}

/** A store call's result. */
export type StoreResult<T> = ({ readonly ok: true } & T) | StoreFailure;

/** Input of createMeeting, parameters already validated. */
export interface CreateMeetingInput {
  /** Empty: the store generates a key. */
  readonly meetingKey: string;
  readonly hostId: string;
  readonly title?: string | undefined;
  readonly lang?: string | undefined;
  readonly description?: string | undefined;
  readonly time?: string | undefined;
  readonly duration?: string | undefined;
  readonly hostNickname?: string | undefined;
  readonly hostEmail?: string | undefined;
}

/** Input of addParticipant, parameters already validated. */
export interface AddParticipantInput {
  readonly meetingKey: string;
  readonly puid: string;
  readonly nickname?: string | undefined;
  readonly email?: string | undefined;
}

/** Actions on the host's entry page (the spec's lifecycle.meeting actions). */
export type HostAction = 'start' | 'end' | 'leave';
/** Actions on a participant's entry page (the spec's lifecycle.participant actions). */
export type ParticipantAction = 'accept' | 'refuse' | 'join' | 'leave';

/** Why an entry page action was refused. */
export type ActionFailureReason =
  /** No entry with that token. */
  | 'unknown_token'
  /** The meeting or participant was cancelled (answer 410). */
  | 'cancelled'
  /** The lifecycle has no transition for this action from the current status. */
  | 'not_allowed'
  /** A participant acted on a meeting in a final status (finished). */
  | 'meeting_finished';

/** The result of a host or participant action. Inside the store its entry is a record (rows.ts). */
export type ActionResult<E extends Entry = Entry> =
  | {
      readonly ok: true;
      readonly entry: E;
      /** The status before and after the action (of the meeting for host actions, else of the participant). */
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly ok: false;
      readonly reason: ActionFailureReason;
      /** The entry, when the token is known. */
      readonly entry?: E;
      /** The current status of the meeting (host) or participant, when known. */
      readonly status?: string;
    };

/** An account the control API created, as the store keeps it: never its AuthToken, only the token's SHA-256 digest. */
export interface StoredAccount {
  readonly accountSid: string;
  /** SHA-256 of the AuthToken, lower-case hex. */
  readonly tokenDigest: string;
  readonly limits: Limits;
}

/** Where a store keeps its data. */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * The sandbox's state behind one interface, implemented on SQLite (one
 * process, or several on one file) and on PostgreSQL (several processes on
 * one database). Every call resolves once its effect is committed; failures
 * the API defines are values, and only a broken database rejects.
 * @example
 * const store = await createStore({ db: ':memory:' });
 * const made = await store.createMeeting('trw76p0066423', { meetingKey: 'abc', hostId: '123' }, { users: 1000, sessions: 10000 });
 * if (made.ok) await store.applyHostAction(made.meeting.hostToken, 'start'); // { ok: true, from: '1', to: '8', ... }
 * await store.close();
 */
export interface SandboxStore {
  readonly kind: StoreKind;
  /** Where the data lives, safe to print: a file path, `:memory:`, or the PostgreSQL URL without its password. */
  readonly location: string;
  /**
   * Creates a meeting, or returns the live meeting with that key when the
   * hostid matches (`created: false`); another host's key is `meeting_exists`.
   */
  createMeeting(accountSid: string, input: CreateMeetingInput, limits: Limits): Promise<StoreResult<{ meeting: Meeting; created: boolean }>>;
  /** Adds a participant, or returns the live one with that puid (`created: false`); a finished meeting is `meeting_closed`. */
  addParticipant(
    accountSid: string,
    input: AddParticipantInput,
    limits: Limits,
  ): Promise<StoreResult<{ meeting: Meeting; participant: Participant; created: boolean }>>;
  /** Cancels a live meeting and its participants; the rows stay, marked cancelled, and the key is free again. */
  cancelMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: Meeting }>>;
  /** Cancels a live participant; the row stays, marked cancelled, and the puid may be added again. */
  cancelParticipant(accountSid: string, meetingKey: string, puid: string): Promise<StoreResult<{ meeting: Meeting; participant: Participant }>>;
  /** The live meeting with that key in that account. */
  getMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: Meeting }>>;
  /** The live participant with that puid in the live meeting with that key. */
  getParticipant(accountSid: string, meetingKey: string, puid: string): Promise<StoreResult<{ meeting: Meeting; participant: Participant }>>;
  /** The lobby code and status of a live meeting (one light read, for the read operations). */
  lookupMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: MeetingRef }>>;
  /** The entry token and status of a live participant (one light read, for the read operations). */
  lookupParticipant(accountSid: string, meetingKey: string, puid: string): Promise<StoreResult<{ participant: ParticipantRef }>>;
  /** What an entry token (`LIVE` + 20 characters) opens, cancelled ones included. */
  findEntry(token: string): Promise<Entry | undefined>;
  /** The meeting whose lobby URL ends with `code` (6 characters), cancelled ones included. */
  findMeetingByCode(code: string): Promise<Meeting | undefined>;
  /** The host acts on the entry page (the spec's lifecycle.meeting); ending moves participants in progress to quit. */
  applyHostAction(token: string, action: HostAction): Promise<ActionResult>;
  /** A participant acts on the entry page (the spec's lifecycle.participant); nothing changes once the meeting is final. */
  applyParticipantAction(token: string, action: ParticipantAction): Promise<ActionResult>;
  /** The account's meetings, newest first, each with its participants; cancelled ones only with `includeCancelled`. */
  listMeetings(accountSid: string, options?: { includeCancelled?: boolean }): Promise<MeetingWithParticipants[]>;
  /**
   * One page of the account's live meetings, newest first, each with its live participants: those
   * whose key, title or host id holds `search` exactly (case included; '' for all). A page past
   * the last gives the last; `total` counts every match. Read in one snapshot.
   */
  listMeetingsPage(accountSid: string, query: MeetingPageQuery): Promise<MeetingPage>;
  /** The account's live sessions and distinct live users, as the quotas count them. */
  usage(accountSid: string): Promise<Usage>;
  /** Stores an account created for tests; resolves false when its AccountSid is taken. */
  addAccount(account: StoredAccount): Promise<boolean>;
  /** The stored account with that AccountSid (any process may have created it). */
  findAccount(accountSid: string): Promise<StoredAccount | undefined>;
  /** Deletes every meeting of the account, cancelled ones too, with its participants and quota use; resolves how many meetings. */
  resetAccount(accountSid: string): Promise<number>;
  /** Finishes pending writes and closes the database. Safe to call twice. */
  close(): Promise<void>;
}
