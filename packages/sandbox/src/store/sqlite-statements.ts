/**
 * The store's prepared statements, compiled once per connection.
 */
import type { SqliteDatabase } from './sqlite-database.js';
import { MEETING_COLUMNS, PARTICIPANT_COLUMNS, type MeetingRow, type ParticipantRow } from './rows.js';
import type { MeetingRef, Usage } from './types.js';

type Params<P> = P extends unknown[] ? P : [P];

/** The part of a better-sqlite3 statement the store uses, typed by its parameters and row. */
export interface Statement<P extends unknown[] | object = unknown[], R = unknown> {
  get(...params: Params<P>): R | undefined;
  all(...params: Params<P>): R[];
  run(...params: Params<P>): { changes: number; lastInsertRowid: number | bigint };
}

const prepare = <P extends unknown[] | object = unknown[], R = unknown>(db: SqliteDatabase, sql: string): Statement<P, R> =>
  db.prepare(sql) as unknown as Statement<P, R>;

/** Prepares every statement the store runs. */
export function prepareStatements(db: SqliteDatabase) {
  return {
    liveMeeting: prepare<[string, string], MeetingRow>(
      db,
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.account_sid = ? AND m.meeting_key = ? AND m.cancelled = 0`,
    ),
    // The hot reads select only what the operations answer: building full rows costs 3-4x more.
    meetingRef: prepare<[string, string], MeetingRef>(
      db,
      `SELECT m.meeting_key AS meetingKey, m.code, m.status FROM meetings m
       WHERE m.account_sid = ? AND m.meeting_key = ? AND m.cancelled = 0`,
    ),
    participantRef: prepare<[string, string, string], { meetingKey: string; token: string | null; status: string | null }>(
      db,
      `SELECT m.meeting_key AS meetingKey, p.token, p.status FROM meetings m
       LEFT JOIN participants p ON p.meeting_id = m.id AND p.puid = ? AND p.cancelled = 0
       WHERE m.account_sid = ? AND m.meeting_key = ? AND m.cancelled = 0`,
    ),
    meetingById: prepare<[number], MeetingRow>(db, `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.id = ?`),
    meetingByCode: prepare<[string], MeetingRow>(db, `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.code = ?`),
    meetingByHostToken: prepare<[string], MeetingRow>(
      db,
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.host_token = ?`,
    ),
    meetingsOfAccount: prepare<[string, number], MeetingRow>(
      db,
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.account_sid = ? AND (m.cancelled = 0 OR ?) ORDER BY m.id DESC`,
    ),
    codeTaken: prepare<[string], { one: number }>(db, `SELECT 1 AS one FROM meetings WHERE code = ?`),
    insertMeeting: prepare(
      db,
      `INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, title, lang, description, time,
         duration, host_nickname, host_email, status, created_at, updated_at)
       VALUES (@accountSid, @meetingKey, @code, @hostToken, @hostId, @title, @lang, @description, @time,
         @duration, @hostNickname, @hostEmail, @status, @now, @now)`,
    ),
    cancelMeeting: prepare<[string, number]>(db, `UPDATE meetings SET cancelled = 1, updated_at = ? WHERE id = ?`),
    setMeetingStatus: prepare<[string, string, number]>(
      db,
      `UPDATE meetings SET status = ?, updated_at = ? WHERE id = ?`,
    ),
    liveParticipant: prepare<[number, string], ParticipantRow>(
      db,
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.meeting_id = ? AND p.puid = ? AND p.cancelled = 0`,
    ),
    participantById: prepare<[number], ParticipantRow>(
      db,
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.id = ?`,
    ),
    participantByToken: prepare<[string], ParticipantRow>(
      db,
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.token = ?`,
    ),
    participantsOfMeeting: prepare<[number, number], ParticipantRow>(
      db,
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.meeting_id = ? AND (p.cancelled = 0 OR ?) ORDER BY p.id`,
    ),
    insertParticipant: prepare(
      db,
      `INSERT INTO participants (meeting_id, puid, token, nickname, email, status, created_at, updated_at)
       VALUES (@meetingId, @puid, @token, @nickname, @email, @status, @now, @now)`,
    ),
    cancelParticipant: prepare<[string, number]>(
      db,
      `UPDATE participants SET cancelled = 1, updated_at = ? WHERE id = ?`,
    ),
    setParticipantStatus: prepare<[string, string, number]>(
      db,
      `UPDATE participants SET status = ?, updated_at = ? WHERE id = ?`,
    ),
    usage: prepare<[string], Usage>(db, `SELECT users, sessions FROM account_usage WHERE account_sid = ?`),
    insertUsage: prepare<[{ accountSid: string; sessions: number; users: number }]>(
      db,
      `INSERT INTO account_usage (account_sid, sessions, users) VALUES (@accountSid, @sessions, @users)`,
    ),
    addUsage: prepare<[{ accountSid: string; sessions: number; users: number }]>(
      db,
      `UPDATE account_usage SET sessions = sessions + @sessions, users = users + @users WHERE account_sid = @accountSid`,
    ),
    userRefs: prepare<[string, string], { refs: number }>(
      db,
      `SELECT refs FROM account_users WHERE account_sid = ? AND user_id = ?`,
    ),
    addUserRef: prepare<[string, string]>(
      db,
      `INSERT INTO account_users (account_sid, user_id, refs) VALUES (?, ?, 1)
       ON CONFLICT (account_sid, user_id) DO UPDATE SET refs = refs + 1`,
    ),
    dropUserRef: prepare<[string, string]>(
      db,
      `UPDATE account_users SET refs = refs - 1 WHERE account_sid = ? AND user_id = ? AND refs > 1`,
    ),
    deleteUser: prepare<[string, string]>(db, `DELETE FROM account_users WHERE account_sid = ? AND user_id = ?`),
  };
}

/** The prepared statements. */
export type Statements = ReturnType<typeof prepareStatements>;


