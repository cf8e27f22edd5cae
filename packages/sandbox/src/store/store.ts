/**
 * The sandbox's state on better-sqlite3. Every state change runs in one
 * `BEGIN IMMEDIATE` transaction, so quota checks and writes are atomic even
 * with several processes on one file; reads are single statements.
 */
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { isFile, openDatabase, type SqliteDatabase } from './database.js';
import { endingMeetingActions, meetingLifecycle, participantLifecycle } from './lifecycle.js';
import { newEntryToken, newMeetingCode, newMeetingKey } from './random.js';
import { toMeeting, toParticipant } from './rows.js';
import { prepareStatements, type Statements } from './statements.js';
import { WriteBatch } from './write-batch.js';
import type {
  ActionResult,
  AddParticipantInput,
  CreateMeetingInput,
  Entry,
  HostAction,
  Limits,
  Meeting,
  MeetingRef,
  MeetingWithParticipants,
  Participant,
  ParticipantRef,
  ParticipantAction,
  StoreFailure,
  StoreResult,
  Usage,
} from './types.js';

/** Options of {@link createStore}. */
export interface StoreOptions {
  /** A database file, or `:memory:` (the default). */
  readonly path?: string;
  /**
   * How often a worker thread checkpoints the WAL of a file database, in ms
   * (default 200: measured best under a mixed load); 0 leaves it to SQLite's auto-checkpoint on the request path.
   */
  readonly checkpointIntervalMs?: number;
}

const failure = (code: StoreFailure['code'], extra: Partial<StoreFailure> = {}): StoreFailure => ({
  ok: false,
  code,
  ...extra,
});

/**
 * The sandbox's state: meetings, participants and per-account usage.
 * Create it with {@link createStore}.
 * @example
 * const store = createStore({ path: ':memory:' });
 * store.getMeeting('trw76p0066423', 'abc'); // { ok: false, code: 'meeting_not_found' }
 */
export class SandboxStore {
  /** The underlying connection (for tests and tools; prefer the methods). */
  readonly db: SqliteDatabase;
  readonly path: string;
  private readonly sql: Statements;
  private readonly batch: WriteBatch;
  private readonly checkpointer: Checkpointer | undefined;

