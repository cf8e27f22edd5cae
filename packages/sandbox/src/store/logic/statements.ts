/**
 * Every statement the store runs, written once for both databases (see
 * steps.ts): values as `$1`, `$2`, ...; the one difference, boolean literals,
 * taken from the dialect. Each driver prepares a statement once per connection.
 */
import { MEETING_COLUMNS, PARTICIPANT_COLUMNS, type MeetingRow, type ParticipantRow } from './rows.js';
import { statement, type Dialect } from './steps.js';
import type { MeetingRef, Usage } from '../types.js';

/** The values of an INSERT of a meeting, in the order of its `$n`. */
export type MeetingValues = [
  accountSid: string,
  meetingKey: string,
  code: string,
  hostToken: string,
  hostId: string,
  title: string | null,
  lang: string | null,
  description: string | null,
  time: string | null,
  duration: string | null,
  hostNickname: string | null,
  hostEmail: string | null,
  status: string,
  now: string,
];

/** Live meetings of account $1 whose key, title or host id holds $2 ('' matches all). */
const matching = (d: Dialect): string =>
  `m.account_sid = $1 AND m.cancelled = ${d.false}
     AND (${d.contains('m.meeting_key', '$2')} OR ${d.contains("COALESCE(m.title, '')", '$2')} OR ${d.contains('m.host_id', '$2')})`;

/**
 * Creates the account's usage row on its first write and locks it (a write script uses it too).
 * @example
 * lockAccountSql('$1'); // 'INSERT INTO account_usage (account_sid) VALUES ($1) ON CONFLICT ...'
 */
export const lockAccountSql = (account: string): string => `INSERT INTO account_usage (account_sid) VALUES (${account})
     ON CONFLICT (account_sid) DO UPDATE SET sessions = account_usage.sessions`;

/** The statements, by name. */
export const sql = {
  liveMeeting: statement<[accountSid: string, meetingKey: string], MeetingRow>(
    'live_meeting',
    (d) => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.account_sid = $1 AND m.meeting_key = $2 AND m.cancelled = ${d.false}`,
  ),
  // The hot reads select only what the operations answer: building full rows costs 3-4x more.
  meetingRef: statement<[accountSid: string, meetingKey: string], MeetingRef>(
    'meeting_ref',
    (d) => `SELECT m.meeting_key AS "meetingKey", m.code, m.status FROM meetings m
     WHERE m.account_sid = $1 AND m.meeting_key = $2 AND m.cancelled = ${d.false}`,
  ),
  participantRef: statement<[puid: string, accountSid: string, meetingKey: string], { meetingKey: string; token: string | null; status: string | null }>(
    'participant_ref',
    (d) => `SELECT m.meeting_key AS "meetingKey", p.token, p.status FROM meetings m
     LEFT JOIN participants p ON p.meeting_id = m.id AND p.puid = $1 AND p.cancelled = ${d.false}
     WHERE m.account_sid = $2 AND m.meeting_key = $3 AND m.cancelled = ${d.false}`,
  ),
  meetingById: statement<[id: number], MeetingRow>('meeting_by_id', () => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.id = $1`),
  meetingByCode: statement<[code: string], MeetingRow>('meeting_by_code', () => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.code = $1`),
  meetingByHostToken: statement<[token: string], MeetingRow>(
    'meeting_by_host_token',
    () => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.host_token = $1`,
  ),
  meetingsOfAccount: statement<[accountSid: string, includeCancelled: boolean], MeetingRow>(
    'meetings_of_account',
    (d) => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.account_sid = $1 AND (m.cancelled = ${d.false} OR $2) ORDER BY m.id DESC`,
  ),
  // The dashboard's pages: the account's live meetings whose key, title or host id holds $2, newest first.
  countMeetingsMatching: statement<[accountSid: string, search: string], { total: number | string }>(
    'count_meetings_matching',
    (d) => `SELECT COUNT(*) AS total FROM meetings m WHERE ${matching(d)}`,
  ),
  meetingsMatching: statement<[accountSid: string, search: string, limit: number, offset: number], MeetingRow>(
    'meetings_matching',
    (d) => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE ${matching(d)} ORDER BY m.id DESC LIMIT $3 OFFSET $4`,
  ),
  /** The live participants of the meetings meetingsMatching gives for the same values, by meeting, in order of addition. */
  participantsOfMeetingsMatching: statement<[accountSid: string, search: string, limit: number, offset: number], ParticipantRow>(
    'participants_of_meetings_matching',
    (d) => `SELECT ${PARTICIPANT_COLUMNS} FROM participants p
     WHERE p.cancelled = ${d.false} AND p.meeting_id IN (SELECT m.id FROM meetings m WHERE ${matching(d)} ORDER BY m.id DESC LIMIT $3 OFFSET $4)
     ORDER BY p.meeting_id, p.id`,
  ),
  liveParticipant: statement<[meetingId: number, puid: string], ParticipantRow>(
    'live_participant',
    (d) => `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.meeting_id = $1 AND p.puid = $2 AND p.cancelled = ${d.false}`,
  ),
  participantByToken: statement<[token: string], ParticipantRow>(
    'participant_by_token',
    () => `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.token = $1`,
  ),
  participantsOfMeeting: statement<[meetingId: number, includeCancelled: boolean], ParticipantRow>(
    'participants_of_meeting',
    (d) => `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.meeting_id = $1 AND (p.cancelled = ${d.false} OR $2) ORDER BY p.id`,
  ),
  /**
   * Locks the account's usage row for the rest of the transaction (creating it on the first write): every
   * write of an account runs after the previous one committed, in whichever process. (SQLite's write
   * transaction already excludes every other writer; there it only creates the row.)
   */
  lockAccount: statement<[accountSid: string]>('lock_account', () => lockAccountSql('$1')),
  usage: statement<[accountSid: string], Usage>('usage', () => `SELECT users, sessions FROM account_usage WHERE account_sid = $1`),
};
