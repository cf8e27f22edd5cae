/**
 * The store on PostgreSQL, for several sandbox processes on one database.
 * Every write is one READ COMMITTED transaction that first locks its
 * account's usage row (`SELECT ... FOR UPDATE` by upsert): the writes of one
 * account are serialized across processes, so quota checks, idempotent
 * creates and lifecycle transitions see every earlier write. A write resolves
 * only after COMMIT. Deadlocks, serialization failures and unique-key races
 * (two processes drawing the same lobby code) roll back and run again.
 */
import pg from 'pg';
import { redactDatabaseUrl, scrubSecrets } from './database-url.js';
import { migratePostgres } from './postgres-migrations.js';
import { pgSql as sql, type Queryable } from './postgres-statements.js';
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
  type ResultWithRecords,
  type PublicResult,
} from './rows.js';
import {
  decideHostAction,
  decideParticipantAction,
  failure,
  isClosed,
  newMeetingFields,
  newParticipantFields,
  participantOf,
  quotaFailure,
  repeatCreate,
  statusAtMeetingEnd,
} from './rules.js';
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
  ParticipantAction,
  ParticipantRef,
  SandboxStore,
  StoreResult,
  Usage,
} from './types.js';

/** Options of {@link PostgresStore.open}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** Connections per process (default 10); the database's max_connections bounds the sum over processes. */
  readonly poolSize?: number;
}

// 40001 serialization_failure, 40P01 deadlock_detected, 23505 unique_violation (a lobby code or token drawn twice at once).
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 5;

const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));

/**
 * The sandbox's state in PostgreSQL. Open it with `createStore({ db: 'postgres://...' })`.
 * @example
 * const store = await PostgresStore.open({ url: 'postgres://sandbox:secret@127.0.0.1:5432/sandbox' });
 * await store.getMeeting('trw76p0066423', 'abc'); // { ok: false, code: 'meeting_not_found' }
 * await store.close();
 */