  constructor(options: StoreOptions = {}) {
    this.path = options.path ?? ':memory:';
    this.db = openDatabase(this.path);
    this.sql = prepareStatements(this.db);
    this.batch = new WriteBatch(this.db);
    const interval = options.checkpointIntervalMs ?? 200;
    if (isFile(this.path) && interval > 0) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(this.path, interval, () => {
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
  }

  /**
   * Creates a meeting, or returns the live meeting with that key when the
   * hostid matches (`created: false`); another host's key is `meeting_exists`.
   */
  createMeeting(
    accountSid: string,
    input: CreateMeetingInput,
    limits: Limits,
  ): StoreResult<{ meeting: Meeting; created: boolean }> {
    return this.db
      .transaction((): StoreResult<{ meeting: Meeting; created: boolean }> => {
        let meetingKey = input.meetingKey;
        if (meetingKey !== '') {
          const existing = toMeeting(this.sql.liveMeeting.get(accountSid, meetingKey));
          if (existing) {
            return existing.hostId === input.hostId
              ? { ok: true, meeting: existing, created: false }
              : failure('meeting_exists');
          }
        } else {
          do meetingKey = newMeetingKey();
          while (this.sql.liveMeeting.get(accountSid, meetingKey));
        }
        const usage = this.usage(accountSid);
        if (usage.sessions + 1 > limits.sessions) return failure('limit_exceeded', { quota: 'sessions', limit: limits.sessions });
        const newUser = this.isNewUser(accountSid, input.hostId);
        if (newUser && usage.users + 1 > limits.users) return failure('limit_exceeded', { quota: 'users', limit: limits.users });
        // 6 characters collide after tens of thousands of meetings, so check; 103-bit tokens rely on the UNIQUE constraint.
        let code: string;
        do code = newMeetingCode();
        while (this.sql.codeTaken.get(code));
        const now = new Date().toISOString();
        const row = {
          accountSid,
          meetingKey,
          code,
          hostToken: newEntryToken(),
          hostId: input.hostId,
          title: input.title ?? null,
          lang: input.lang ?? null,
          description: input.description ?? null,
          time: input.time ?? null,
          duration: input.duration ?? null,
          hostNickname: input.hostNickname ?? null,
          hostEmail: input.hostEmail ?? null,
          status: meetingLifecycle.initial,
        };
        const { lastInsertRowid } = this.sql.insertMeeting.run({ ...row, now });
        this.addUsage(accountSid, 1, newUser ? 1 : 0);
        this.sql.addUserRef.run(accountSid, input.hostId);
        const meeting: Meeting = { id: Number(lastInsertRowid), ...row, cancelled: false, createdAt: now, updatedAt: now };
        return { ok: true, meeting, created: true };
      })
      .immediate();
  }

  /**
   * Adds a participant, or returns the live one with that puid (`created: false`).
   * A meeting in a final status is `meeting_closed`.
   */
  addParticipant(
    accountSid: string,
    input: AddParticipantInput,
    limits: Limits,
  ): StoreResult<{ meeting: Meeting; participant: Participant; created: boolean }> {
    return this.db
      .transaction((): StoreResult<{ meeting: Meeting; participant: Participant; created: boolean }> => {
        const meeting = toMeeting(this.sql.liveMeeting.get(accountSid, input.meetingKey));
        if (!meeting) return failure('meeting_not_found');
        const existing = this.sql.liveParticipant.get(meeting.id, input.puid);
        if (existing) return { ok: true, meeting, participant: toParticipant(existing), created: false };
        if (meetingLifecycle.final.has(meeting.status)) return failure('meeting_closed');
        const newUser = this.isNewUser(accountSid, input.puid);
        if (newUser && this.usage(accountSid).users + 1 > limits.users) {
          return failure('limit_exceeded', { quota: 'users', limit: limits.users });
        }
        const now = new Date().toISOString();
        const row = {
          meetingId: meeting.id,
          puid: input.puid,
          token: newEntryToken(),
          nickname: input.nickname ?? null,
          email: input.email ?? null,
          status: participantLifecycle.initial,
        };
        const { lastInsertRowid } = this.sql.insertParticipant.run({ ...row, now });
        this.addUsage(accountSid, 0, newUser ? 1 : 0);
        this.sql.addUserRef.run(accountSid, input.puid);
        const participant: Participant = { id: Number(lastInsertRowid), ...row, cancelled: false, createdAt: now, updatedAt: now };
        return { ok: true, meeting, participant, created: true };
      })
      .immediate();
  }

  /** The live meeting with that key in that account. */
  getMeeting(accountSid: string, meetingKey: string): StoreResult<{ meeting: Meeting }> {
    const meeting = toMeeting(this.sql.liveMeeting.get(accountSid, meetingKey));
    return meeting ? { ok: true, meeting } : failure('meeting_not_found');
  }

  /**
   * Runs a write (createMeeting, addParticipant, cancel...) in the next group
   * commit and resolves once it is durable; the operations use this.
   * @example
   * const made = await store.write(() => store.createMeeting(sid, input, limits));
   */
  write<T>(fn: () => T): Promise<T> {
    return this.batch.run(fn);
  }

  /** The lobby code and status of the live meeting with that key (one light statement, for the read operations). */
  lookupMeeting(accountSid: string, meetingKey: string): StoreResult<{ meeting: MeetingRef }> {
    const meeting = this.sql.meetingRef.get(accountSid, meetingKey);
    return meeting ? { ok: true, meeting } : failure('meeting_not_found');
  }

  /** The entry token and status of a live participant (one light statement, for the read operations). */
  lookupParticipant(accountSid: string, meetingKey: string, puid: string): StoreResult<{ participant: ParticipantRef }> {
    const row = this.sql.participantRef.get(puid, accountSid, meetingKey);
    if (!row) return failure('meeting_not_found');
    if (row.token === null || row.status === null) return failure('participant_not_found');
    return { ok: true, participant: { meetingKey: row.meetingKey, token: row.token, status: row.status } };
  }

  /** The live participant with that puid in the live meeting with that key. */
  getParticipant(
    accountSid: string,
    meetingKey: string,
    puid: string,
  ): StoreResult<{ meeting: Meeting; participant: Participant }> {
    const meeting = toMeeting(this.sql.liveMeeting.get(accountSid, meetingKey));
    if (!meeting) return failure('meeting_not_found');
    const row = this.sql.liveParticipant.get(meeting.id, puid);
    return row ? { ok: true, meeting, participant: toParticipant(row) } : failure('participant_not_found');
  }

  /** Cancels a live meeting and its participants; the rows stay, marked cancelled, and the key is free again. */
  cancelMeeting(accountSid: string, meetingKey: string): StoreResult<{ meeting: Meeting }> {
    return this.db
      .transaction((): StoreResult<{ meeting: Meeting }> => {
        const meeting = toMeeting(this.sql.liveMeeting.get(accountSid, meetingKey));
        if (!meeting) return failure('meeting_not_found');
        const now = new Date().toISOString();
        for (const participant of this.sql.participantsOfMeeting.all(meeting.id, 0)) {
          this.sql.cancelParticipant.run(now, participant.id);
          this.dropUserRef(accountSid, participant.puid);
        }
        this.sql.cancelMeeting.run(now, meeting.id);
        this.dropUserRef(accountSid, meeting.hostId);
        this.addUsage(accountSid, -1, 0);
        return { ok: true, meeting: toMeeting(this.sql.meetingById.get(meeting.id)!) };
      })
      .immediate();
  }

  /** Cancels a live participant; the row stays, marked cancelled, and the puid may be added again. */
  cancelParticipant(
    accountSid: string,
    meetingKey: string,
    puid: string,
  ): StoreResult<{ meeting: Meeting; participant: Participant }> {
    return this.db
      .transaction((): StoreResult<{ meeting: Meeting; participant: Participant }> => {
        const found = this.getParticipant(accountSid, meetingKey, puid);
        if (!found.ok) return found;
        this.sql.cancelParticipant.run(new Date().toISOString(), found.participant.id);
        this.dropUserRef(accountSid, puid);
        return {
          ok: true,
          meeting: found.meeting,
          participant: toParticipant(this.sql.participantById.get(found.participant.id)!),
        };
      })
      .immediate();
  }

  /** What an entry token (`LIVE` + 20 characters) opens, cancelled ones included. */
  findEntry(token: string): Entry | undefined {
    const meeting = toMeeting(this.sql.meetingByHostToken.get(token));
    if (meeting) return { kind: 'host', accountSid: meeting.accountSid, meeting, cancelled: meeting.cancelled };
    const row = this.sql.participantByToken.get(token);
    if (!row) return undefined;
    const owner = toMeeting(this.sql.meetingById.get(row.meetingId)!);
    const participant = toParticipant(row, owner.cancelled);
    return { kind: 'participant', accountSid: owner.accountSid, meeting: owner, participant, cancelled: participant.cancelled };
  }

  /** The meeting whose lobby URL ends with `code` (6 characters), cancelled ones included. */
  findMeetingByCode(code: string): Meeting | undefined {
    return toMeeting(this.sql.meetingByCode.get(code));
  }

  /**
   * The host acts on the entry page. Transitions come from the spec's
   * `lifecycle.meeting`; when the meeting reaches a final status (ends), every
   * live participant that can `leave` leaves.
   */
  applyHostAction(token: string, action: HostAction): ActionResult {
    return this.db
      .transaction((): ActionResult => {
        const entry = this.findEntry(token);
        if (!entry || entry.kind !== 'host') return { ok: false, reason: 'unknown_token' };
        const { meeting } = entry;
        if (entry.cancelled) return { ok: false, reason: 'cancelled', entry, status: meeting.status };
        const to = meetingLifecycle.next(meeting.status, action);
        if (to === undefined) return { ok: false, reason: 'not_allowed', entry, status: meeting.status };
        const now = new Date().toISOString();
        this.sql.setMeetingStatus.run(to, now, meeting.id);
        if (endingMeetingActions.has(action)) {
          for (const participant of this.sql.participantsOfMeeting.all(meeting.id, 0)) {
            const left = participantLifecycle.next(participant.status, 'leave');
            if (left !== undefined) this.sql.setParticipantStatus.run(left, now, participant.id);
          }
        }
        return { ok: true, entry: this.findEntry(token)!, from: meeting.status, to };
      })
      .immediate();
  }

  /**
   * A participant acts on the entry page. Transitions come from the spec's
   * `lifecycle.participant`; nothing changes once the meeting is in a final status.
   */
  applyParticipantAction(token: string, action: ParticipantAction): ActionResult {
    return this.db
      .transaction((): ActionResult => {
        const entry = this.findEntry(token);
        if (!entry || entry.kind !== 'participant') return { ok: false, reason: 'unknown_token' };
        const { participant, meeting } = entry;
        if (entry.cancelled) return { ok: false, reason: 'cancelled', entry, status: participant.status };
        if (meetingLifecycle.final.has(meeting.status)) {
          return { ok: false, reason: 'meeting_finished', entry, status: participant.status };
        }
        const to = participantLifecycle.next(participant.status, action);
        if (to === undefined) return { ok: false, reason: 'not_allowed', entry, status: participant.status };
        this.sql.setParticipantStatus.run(to, new Date().toISOString(), participant.id);
        return { ok: true, entry: this.findEntry(token)!, from: participant.status, to };
      })
      .immediate();
  }

  /**
   * The account's meetings, newest first, each with its participants.
   * Cancelled meetings and participants only with `includeCancelled`.
   */
  listMeetings(accountSid: string, options: { includeCancelled?: boolean } = {}): MeetingWithParticipants[] {
    const all = options.includeCancelled ? 1 : 0;
    return this.sql.meetingsOfAccount.all(accountSid, all).map((row) => {
      const meeting = toMeeting(row);
      const participants = this.sql.participantsOfMeeting
        .all(meeting.id, all)
        .map((p) => toParticipant(p, meeting.cancelled));
      return { ...meeting, participants };
    });
  }

  /** The account's live sessions and distinct live users, as the quotas count them. */
  usage(accountSid: string): Usage {
    return this.sql.usage.get(accountSid) ?? { users: 0, sessions: 0 };
  }

  /** Closes the database (checkpointing the WAL into the file). */
  close(): void {
    if (!this.db.open) return;
    this.checkpointer?.stop();
    this.db.close();
  }

  /** True when the user id has no live role in the account yet (it would count against the users quota). */
  private isNewUser(accountSid: string, userId: string): boolean {
    return this.sql.userRefs.get(accountSid, userId) === undefined;
  }

  private addUsage(accountSid: string, sessions: number, users: number): void {
    if (sessions === 0 && users === 0) return;
    // The row exists once anything was counted; the first increment creates it.
    if (this.sql.addUsage.run({ accountSid, sessions, users }).changes === 0) {
      this.sql.insertUsage.run({ accountSid, sessions, users });
    }
  }

  private dropUserRef(accountSid: string, userId: string): void {
    if (this.sql.dropUserRef.run(accountSid, userId).changes > 0) return;
    if (this.sql.deleteUser.run(accountSid, userId).changes > 0) this.addUsage(accountSid, 0, -1);
  }
}

/**
 * Opens a store on `:memory:` or a file (created and migrated if needed).
 * @example
 * const store = createStore({ path: './sandbox.db' });
 * const made = store.createMeeting('trw76p0066423', { meetingKey: '', hostId: '123' }, { users: 1000, sessions: 10000 });
 * if (made.ok) console.log(made.meeting.meetingKey, made.meeting.status); // 'k3j9x0q2m8v1' '1'
 * store.close();
 */
export function createStore(options: StoreOptions = {}): SandboxStore {
  return new SandboxStore(options);
}
