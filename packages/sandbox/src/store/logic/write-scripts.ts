/**
 * The creating writes as write scripts (steps.ts): each checks and takes its
 * quota and writes in one go, so that on PostgreSQL it is one round trip with
 * the account's row locked only inside it. The quota rules live here, in SQL,
 * once for both databases: a session per live meeting, a user per distinct id
 * among the live hosts and participants (`account_users` counts each id's
 * live roles).
 */
import { MEETING_COLUMNS, PARTICIPANT_COLUMNS } from './rows.js';
import { FINAL_STATUSES, addUserRef, knownUser, liveMeetingId, lockAccount, usersGuard } from './script-fragments.js';
import { type MeetingValues } from './statements.js';
import { writeScript } from './steps.js';

/** The values of {@link createMeetingWrite}: the meeting's, then the account's quotas. */
export type CreateMeetingWriteValues = [...MeetingValues, sessionsLimit: number, usersLimit: number];

/**
 * Inserts a meeting if no live meeting of the account has its key, the account has a session left, and
 * a user left when the host is new. Outcomes: `ok` (with the meeting's id), `exists`, `sessions`, `users`.
 */
export const createMeetingWrite = writeScript<CreateMeetingWriteValues>(
  'create_meeting',
  [...Array<string>(14).fill('text'), 'integer', 'integer'],
  [
    lockAccount('$1'),
    // Before the quotas: a repeat of a live meeting's create answers that meeting, even at the quota.
    {
      guard: 'exists',
      text: (d) => `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM meetings WHERE account_sid = $1 AND meeting_key = $2 AND cancelled = ${d.false})`,
    },
    { guard: 'sessions', text: () => `SELECT 1 FROM account_usage WHERE account_sid = $1 AND sessions + 1 <= $15` },
    usersGuard('$1', '$5', '$16'),
    {
      returnsId: true,
      text: () => `INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, title, lang, description, time,
        duration, host_nickname, host_email, status, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
    },
    {
      text: () => `UPDATE account_usage SET sessions = sessions + 1, users = users + CASE WHEN ${knownUser('$1', '$5')} THEN 0 ELSE 1 END
        WHERE account_sid = $1`,
    },
    addUserRef('$1', '$5'),
  ],
);

/** The values of {@link joinMeetingWrite}. */
export type JoinMeetingWriteValues = [
  accountSid: string,
  meetingKey: string,
  puid: string,
  token: string,
  nickname: string | null,
  email: string | null,
  status: string,
  now: string,
  usersLimit: number,
];

/**
 * Adds a participant to the account's live meeting with that key, unless the puid is live there already or the
 * meeting is finished, if the account has a user left when the puid is new. Outcomes: `ok` (with the participant's
 * id), `meeting_not_found`, `exists` (a repeat: `rows.participant` is the live one), `meeting_closed`, `users`;
 * `rows.meeting` is the meeting as found under the lock.
 */
export const joinMeetingWrite = writeScript<JoinMeetingWriteValues>(
  'join_meeting',
  ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer'],
  [
    lockAccount('$1'),
    {
      returns: 'meeting',
      text: (d) => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.account_sid = $1 AND m.meeting_key = $2 AND m.cancelled = ${d.false}`,
    },
    { guard: 'meeting_not_found', text: (d) => `SELECT 1 WHERE EXISTS ${liveMeetingId(d, '$1', '$2')}` },
    // Before the quota and the status: a repeat answers the live participant, even when the meeting is finished.
    {
      returns: 'participant',
      text: (d) => `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.meeting_id = ${liveMeetingId(d, '$1', '$2')}
        AND p.puid = $3 AND p.cancelled = ${d.false}`,
    },
    {
      guard: 'exists',
      text: (d) => `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = ${liveMeetingId(d, '$1', '$2')}
        AND p.puid = $3 AND p.cancelled = ${d.false})`,
    },
    { guard: 'meeting_closed', text: (d) => `SELECT 1 FROM meetings m WHERE m.id = ${liveMeetingId(d, '$1', '$2')} AND m.status NOT IN (${FINAL_STATUSES})` },
    usersGuard('$1', '$3', '$9'),
    {
      returnsId: true,
      text: (d) => `INSERT INTO participants (meeting_id, puid, token, nickname, email, status, created_at, updated_at)
        VALUES (${liveMeetingId(d, '$1', '$2')}, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    },
    {
      text: () => `UPDATE account_usage SET users = users + CASE WHEN ${knownUser('$1', '$3')} THEN 0 ELSE 1 END WHERE account_sid = $1`,
    },
    addUserRef('$1', '$3'),
  ],
);