export class PostgresStore implements SandboxStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.location = redactDatabaseUrl(url);
  }

  /**
   * Connects, migrates, and resolves the store; rejects with a one-line
   * message that names the database without its password.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const { url } = options;
    let pool: pg.Pool;
    try {
      pool = new pg.Pool({
        connectionString: url,
        max: options.poolSize ?? 10,
        // A call waits for a free connection as long as it takes (under load the queue can be long); a database
        // that is down refuses connections at once, so calls still fail fast then.
        connectionTimeoutMillis: 0,
        application_name: 'liveminutes-sandbox',
      });
    } catch (error) {
      throw openError(url, error);
    }
    // A connection the server closes (restart, failover, pg_terminate_backend) emits 'error': the pool drops an
    // idle one and opens another when needed; a query running on one rejects, and its caller answers internal_error.
    // Without these listeners the event would crash the process.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end().catch(() => {});
      throw openError(url, error);
    }
    return new PostgresStore(pool, url);
  }

  // The public methods return views (rows.ts): the records' row ids stay inside the store.

  createMeeting(accountSid: string, input: CreateMeetingInput, limits: Limits): Promise<StoreResult<{ meeting: Meeting; created: boolean }>> {
    return this.write(async (db) => {
      const usage = (await sql.lockAccount.one(db, accountSid))!;
      let meetingKey = input.meetingKey;
      if (meetingKey !== '') {
        const existing = toMeeting(await sql.liveMeeting.one(db, accountSid, meetingKey));
        if (existing) return repeatCreate(existing, input.hostId);
      } else {
        do meetingKey = newMeetingKey();
        while (await sql.liveMeeting.one(db, accountSid, meetingKey));
      }
      const newUser = (await sql.userKnown.one(db, accountSid, input.hostId)) === undefined;
      const refused = quotaFailure(usage, limits, { sessions: 1, users: newUser ? 1 : 0 });
      if (refused) return refused;
      // A lobby code drawn twice (by any process) breaks the UNIQUE constraint: the transaction runs again with a new one.
      const now = new Date().toISOString();
      const row = newMeetingFields(accountSid, meetingKey, newMeetingCode(), input);
      const inserted = await sql.insertMeeting.one(
        db,
        row.accountSid,
        row.meetingKey,
        row.code,
        row.hostToken,
        row.hostId,
        row.title,
        row.lang,
        row.description,
        row.time,
        row.duration,
        row.hostNickname,
        row.hostEmail,
        row.status,
        now,
      );
      await sql.addUsage.count(db, accountSid, 1, newUser ? 1 : 0);
      await sql.addUserRef.count(db, accountSid, input.hostId);
      const meeting: MeetingRecord = { id: inserted!.id, ...row, cancelled: false, createdAt: now, updatedAt: now };
      return { ok: true, meeting, created: true };
    });
  }

  addParticipant(
    accountSid: string,
    input: AddParticipantInput,
    limits: Limits,
  ): Promise<StoreResult<{ meeting: Meeting; participant: Participant; created: boolean }>> {
    return this.write(async (db) => {
      const usage = (await sql.lockAccount.one(db, accountSid))!;
      const meeting = toMeeting(await sql.liveMeeting.one(db, accountSid, input.meetingKey));
      if (!meeting) return failure('meeting_not_found');
      const existing = await sql.liveParticipant.one(db, meeting.id, input.puid);
      if (existing) return { ok: true, meeting, participant: toParticipant(existing), created: false };
      if (isClosed(meeting)) return failure('meeting_closed');
      const newUser = (await sql.userKnown.one(db, accountSid, input.puid)) === undefined;
      const refused = quotaFailure(usage, limits, { sessions: 0, users: newUser ? 1 : 0 });
      if (refused) return refused;
      const now = new Date().toISOString();
      const row = newParticipantFields(meeting.id, input);
      const inserted = await sql.insertParticipant.one(db, row.meetingId, row.puid, row.token, row.nickname, row.email, row.status, now);
      if (newUser) await sql.addUsage.count(db, accountSid, 0, 1);
      await sql.addUserRef.count(db, accountSid, input.puid);
      const participant: ParticipantRecord = { id: inserted!.id, ...row, cancelled: false, createdAt: now, updatedAt: now };
      return { ok: true, meeting, participant, created: true };
    });
  }

  cancelMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: Meeting }>> {
    return this.write(async (db) => {
      await sql.lockAccount.one(db, accountSid);
      const meeting = toMeeting(await sql.liveMeeting.one(db, accountSid, meetingKey));
      if (!meeting) return failure('meeting_not_found');
      const now = new Date().toISOString();
      for (const participant of await sql.participantsOfMeeting.rows(db, meeting.id, false)) {
        await sql.cancelParticipant.count(db, now, participant.id);
        await dropUserRef(db, accountSid, participant.puid);
      }
      await sql.cancelMeeting.count(db, now, meeting.id);
      await dropUserRef(db, accountSid, meeting.hostId);
      await sql.addUsage.count(db, accountSid, -1, 0);
      return { ok: true, meeting: toMeeting((await sql.meetingById.one(db, meeting.id))!) };
    });
  }

  cancelParticipant(accountSid: string, meetingKey: string, puid: string): Promise<StoreResult<{ meeting: Meeting; participant: Participant }>> {
    return this.write(async (db) => {
      await sql.lockAccount.one(db, accountSid);
      const found = await getParticipant(db, accountSid, meetingKey, puid);
      if (!found.ok) return found;
      await sql.cancelParticipant.count(db, new Date().toISOString(), found.participant.id);
      await dropUserRef(db, accountSid, puid);
      return { ok: true, meeting: found.meeting, participant: toParticipant((await sql.participantById.one(db, found.participant.id))!) };
    });
  }

  applyHostAction(token: string, action: HostAction): Promise<ActionResult> {
    return this.entryTransaction(token, async (db, entry) => {
      const decision = decideHostAction(entry, action);
      if (!decision.ok) return decision;
      const { meeting } = entry!;
      const now = new Date().toISOString();
      await sql.setMeetingStatus.count(db, decision.to, now, meeting.id);
      if (decision.ends) {
        for (const participant of await sql.participantsOfMeeting.rows(db, meeting.id, false)) {
          const left = statusAtMeetingEnd(participant.status);
          if (left !== undefined) await sql.setParticipantStatus.count(db, left, now, participant.id);
        }
      }
      return { ok: true, entry: (await findEntry(db, token))!, from: decision.from, to: decision.to };
    });
  }

  applyParticipantAction(token: string, action: ParticipantAction): Promise<ActionResult> {
    return this.entryTransaction(token, async (db, entry) => {
      const decision = decideParticipantAction(entry, action);
      if (!decision.ok) return decision;
      await sql.setParticipantStatus.count(db, decision.to, new Date().toISOString(), participantOf(entry).id);
      return { ok: true, entry: (await findEntry(db, token))!, from: decision.from, to: decision.to };
    });
  }

  async getMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: Meeting }>> {
    const meeting = toMeeting(await sql.liveMeeting.one(this.pool, accountSid, meetingKey));
    return meeting ? { ok: true, meeting: publicMeeting(meeting) } : failure('meeting_not_found');
  }

  async getParticipant(accountSid: string, meetingKey: string, puid: string): Promise<StoreResult<{ meeting: Meeting; participant: Participant }>> {
    return publicResult(await getParticipant(this.pool, accountSid, meetingKey, puid));
  }

  async lookupMeeting(accountSid: string, meetingKey: string): Promise<StoreResult<{ meeting: MeetingRef }>> {
    const meeting = await sql.meetingRef.one(this.pool, accountSid, meetingKey);
    return meeting ? { ok: true, meeting } : failure('meeting_not_found');
  }

  async lookupParticipant(accountSid: string, meetingKey: string, puid: string): Promise<StoreResult<{ participant: ParticipantRef }>> {
    const row = await sql.participantRef.one(this.pool, puid, accountSid, meetingKey);
    if (!row) return failure('meeting_not_found');
    if (row.token === null || row.status === null) return failure('participant_not_found');
    return { ok: true, participant: { meetingKey: row.meetingKey, token: row.token, status: row.status } };
  }

  async findEntry(token: string): Promise<Entry | undefined> {
    const entry = await findEntry(this.pool, token);
    return entry && publicEntry(entry);
  }

  async findMeetingByCode(code: string): Promise<Meeting | undefined> {
    const meeting = toMeeting(await sql.meetingByCode.one(this.pool, code));
    return meeting && publicMeeting(meeting);
  }

  async listMeetings(accountSid: string, options: { includeCancelled?: boolean } = {}): Promise<MeetingWithParticipants[]> {
    const all = options.includeCancelled === true;
    // One snapshot for the meetings and their participants.
    return this.transaction(async (db) => {
      const meetings = (await sql.meetingsOfAccount.rows(db, accountSid, all)).map((row) => toMeeting(row));
      const listed: MeetingWithParticipants[] = [];
      for (const meeting of meetings) {
        const participants = (await sql.participantsOfMeeting.rows(db, meeting.id, all)).map((p) => publicParticipant(toParticipant(p, meeting.cancelled)));
        listed.push({ ...publicMeeting(meeting), participants });
      }
      return listed;
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async usage(accountSid: string): Promise<Usage> {
    return (await sql.usage.one(this.pool, accountSid)) ?? { users: 0, sessions: 0 };
  }

  /** Waits for the connections in use to be returned, then closes them all. Safe to call twice. */
  close(): Promise<void> {
    this.closed ??= this.pool.end().catch(() => {});
    return this.closed;
  }

  /** Runs `work` in one transaction on one connection, again on a retryable failure; resolves after COMMIT. */
  private async transaction<T>(work: (db: Queryable) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(begin);
        const value = await work(client);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw error;
      } finally {
        // A connection that cannot roll back is dead: destroy it rather than return it to the pool.
        client.release(broken);
      }
    }
  }

  /** A write: one transaction whose result's records are returned as views. */
  private async write<T extends ResultWithRecords>(work: (db: Queryable) => Promise<T>): Promise<PublicResult<T>> {
    return publicResult(await this.transaction(work));
  }

  /** A write on an entry token's account: finds the entry, locks its account, reads the entry again under the lock. */
  private entryTransaction(
    token: string,
    work: (db: Queryable, entry: EntryRecord | undefined) => Promise<ActionResult<EntryRecord>>,
  ): Promise<ActionResult> {
    return this.write(async (db) => {
      const found = await findEntry(db, token);
      if (!found) return work(db, undefined);
      await sql.lockAccount.one(db, found.accountSid);
      return work(db, await findEntry(db, token));
    });
  }
}

