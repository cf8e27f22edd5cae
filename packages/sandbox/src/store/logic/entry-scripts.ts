/**
 * The entry pages' actions as write scripts (steps.ts): one round trip on
 * PostgreSQL. Each locks the account of the token's meeting, answers the rows
 * as it found them under the lock, refuses what the spec's lifecycle does not
 * allow (the same reasons, in the same order, as rules.ts decides them from
 * those rows), and moves the status. A guard's outcome is the refusal's reason.
 */
import { MEETING_COLUMNS, PARTICIPANT_COLUMNS } from './rows.js';
import { FINAL_STATUSES, literal, lockAccountOf, nextMeetingStatus, nextParticipantStatus, participantsAtMeetingEnd } from './script-fragments.js';
import { writeScript, type ScriptStep } from './steps.js';

/** Participants in the spec's onMeetingEnd status move on when the meeting of host token $1 is final now. */
const moveParticipantsAtEnd = (end: typeof participantsAtMeetingEnd): ScriptStep[] =>
  end
    ? [
        {
          text: (d) => `UPDATE participants SET status = ${literal(end.to)}, updated_at = $3
            WHERE meeting_id = (SELECT m.id FROM meetings m WHERE m.host_token = $1 AND m.status IN (${FINAL_STATUSES}))
            AND cancelled = ${d.false} AND status = ${literal(end.from)}`,
        },
      ]
    : [];

/**
 * The host's action $2 on the meeting of host token $1 at time $3. Outcomes: `ok`, `unknown_token`, `cancelled`,
 * `not_allowed`; `rows.meeting` is the meeting before the action. Ending moves participants in progress on.
 */
export const hostActionWrite = writeScript<[token: string, action: string, now: string]>(
  'host_action',
  ['text', 'text', 'text'],
  [
    lockAccountOf(`SELECT m.account_sid FROM meetings m WHERE m.host_token = $1`),
    { returns: 'meeting', text: () => `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.host_token = $1` },
    { guard: 'unknown_token', text: () => `SELECT 1 FROM meetings m WHERE m.host_token = $1` },
    { guard: 'cancelled', text: (d) => `SELECT 1 FROM meetings m WHERE m.host_token = $1 AND m.cancelled = ${d.false}` },
    { guard: 'not_allowed', text: () => `SELECT 1 FROM meetings m WHERE m.host_token = $1 AND ${nextMeetingStatus('m.status', '$2')} IS NOT NULL` },
    { text: () => `UPDATE meetings SET status = ${nextMeetingStatus('status', '$2')}, updated_at = $3 WHERE host_token = $1` },
    ...moveParticipantsAtEnd(participantsAtMeetingEnd),
  ],
);

/** The participant of token $1 and its meeting, as `p` and `m`. */
const participantAndMeeting = `participants p JOIN meetings m ON m.id = p.meeting_id WHERE p.token = $1`;

/**
 * The participant's action $2 for participant token $1 at time $3. Outcomes: `ok`, `unknown_token`, `cancelled`
 * (the participant or its meeting), `meeting_finished`, `not_allowed`; `rows.meeting` and `rows.participant` as
 * they were before the action.
 */
export const participantActionWrite = writeScript<[token: string, action: string, now: string]>(
  'participant_action',
  ['text', 'text', 'text'],
  [
    lockAccountOf(`SELECT m.account_sid FROM ${participantAndMeeting}`),
    { returns: 'participant', text: () => `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.token = $1` },
    { returns: 'meeting', text: () => `SELECT ${MEETING_COLUMNS} FROM ${participantAndMeeting}` },
    { guard: 'unknown_token', text: () => `SELECT 1 FROM participants p WHERE p.token = $1` },
    { guard: 'cancelled', text: (d) => `SELECT 1 FROM ${participantAndMeeting} AND p.cancelled = ${d.false} AND m.cancelled = ${d.false}` },
    { guard: 'meeting_finished', text: () => `SELECT 1 FROM ${participantAndMeeting} AND m.status NOT IN (${FINAL_STATUSES})` },
    { guard: 'not_allowed', text: () => `SELECT 1 FROM participants p WHERE p.token = $1 AND ${nextParticipantStatus('p.status', '$2')} IS NOT NULL` },
    { text: () => `UPDATE participants SET status = ${nextParticipantStatus('status', '$2')}, updated_at = $3 WHERE token = $1` },
  ],
);
