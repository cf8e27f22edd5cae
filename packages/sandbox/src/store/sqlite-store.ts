/**
 * The store on better-sqlite3 (`:memory:` or a WAL file). Every state change
 * runs in a `BEGIN IMMEDIATE` group transaction (see write-batch.ts), so quota
 * checks and writes are atomic even with several processes on one file, and a
 * write resolves only once committed; reads are single statements.
 */
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { newMeetingCode, newMeetingKey } from './random.js';
import {
  publicEntry,
  publicMeeting,
  publicParticipant,
  toMeeting,
  toParticipant,
  publicResult,
  type EntryRecord,
  type MeetingRecord,
  type ParticipantRecord,
} from './rows.js';
import {
  decideHostAction,
  decideParticipantAction,
  failure,
  isClosed,
  participantOf,
  newMeetingFields,
  newParticipantFields,
  quotaFailure,
  repeatCreate,
  statusAtMeetingEnd,
} from './rules.js';
import { isFile, openDatabase, type SqliteDatabase } from './sqlite-database.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
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
  ParticipantRef,
  ParticipantAction,
  SandboxStore,
  StoreResult,
  Usage,
} from './types.js';

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** A database file, or `:memory:` (the default). */
  readonly path?: string;
  /**
   * How often a worker thread checkpoints the WAL of a file database, in ms
   * (default 200: measured best under a mixed load); 0 leaves it to SQLite's auto-checkpoint on the request path.
   */
  readonly checkpointIntervalMs?: number;
}

/**
 * The sandbox's state in SQLite. Open it with `createStore({ db: path })`.
 * @example
 * const store = new SqliteStore({ path: ':memory:' });
 * await store.getMeeting('trw76p0066423', 'abc'); // { ok: false, code: 'meeting_not_found' }
 */
