/**
 * The store's reads, written once (see steps.ts): a driver runs them outside
 * any write, `listMeetings` in one snapshot.
 */
import { failure } from './rules.js';
import { toMeeting, toParticipant, publicMeeting, publicParticipant, type EntryRecord, type MeetingRecord, type ParticipantRecord } from './rows.js';
import { sql } from './statements.js';
import { all, one, type Logic } from './steps.js';
import type { MeetingPage, MeetingPageQuery, MeetingRef, MeetingWithParticipants, Participant, ParticipantRef, StoreResult, Usage } from '../types.js';

/** The live meeting with that key in that account. */
export function* getMeeting(accountSid: string, meetingKey: string): Logic<StoreResult<{ meeting: MeetingRecord }>> {
  const meeting = toMeeting(yield* one(sql.liveMeeting, accountSid, meetingKey));
  return meeting ? { ok: true, meeting } : failure('meeting_not_found');
}

/** The live participant with that puid in the live meeting with that key. */
export function* getParticipant(
  accountSid: string,
  meetingKey: string,
  puid: string,
): Logic<StoreResult<{ meeting: MeetingRecord; participant: ParticipantRecord }>> {
  const meeting = toMeeting(yield* one(sql.liveMeeting, accountSid, meetingKey));
  if (!meeting) return failure('meeting_not_found');
  const row = yield* one(sql.liveParticipant, meeting.id, puid);
  return row ? { ok: true, meeting, participant: toParticipant(row) } : failure('participant_not_found');
}

/** The lobby code and status of a live meeting. */
export function* lookupMeeting(accountSid: string, meetingKey: string): Logic<StoreResult<{ meeting: MeetingRef }>> {
  const meeting = yield* one(sql.meetingRef, accountSid, meetingKey);
  return meeting ? { ok: true, meeting } : failure('meeting_not_found');
}

/** The entry token and status of a live participant. */
export function* lookupParticipant(accountSid: string, meetingKey: string, puid: string): Logic<StoreResult<{ participant: ParticipantRef }>> {
  const row = yield* one(sql.participantRef, puid, accountSid, meetingKey);
  if (!row) return failure('meeting_not_found');
  if (row.token === null || row.status === null) return failure('participant_not_found');
  return { ok: true, participant: { meetingKey: row.meetingKey, token: row.token, status: row.status } };
}

/** What an entry token opens, cancelled ones included. */
export function* findEntry(token: string): Logic<EntryRecord | undefined> {
  const meeting = toMeeting(yield* one(sql.meetingByHostToken, token));
  if (meeting) return { kind: 'host', accountSid: meeting.accountSid, meeting, cancelled: meeting.cancelled };
  const row = yield* one(sql.participantByToken, token);
  if (!row) return undefined;
  const owner = toMeeting((yield* one(sql.meetingById, row.meetingId))!);
  const participant = toParticipant(row, owner.cancelled);
  return { kind: 'participant', accountSid: owner.accountSid, meeting: owner, participant, cancelled: participant.cancelled };
}

/** The meeting with that lobby code, cancelled ones included. */
export function* findMeetingByCode(code: string): Logic<MeetingRecord | undefined> {
  return toMeeting(yield* one(sql.meetingByCode, code));
}

/** The account's meetings, newest first, each with its participants. */
export function* listMeetings(accountSid: string, includeCancelled: boolean): Logic<MeetingWithParticipants[]> {
  const listed: MeetingWithParticipants[] = [];
  for (const row of yield* all(sql.meetingsOfAccount, accountSid, includeCancelled)) {
    const meeting = toMeeting(row);
    const rows = yield* all(sql.participantsOfMeeting, meeting.id, includeCancelled);
    const participants = rows.map((p) => publicParticipant(toParticipant(p, meeting.cancelled)));
    listed.push({ ...publicMeeting(meeting), participants });
  }
  return listed;
}

/**
 * One page of the account's live meetings whose key, title or host id holds
 * `search` exactly, newest first, each with its live participants; a page past
 * the last gives the last. Three statements whatever the page size.
 */
export function* listMeetingsPage(accountSid: string, query: MeetingPageQuery): Logic<MeetingPage> {
  const { search, perPage } = query;
  const total = Number((yield* one(sql.countMeetingsMatching, accountSid, search))?.total ?? 0);
  const page = Math.max(1, Math.min(query.page, Math.ceil(total / perPage)));
  const offset = (page - 1) * perPage;
  const rows = yield* all(sql.meetingsMatching, accountSid, search, perPage, offset);
  const byMeeting = new Map<number, Participant[]>(rows.map((row) => [row.id, []]));
  for (const row of yield* all(sql.participantsOfMeetingsMatching, accountSid, search, perPage, offset)) {
    byMeeting.get(row.meetingId)?.push(publicParticipant(toParticipant(row)));
  }
  const meetings = rows.map((row) => ({ ...publicMeeting(toMeeting(row)), participants: byMeeting.get(row.id) ?? [] }));
  return { total, page, perPage, meetings };
}

/** The account's usage as the quotas count it. */
export function* usage(accountSid: string): Logic<Usage> {
  return (yield* one(sql.usage, accountSid)) ?? { users: 0, sessions: 0 };
}