function openError(url: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const oneLine = reason.replace(/\s+/g, ' ').trim() || 'unknown error';
  // A new error with a scrubbed message: the original's fields (pg's config, its stack) could hold the password.
  return new Error(scrubSecrets(`cannot open the PostgreSQL database ${redactDatabaseUrl(url)}: ${oneLine}`, url));
}

async function getParticipant(
  db: Queryable,
  accountSid: string,
  meetingKey: string,
  puid: string,
): Promise<StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord }>> {
  const meeting = toMeeting(await sql.liveMeeting.one(db, accountSid, meetingKey));
  if (!meeting) return failure('meeting_not_found');
  const row = await sql.liveParticipant.one(db, meeting.id, puid);
  return row ? { ok: true, meeting, participant: toParticipant(row) } : failure('participant_not_found');
}

async function findEntry(db: Queryable, token: string): Promise<EntryRecord | undefined> {
  const meeting = toMeeting(await sql.meetingByHostToken.one(db, token));
  if (meeting) return { kind: 'host', accountSid: meeting.accountSid, meeting, cancelled: meeting.cancelled };
  const row = await sql.participantByToken.one(db, token);
  if (!row) return undefined;
  const owner = toMeeting((await sql.meetingById.one(db, row.meetingId))!);
  const participant = toParticipant(row, owner.cancelled);
  return { kind: 'participant', accountSid: owner.accountSid, meeting: owner, participant, cancelled: participant.cancelled };
}

async function dropUserRef(db: Queryable, accountSid: string, userId: string): Promise<void> {
  if ((await sql.dropUserRef.count(db, accountSid, userId)) > 0) return;
  if ((await sql.deleteUser.count(db, accountSid, userId)) > 0) await sql.addUsage.count(db, accountSid, 0, -1);
}
