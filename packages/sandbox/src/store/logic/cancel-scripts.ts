/**
 * The cancels as write scripts (steps.ts): one round trip on PostgreSQL, the
 * account's row locked only inside it. A cancel ends live roles, so it gives
 * places back to the quotas (script-fragments.ts `dropRoles`); the rows stay,
 * marked cancelled.
 */
import { MEETING_COLUMNS, PARTICIPANT_COLUMNS } from './rows.js';
import { dropRoles, liveMeetingId, lockAccount } from './script-fragments.js';
import { writeScript, type Dialect } from './steps.js';

/** The live participant with puid $3 of the live meeting with key $2 of account $1. */
const liveParticipant = (d: Dialect, columns: string): string =>
  `SELECT ${columns} FROM participants p WHERE p.meeting_id = ${liveMeetingId(d, '$1', '$2')} AND p.puid = $3 AND p.cancelled = ${d.false}`;

/** The live meeting with key $2 of account $1. */
const liveMeeting = (d: Dialect, columns: string): string =>
  `SELECT ${columns} FROM meetings m WHERE m.account_sid = $1 AND m.meeting_key = $2 AND m.cancelled = ${d.false}`;

/**
 * Cancels the account's live meeting with that key and its live participants: a session back, and every
 * id that held its last live role there back to the users quota. Outcomes: `ok`, `meeting_not_found`;
 * `rows.meeting` is the meeting before the cancel.
 */
export const cancelMeetingWrite = writeScript<[accountSid: string, meetingKey: string, now: string]>(
  'cancel_meeting',
  ['text', 'text', 'text'],
  [
    lockAccount('$1'),
    { guard: 'meeting_not_found', text: (d) => liveMeeting(d, '1') },
    { returns: 'meeting', text: (d) => liveMeeting(d, MEETING_COLUMNS) },
    ...dropRoles(
      '$1',
      (d) => `SELECT p.puid AS user_id FROM participants p WHERE p.meeting_id = ${liveMeetingId(d, '$1', '$2')} AND p.cancelled = ${d.false}
        UNION ALL ${liveMeeting(d, 'm.host_id AS user_id')}`,
    ),
    { text: () => `UPDATE account_usage SET sessions = sessions - 1 WHERE account_sid = $1` },
    {
      text: (d) => `UPDATE participants SET cancelled = ${d.true}, updated_at = $3
        WHERE meeting_id = ${liveMeetingId(d, '$1', '$2')} AND cancelled = ${d.false}`,
    },
    { text: (d) => `UPDATE meetings SET cancelled = ${d.true}, updated_at = $3 WHERE id = ${liveMeetingId(d, '$1', '$2')}` },
  ],
);

/**
 * Cancels the live participant with that puid of the account's live meeting with that key: its id back to the
 * users quota if that was its last live role. Outcomes: `ok`, `meeting_not_found`, `participant_not_found`;
 * `rows.meeting` and `rows.participant` as they were before the cancel.
 */
export const cancelParticipantWrite = writeScript<[accountSid: string, meetingKey: string, puid: string, now: string]>(
  'cancel_participant',
  ['text', 'text', 'text', 'text'],
  [
    lockAccount('$1'),
    { guard: 'meeting_not_found', text: (d) => liveMeeting(d, '1') },
    { returns: 'meeting', text: (d) => liveMeeting(d, MEETING_COLUMNS) },
    { guard: 'participant_not_found', text: (d) => liveParticipant(d, '1') },
    { returns: 'participant', text: (d) => liveParticipant(d, PARTICIPANT_COLUMNS) },
    ...dropRoles('$1', () => `SELECT $3 AS user_id`),
    {
      text: (d) => `UPDATE participants SET cancelled = ${d.true}, updated_at = $4
        WHERE meeting_id = ${liveMeetingId(d, '$1', '$2')} AND puid = $3 AND cancelled = ${d.false}`,
    },
  ],
);