export class SqliteStore implements SandboxStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  /** The underlying connection (for tests and tools; prefer the methods). */
  readonly db: SqliteDatabase;
  private readonly sql: Statements;
  private readonly batch: WriteBatch;
  private readonly checkpointer: Checkpointer | undefined;

  constructor(options: SqliteStoreOptions = {}) {
    this.location = options.path ?? ':memory:';
    this.db = openDatabase(this.location);
    this.sql = prepareStatements(this.db);
    this.batch = new WriteBatch(this.db);
    const interval = options.checkpointIntervalMs ?? 200;
    if (isFile(this.location) && interval > 0) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(this.location, interval, () => {
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
  }

  // The public methods return views (rows.ts): the records' row ids stay inside the store.

  createMeeting(accountSid: string, input: CreateMeetingInput, limits: Limits) {
    return this.batch.run(() => publicResult(this.createMeetingNow(accountSid, input, limits)));
  }

  addParticipant(accountSid: string, input: AddParticipantInput, limits: Limits) {
    return this.batch.run(() => publicResult(this.addParticipantNow(accountSid, input, limits)));
  }

  cancelMeeting(accountSid: string, meetingKey: string) {
    return this.batch.run(() => publicResult(this.cancelMeetingNow(accountSid, meetingKey)));
  }

  cancelParticipant(accountSid: string, meetingKey: string, puid: string) {
    return this.batch.run(() => publicResult(this.cancelParticipantNow(accountSid, meetingKey, puid)));
  }

  applyHostAction(token: string, action: HostAction) {
    return this.batch.run(() => publicResult(this.applyHostActionNow(token, action)));
  }

  applyParticipantAction(token: string, action: ParticipantAction) {
    return this.batch.run(() => publicResult(this.applyParticipantActionNow(token, action)));
  }

  async getMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: Meeting }>> {
    const meeting = toMeeting(this.sql.liveMeeting.get(accountSid, meetingKey));
    return meeting ? { ok: true, meeting: publicMeeting(meeting) } : failure('meeting_not_found');
  }

  async getParticipant(accountSid: string, meetingKey: string, puid: string) {
    return publicResult(this.getParticipantNow(accountSid, meetingKey, puid));
  }

  async lookupMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: MeetingRef }>> {
    const meeting = this.sql.meetingRef.get(accountSid, meetingKey);
    return meeting ? { ok: true, meeting } : failure('meeting_not_found');
  }

  async lookupParticipant(accountSid: string, meetingKey: string, puid: string): Promise<StoreResult<{ participant: ParticipantRef }>> {
    const row = this.sql.participantRef.get(puid, accountSid, meetingKey);
    if (!row) return failure('meeting_not_found');
    if (row.token === null || row.status === null) return failure('participant_not_found');
    return { ok: true, participant: { meetingKey: row.meetingKey, token: row.token, status: row.status } };
  }

  async findEntry(token: string): Promise<Entry | undefined> {
    const entry = this.findEntryNow(token);
    return entry && publicEntry(entry);
  }

  async findMeetingByCode(code: string): Promise<Meeting | undefined> {
    const meeting = toMeeting(this.sql.meetingByCode.get(code));
    return meeting && publicMeeting(meeting);
  }

  async listMeetings(accountSid: string, options: { includeCancelled?: boolean } = {}): Promise<MeetingWithParticipants[]> {
    const all = options.includeCancelled ? 1 : 0;
    return this.sql.meetingsOfAccount.all(accountSid, all).map((row) => {
      const meeting = toMeeting(row);
      const participants = this.sql.participantsOfMeeting.all(meeting.id, all).map((p) => publicParticipant(toParticipant(p, meeting.cancelled)));
      return { ...publicMeeting(meeting), participants };
    });
  }

  async usage(accountSid: string): Promise<Usage> {
    return this.usageNow(accountSid);
  }

  /** Finishes the pending group commit, stops the checkpointer and closes the database (checkpointing the WAL into the file). */
  async close(): Promise<void> {
    await this.batch.drain();
    this.closeNow();
  }

  // The `...Now` methods run inside the group transaction (each in its own savepoint).

  private createMeetingNow(accountSid: string, input: CreateMeetingInput, limits: Limits): StoreResult<{ meeting: MeetingRecord; created: boolean }> {
    let meetingKey = input.meetingKey;
    if (meetingKey !== '') {
      const existing = toMeeting(this.sql.liveMeeting.get(accountSid, meetingKey));
      if (existing) return repeatCreate(existing, input.hostId);
    } else {
      do meetingKey = newMeetingKey();
      while (this.sql.liveMeeting.get(accountSid, meetingKey));
    }
    const newUser = this.isNewUser(accountSid, input.hostId);
    const refused = quotaFailure(this.usageNow(accountSid), limits, { sessions: 1, users: newUser ? 1 : 0 });
    if (refused) return refused;
    // 6 characters collide after tens of thousands of meetings, so check; 103-bit tokens rely on the UNIQUE constraint.
    let code: string;
    do code = newMeetingCode();
    while (this.sql.codeTaken.get(code));
    const now = new Date().toISOString();
    const row = newMeetingFields(accountSid, meetingKey, code, input);
    const { lastInsertRowid } = this.sql.insertMeeting.run({ ...row, now });
    this.addUsage(accountSid, 1, newUser ? 1 : 0);
    this.sql.addUserRef.run(accountSid, input.hostId);
    const meeting: MeetingRecord = { id: Number(lastInsertRowid), ...row, cancelled: false, createdAt: now, updatedAt: now };
    return { ok: true, meeting, created: true };
  }

  private addParticipantNow(
    accountSid: string,
    input: AddParticipantInput,
    limits: Limits,
  ): StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord; created: boolean }> {
    const meeting = toMeeting(this.sql.liveMeeting.get(accountSid, input.meetingKey));
    if (!meeting) return failure('meeting_not_found');
    const existing = this.sql.liveParticipant.get(meeting.id, input.puid);
    if (existing) return { ok: true, meeting, participant: toParticipant(existing), created: false };
    if (isClosed(meeting)) return failure('meeting_closed');
    const newUser = this.isNewUser(accountSid, input.puid);
    const refused = quotaFailure(this.usageNow(accountSid), limits, { sessions: 0, users: newUser ? 1 : 0 });
    if (refused) return refused;
    const now = new Date().toISOString();
    const row = newParticipantFields(meeting.id, input);
    const { lastInsertRowid } = this.sql.insertParticipant.run({ ...row, now });
    this.addUsage(accountSid, 0, newUser ? 1 : 0);
    this.sql.addUserRef.run(accountSid, input.puid);
    const participant: ParticipantRecord = { id: Number(lastInsertRowid), ...row, cancelled: false, createdAt: now, updatedAt: now };
    return { ok: true, meeting, participant, created: true };
  }

  private getParticipantNow(accountSid: string, meetingKey: string, puid: string): StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord }> {
    const meeting = toMeeting(this.sql.liveMeeting.get(accountSid, meetingKey));
    if (!meeting) return failure('meeting_not_found');
    const row = this.sql.liveParticipant.get(meeting.id, puid);
    return row ? { ok: true, meeting, participant: toParticipant(row) } : failure('participant_not_found');
  }

  private cancelMeetingNow(accountSid: string, meetingKey: string): StoreResult<{ meeting: MeetingRecord }> {
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
  }

  private cancelParticipantNow(accountSid: string, meetingKey: string, puid: string): StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord }> {
    const found = this.getParticipantNow(accountSid, meetingKey, puid);
    if (!found.ok) return found;
    this.sql.cancelParticipant.run(new Date().toISOString(), found.participant.id);
    this.dropUserRef(accountSid, puid);
    return { ok: true, meeting: found.meeting, participant: toParticipant(this.sql.participantById.get(found.participant.id)!) };
  }

  private findEntryNow(token: string): EntryRecord | undefined {
    const meeting = toMeeting(this.sql.meetingByHostToken.get(token));
    if (meeting) return { kind: 'host', accountSid: meeting.accountSid, meeting, cancelled: meeting.cancelled };
    const row = this.sql.participantByToken.get(token);
    if (!row) return undefined;
    const owner = toMeeting(this.sql.meetingById.get(row.meetingId)!);
    const participant = toParticipant(row, owner.cancelled);
    return { kind: 'participant', accountSid: owner.accountSid, meeting: owner, participant, cancelled: participant.cancelled };
  }

  private applyHostActionNow(token: string, action: HostAction): ActionResult<EntryRecord> {
    const entry = this.findEntryNow(token);
    const decision = decideHostAction(entry, action);
    if (!decision.ok) return decision;
    const { meeting } = entry!;
    const now = new Date().toISOString();
    this.sql.setMeetingStatus.run(decision.to, now, meeting.id);
    if (decision.ends) {
      for (const participant of this.sql.participantsOfMeeting.all(meeting.id, 0)) {
        const left = statusAtMeetingEnd(participant.status);
        if (left !== undefined) this.sql.setParticipantStatus.run(left, now, participant.id);
      }
    }
    return { ok: true, entry: this.findEntryNow(token)!, from: decision.from, to: decision.to };
  }

  private applyParticipantActionNow(token: string, action: ParticipantAction): ActionResult<EntryRecord> {
    const entry = this.findEntryNow(token);
    const decision = decideParticipantAction(entry, action);
    if (!decision.ok) return decision;
    this.sql.setParticipantStatus.run(decision.to, new Date().toISOString(), participantOf(entry).id);
    return { ok: true, entry: this.findEntryNow(token)!, from: decision.from, to: decision.to };
  }

  private usageNow(accountSid: string): Usage {
    return this.sql.usage.get(accountSid) ?? { users: 0, sessions: 0 };
  }

  private closeNow(): void {
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

