/**
 * The store's writes, written once (see steps.ts): each is one write script
 * (write-scripts.ts, cancel-scripts.ts, entry-scripts.ts) that locks its
 * account's usage row, reads what it needs under the lock, checks the quotas
 * and the lifecycle, and writes, so the writes of one account see every
 * earlier one, across processes (on PostgreSQL: one function call, one round
 * trip). The logic here turns what the script answered into the operation's
 * result; the entry pages' answers come from rules.ts, decided on the rows the
 * script found, and checked against what the script did. Only a createMeeting
 * whose key is taken reads after its script. A lobby code drawn twice, or a
 * key created meanwhile, breaks a UNIQUE constraint: the driver runs the write
 * again from the start.
 */
import { cancelMeetingWrite, cancelParticipantWrite } from './cancel-scripts.js';
import { hostActionWrite, participantActionWrite } from './entry-scripts.js';
import {
  decideHostAction,
  decideParticipantAction,
  newMeetingFields,
  newParticipantFields,
  participantOf,
  repeatCreate,
  scriptFailure,
  type Decision,
} from './rules.js';
import { toMeeting, toParticipant, type EntryRecord, type MeetingRecord, type MeetingRow, type ParticipantRecord, type ParticipantRow } from './rows.js';
import { sql } from './statements.js';
import { one, scriptRow, type Logic } from './steps.js';
import { createMeetingWrite, joinMeetingWrite, type CreateMeetingWriteValues, type JoinMeetingWriteValues } from './write-scripts.js';
import { newMeetingCode, newMeetingKey } from '../random.js';
import type { ActionResult, AddParticipantInput, CreateMeetingInput, HostAction, Limits, ParticipantAction, StoreResult } from '../types.js';

const timestamp = (): string => new Date().toISOString();

/** Creates a meeting, or returns the live one with that key to the same host. */
export function* createMeeting(
  accountSid: string,
  input: CreateMeetingInput,
  limits: Limits,
): Logic<StoreResult<{ meeting: MeetingRecord; created: boolean }>> {
  // The write first: a new key, the common case, is one step (one round trip on PostgreSQL).
  for (;;) {
    const meetingKey = input.meetingKey !== '' ? input.meetingKey : newMeetingKey();
    const now = timestamp();
    const row = newMeetingFields(accountSid, meetingKey, newMeetingCode(), input);
    const values: CreateMeetingWriteValues = [
      ...[row.accountSid, row.meetingKey, row.code, row.hostToken, row.hostId, row.title, row.lang, row.description] as const,
      ...[row.time, row.duration, row.hostNickname, row.hostEmail, row.status, now, limits.sessions, limits.users] as const,
    ];
    const written = (yield* one(createMeetingWrite, ...values))!;
    if (written.outcome === 'ok') {
      return { ok: true, meeting: { id: written.id!, ...row, cancelled: false, createdAt: now, updatedAt: now }, created: true };
    }
    if (written.outcome !== 'exists') return scriptFailure(written.outcome, limits);
    // A generated key that is taken is drawn again; a given one is a repeat (or another host's key).
    if (input.meetingKey === '') continue;
    const existing = toMeeting(yield* one(sql.liveMeeting, accountSid, meetingKey));
    if (existing) return repeatCreate(existing, input.hostId);
    // Cancelled since the script looked (another process): try again.
  }
}

/** Adds a participant, or returns the live one with that puid. */
export function* addParticipant(
  accountSid: string,
  input: AddParticipantInput,
  limits: Limits,
): Logic<StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord; created: boolean }>> {
  const now = timestamp();
  const row = newParticipantFields(input);
  const values: JoinMeetingWriteValues = [accountSid, input.meetingKey, row.puid, row.token, row.nickname, row.email, row.status, now, limits.users];
  const written = (yield* one(joinMeetingWrite, ...values))!;
  const meeting = toMeeting(scriptRow<MeetingRow>(written, 'meeting'));
  if (written.outcome === 'exists') {
    return { ok: true, meeting: meeting!, participant: toParticipant(scriptRow<ParticipantRow>(written, 'participant')!), created: false };
  }
  if (written.outcome !== 'ok') return scriptFailure(written.outcome, limits);
  const participant = { id: written.id!, meetingId: meeting!.id, ...row, cancelled: false, createdAt: now, updatedAt: now };
  return { ok: true, meeting: meeting!, participant, created: true };
}

