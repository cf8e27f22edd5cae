/**
 * The store's writes, written once (see steps.ts): quota checks, idempotent
 * repeats and lifecycle moves. The two hot writes run one write script
 * (write-scripts.ts) that checks and takes the quota and writes: createMeeting
 * reads only when the key is taken, addParticipant reads the meeting first.
 * The others run in one
 * transaction. Either way a write commits before its caller is answered, and
 * locks its account's usage row first, so the writes of one account see every
 * earlier one, across processes. A lobby code drawn twice, or a key created
 * meanwhile, breaks a UNIQUE constraint: the driver rolls the write back and
 * runs it again from the start.
 */
import { findEntry, getParticipant } from './read-operations.js';
import {
  decideHostAction,
  decideParticipantAction,
  failure,
  isClosed,
  newMeetingFields,
  newParticipantFields,
  participantOf,
  repeatCreate,
  scriptFailure,
  statusAtMeetingEnd,
} from './rules.js';
import { toMeeting, toParticipant, type EntryRecord, type MeetingRecord, type ParticipantRecord } from './rows.js';
import { sql } from './statements.js';
import { all, count, one, type Logic } from './steps.js';
import { addParticipantWrite, createMeetingWrite, type AddParticipantWriteValues, type CreateMeetingWriteValues } from './write-scripts.js';
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
  // Read first, outside the lock; the write script checks the meeting again under it.
  const meeting = toMeeting(yield* one(sql.liveMeeting, accountSid, input.meetingKey));
  if (!meeting) return failure('meeting_not_found');
  const existing = yield* one(sql.liveParticipant, meeting.id, input.puid);
  if (existing) return { ok: true, meeting, participant: toParticipant(existing), created: false };
  if (isClosed(meeting)) return failure('meeting_closed');
  const now = timestamp();
  const row = newParticipantFields(meeting.id, input);
  const values: AddParticipantWriteValues = [row.meetingId, row.puid, row.token, row.nickname, row.email, row.status, now, accountSid, limits.users];
  const written = (yield* one(addParticipantWrite, ...values))!;
  if (written.outcome !== 'ok') return scriptFailure(written.outcome, limits);
  return { ok: true, meeting, participant: { id: written.id!, ...row, cancelled: false, createdAt: now, updatedAt: now }, created: true };
}

/** Cancels a live meeting and its participants; the rows stay, marked cancelled. */
export function* cancelMeeting(accountSid: string, meetingKey: string): Logic<StoreResult<{ meeting: MeetingRecord }>> {
  yield* count(sql.lockAccount, accountSid);
  const meeting = toMeeting(yield* one(sql.liveMeeting, accountSid, meetingKey));
  if (!meeting) return failure('meeting_not_found');
  const now = timestamp();
  for (const participant of yield* all(sql.participantsOfMeeting, meeting.id, false)) {
    yield* count(sql.cancelParticipant, now, participant.id);
    yield* dropUserRef(accountSid, participant.puid);
  }
  yield* count(sql.cancelMeeting, now, meeting.id);
  yield* dropUserRef(accountSid, meeting.hostId);
  yield* count(sql.addUsage, accountSid, -1, 0);
  return { ok: true, meeting: toMeeting((yield* one(sql.meetingById, meeting.id))!) };
}

/** Cancels a live participant; the row stays, marked cancelled. */
export function* cancelParticipant(
  accountSid: string,
  meetingKey: string,
  puid: string,
): Logic<StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord }>> {
  yield* count(sql.lockAccount, accountSid);
  const found = yield* getParticipant(accountSid, meetingKey, puid);
  if (!found.ok) return found;
  yield* count(sql.cancelParticipant, timestamp(), found.participant.id);
  yield* dropUserRef(accountSid, puid);
  return { ok: true, meeting: found.meeting, participant: toParticipant((yield* one(sql.participantById, found.participant.id))!) };
}

/** The host acts on the entry page; ending moves participants in progress to quit. */
export function* applyHostAction(token: string, action: HostAction): Logic<ActionResult<EntryRecord>> {
  const entry = yield* lockedEntry(token);
  const decision = decideHostAction(entry, action);
  if (!decision.ok) return decision;
  const { meeting } = entry!;
  const now = timestamp();
  yield* count(sql.setMeetingStatus, decision.to, now, meeting.id);
  if (decision.ends) {
    for (const participant of yield* all(sql.participantsOfMeeting, meeting.id, false)) {
      const left = statusAtMeetingEnd(participant.status);
      if (left !== undefined) yield* count(sql.setParticipantStatus, left, now, participant.id);
    }
  }
  return { ok: true, entry: (yield* findEntry(token))!, from: decision.from, to: decision.to };
}

/** A participant acts on the entry page; nothing changes once the meeting is final. */
export function* applyParticipantAction(token: string, action: ParticipantAction): Logic<ActionResult<EntryRecord>> {
  const entry = yield* lockedEntry(token);
  const decision = decideParticipantAction(entry, action);
  if (!decision.ok) return decision;
  yield* count(sql.setParticipantStatus, decision.to, timestamp(), participantOf(entry).id);
  return { ok: true, entry: (yield* findEntry(token))!, from: decision.from, to: decision.to };
}

/** Finds the entry, locks its account, and reads the entry again under the lock. */
function* lockedEntry(token: string): Logic<EntryRecord | undefined> {
  const found = yield* findEntry(token);
  if (!found) return undefined;
  yield* count(sql.lockAccount, found.accountSid);
  return yield* findEntry(token);
}

/** One live role less for a user id; its last one frees a place in the users quota. */
function* dropUserRef(accountSid: string, userId: string): Logic<void> {
  if ((yield* count(sql.dropUserRef, accountSid, userId)) > 0) return;
  if ((yield* count(sql.deleteUser, accountSid, userId)) > 0) yield* count(sql.addUsage, accountSid, 0, -1);
}
