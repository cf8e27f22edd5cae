/**
 * The PostgreSQL store's statements, as named prepared statements (each
 * connection parses one once). Column lists are shared with SQLite (rows.ts).
 */
import type pg from 'pg';
import { MEETING_COLUMNS, PARTICIPANT_COLUMNS, type MeetingRow, type ParticipantRow } from './rows.js';
import type { MeetingRef, Usage } from './types.js';

/** A pool or a client inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** A typed statement: `run(db, ...params)` resolves its rows and the affected row count. */
export interface Statement<P extends unknown[], R> {
  rows(db: Queryable, ...params: P): Promise<R[]>;
  one(db: Queryable, ...params: P): Promise<R | undefined>;
  count(db: Queryable, ...params: P): Promise<number>;
}

function statement<P extends unknown[], R = unknown>(name: string, text: string): Statement<P, R> {
  const run = (db: Queryable, params: P) => db.query<R & pg.QueryResultRow>({ name: `lm_${name}`, text, values: params });
  return {
    rows: async (db, ...params) => (await run(db, params)).rows,
    one: async (db, ...params) => (await run(db, params)).rows[0],
    count: async (db, ...params) => (await run(db, params)).rowCount ?? 0,
  };
}

/** Every statement the PostgreSQL store runs. */
export const pgSql = {
  liveMeeting: statement<[string, string], MeetingRow>(
    'live_meeting',
    `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.account_sid = $1 AND m.meeting_key = $2 AND NOT m.cancelled`,
  ),
  meetingRef: statement<[string, string], MeetingRef>(
    'meeting_ref',
    `SELECT m.meeting_key AS "meetingKey", m.code, m.status FROM meetings m
     WHERE m.account_sid = $1 AND m.meeting_key = $2 AND NOT m.cancelled`,
  ),
  participantRef: statement<[string, string, string], { meetingKey: string; token: string | null; status: string | null }>(
    'participant_ref',
    `SELECT m.meeting_key AS "meetingKey", p.token, p.status FROM meetings m
     LEFT JOIN participants p ON p.meeting_id = m.id AND p.puid = $1 AND NOT p.cancelled
     WHERE m.account_sid = $2 AND m.meeting_key = $3 AND NOT m.cancelled`,
  ),
  meetingById: statement<[number], MeetingRow>('meeting_by_id', `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.id = $1`),
  meetingByCode: statement<[string], MeetingRow>('meeting_by_code', `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.code = $1`),
  meetingByHostToken: statement<[string], MeetingRow>(
    'meeting_by_host_token',
    `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.host_token = $1`,
  ),
  meetingsOfAccount: statement<[string, boolean], MeetingRow>(
    'meetings_of_account',
    `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.account_sid = $1 AND (NOT m.cancelled OR $2) ORDER BY m.id DESC`,
  ),
  insertMeeting: statement<Array<string | null>, { id: number }>(
    'insert_meeting',
    `INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, title, lang, description, time,
       duration, host_nickname, host_email, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
  ),
  cancelMeeting: statement<[string, number]>('cancel_meeting', `UPDATE meetings SET cancelled = true, updated_at = $1 WHERE id = $2`),
  setMeetingStatus: statement<[string, string, number]>(
    'set_meeting_status',
    `UPDATE meetings SET status = $1, updated_at = $2 WHERE id = $3`,
  ),
  liveParticipant: statement<[number, string], ParticipantRow>(
    'live_participant',
    `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.meeting_id = $1 AND p.puid = $2 AND NOT p.cancelled`,
  ),
  participantById: statement<[number], ParticipantRow>(
    'participant_by_id',
    `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.id = $1`,
  ),
  participantByToken: statement<[string], ParticipantRow>(
    'participant_by_token',
    `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.token = $1`,
  ),
  participantsOfMeeting: statement<[number, boolean], ParticipantRow>(
    'participants_of_meeting',
    `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.meeting_id = $1 AND (NOT p.cancelled OR $2) ORDER BY p.id`,
  ),
  insertParticipant: statement<[number, string, string, string | null, string | null, string, string], { id: number }>(
    'insert_participant',
    `INSERT INTO participants (meeting_id, puid, token, nickname, email, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
  ),
  cancelParticipant: statement<[string, number]>(
    'cancel_participant',
    `UPDATE participants SET cancelled = true, updated_at = $1 WHERE id = $2`,
  ),
  setParticipantStatus: statement<[string, string, number]>(
    'set_participant_status',
    `UPDATE participants SET status = $1, updated_at = $2 WHERE id = $3`,
  ),
  /**
   * Locks the account's usage row for the rest of the transaction (creating it
   * on the first write) and returns the usage as of the lock: every write of an
   * account runs after the previous one committed, in whichever process.
   */
  lockAccount: statement<[string], Usage>(
    'lock_account',
    `INSERT INTO account_usage (account_sid) VALUES ($1)
     ON CONFLICT (account_sid) DO UPDATE SET sessions = account_usage.sessions
     RETURNING sessions, users`,
  ),
  usage: statement<[string], Usage>('usage', `SELECT users, sessions FROM account_usage WHERE account_sid = $1`),
  addUsage: statement<[string, number, number]>(
    'add_usage',
    `UPDATE account_usage SET sessions = sessions + $2, users = users + $3 WHERE account_sid = $1`,
  ),
  userKnown: statement<[string, string], { one: number }>(
    'user_known',
    `SELECT 1 AS one FROM account_users WHERE account_sid = $1 AND user_id = $2`,
  ),
  addUserRef: statement<[string, string]>(
    'add_user_ref',
    `INSERT INTO account_users (account_sid, user_id, refs) VALUES ($1, $2, 1)
     ON CONFLICT (account_sid, user_id) DO UPDATE SET refs = account_users.refs + 1`,
  ),
  dropUserRef: statement<[string, string]>(
    'drop_user_ref',
    `UPDATE account_users SET refs = refs - 1 WHERE account_sid = $1 AND user_id = $2 AND refs > 1`,
  ),
  deleteUser: statement<[string, string]>('delete_user', `DELETE FROM account_users WHERE account_sid = $1 AND user_id = $2`),
};