/** Cancels a live meeting and its participants; the rows stay, marked cancelled. */
export function* cancelMeeting(accountSid: string, meetingKey: string): Logic<StoreResult<{ meeting: MeetingRecord }>> {
  const now = timestamp();
  const written = (yield* one(cancelMeetingWrite, accountSid, meetingKey, now))!;
  if (written.outcome !== 'ok') return scriptFailure(written.outcome);
  // The row as the script left it: the one it found, cancelled at `now`.
  return { ok: true, meeting: { ...toMeeting(scriptRow<MeetingRow>(written, 'meeting')!), cancelled: true, updatedAt: now } };
}

/** Cancels a live participant; the row stays, marked cancelled. */
export function* cancelParticipant(
  accountSid: string,
  meetingKey: string,
  puid: string,
): Logic<StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord }>> {
  const now = timestamp();
  const written = (yield* one(cancelParticipantWrite, accountSid, meetingKey, puid, now))!;
  if (written.outcome !== 'ok') return scriptFailure(written.outcome);
  const participant = { ...toParticipant(scriptRow<ParticipantRow>(written, 'participant')!), cancelled: true, updatedAt: now };
  return { ok: true, meeting: toMeeting(scriptRow<MeetingRow>(written, 'meeting')!), participant };
}

/** The host acts on the entry page; ending moves participants in progress to quit (the script does). */
export function* applyHostAction(token: string, action: HostAction): Logic<ActionResult<EntryRecord>> {
  const now = timestamp();
  const written = (yield* one(hostActionWrite, token, action, now))!;
  const meeting = toMeeting(scriptRow<MeetingRow>(written, 'meeting'));
  const entry: EntryRecord | undefined = meeting && { kind: 'host', accountSid: meeting.accountSid, meeting, cancelled: meeting.cancelled };
  const decision = agreed(decideHostAction(entry, action), written.outcome);
  if (!decision.ok) return decision;
  return { ok: true, entry: { ...entry!, meeting: { ...meeting!, status: decision.to, updatedAt: now } }, from: decision.from, to: decision.to };
}

/** A participant acts on the entry page; nothing changes once the meeting is final. */
export function* applyParticipantAction(token: string, action: ParticipantAction): Logic<ActionResult<EntryRecord>> {
  const now = timestamp();
  const written = (yield* one(participantActionWrite, token, action, now))!;
  const meeting = toMeeting(scriptRow<MeetingRow>(written, 'meeting'));
  const row = scriptRow<ParticipantRow>(written, 'participant');
  let entry: EntryRecord | undefined;
  if (meeting && row) {
    const participant = toParticipant(row, meeting.cancelled);
    entry = { kind: 'participant', accountSid: meeting.accountSid, meeting, participant, cancelled: participant.cancelled };
  }
  const decision = agreed(decideParticipantAction(entry, action), written.outcome);
  if (!decision.ok) return decision;
  const participant = { ...participantOf(entry), status: decision.to, updatedAt: now };
  return { ok: true, entry: { ...entry!, participant } as EntryRecord, from: decision.from, to: decision.to };
}

/**
 * The decision rules.ts takes from the rows the script found under the lock, checked against what the script
 * did with them (its guards are the same rules in SQL): they always agree, or the store has a bug.
 */
function agreed(decision: Decision, outcome: string): Decision {
  if (decision.ok ? outcome === 'ok' : outcome === decision.reason) return decision;
  throw new Error(`An entry script answered ${outcome}, the rules decided ${decision.ok ? 'ok' : decision.reason}`);
}
