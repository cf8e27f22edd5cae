/**
 * The two hot writes as write scripts (steps.ts): each checks and takes its
 * quota and writes in one go, so that on PostgreSQL it is one round trip with
 * the account's row locked only inside it. The quota rules live here, in SQL,
 * once for both databases: a session per live meeting, a user per distinct id
 * among the live hosts and participants (`account_users` counts each id's
 * live roles).
 */
import { lifecycle } from '@org/liveminutes-spec';
import { lockAccountSql, type MeetingValues } from './statements.js';
import { writeScript, type ScriptStep } from './steps.js';

/** An SQL string literal. */
const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A meeting in a final status (the spec's lifecycle.meeting) takes no one new. */
const FINAL_STATUSES = lifecycle('meeting').final.map(literal).join(', ');

/** Creates the account's usage row on its first write, and locks it until the script ends (PostgreSQL). */
const lockAccount = (account: string): ScriptStep => ({ text: () => lockAccountSql(account) });

/** The user id has a live role in the account already (it is not counted again). */
const knownUser = (account: string, user: string) =>
  `EXISTS (SELECT 1 FROM account_users u WHERE u.account_sid = ${account} AND u.user_id = ${user})`;

/** Refuses a new user id over the users quota; a known one never counts again. */
const usersGuard = (account: string, user: string, limit: string): ScriptStep => ({
  guard: 'users',
  text: () => `SELECT 1 FROM account_usage WHERE account_sid = ${account} AND (users + 1 <= ${limit} OR ${knownUser(account, user)})`,
});

/** One more live role for the user id (after the usage row counted it, if new). */
const addUserRef = (account: string, user: string): ScriptStep => ({
  text: () => `INSERT INTO account_users (account_sid, user_id, refs) VALUES (${account}, ${user}, 1)
    ON CONFLICT (account_sid, user_id) DO UPDATE SET refs = account_users.refs + 1`,
});

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

/** The values of {@link addParticipantWrite}. */
export type AddParticipantWriteValues = [
  meetingId: number,
  puid: string,
  token: string,
  nickname: string | null,
  email: string | null,
  status: string,
  now: string,
  accountSid: string,
  usersLimit: number,
];

/**
 * Inserts a participant into a live meeting that is not finished, if the account has a user left
 * when the puid is new. Outcomes: `ok` (with the participant's id), `meeting_not_found`, `meeting_closed`, `users`.
 */
export const addParticipantWrite = writeScript<AddParticipantWriteValues>(
  'add_participant',
  ['integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer'],
  [
    lockAccount('$8'),
    // Read again under the lock: a cancel or an end may have come since the caller looked.
    { guard: 'meeting_not_found', text: (d) => `SELECT 1 FROM meetings WHERE id = $1 AND cancelled = ${d.false}` },
    { guard: 'meeting_closed', text: () => `SELECT 1 FROM meetings WHERE id = $1 AND status NOT IN (${FINAL_STATUSES})` },
    usersGuard('$8', '$2', '$9'),
    {
      returnsId: true,
      text: () => `INSERT INTO participants (meeting_id, puid, token, nickname, email, status, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    },
    {
      text: () => `UPDATE account_usage SET users = users + CASE WHEN ${knownUser('$8', '$2')} THEN 0 ELSE 1 END WHERE account_sid = $8`,
    },
    addUserRef('$8', '$2'),
  ],
);

/** Every write script (PostgreSQL creates a function for each). */
export const writeScripts = [createMeetingWrite, addParticipantWrite];
