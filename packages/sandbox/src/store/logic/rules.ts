/**
 * The decisions every store back end makes the same way, as pure functions of
 * what a transaction has read: idempotent repeats, lifecycle transitions, new
 * rows (the quota checks are SQL, in write-scripts.ts). The back ends only read, lock and write.
 */
import { lifecycle } from '@org/liveminutes-spec';
import { newEntryToken } from '../random.js';
import type {
  ActionResult,
  AddParticipantInput,
  CreateMeetingInput,
  HostAction,
  Limits,
  ParticipantAction,
  StoreFailure,
  StoreResult,
} from '../types.js';
import type { EntryRecord, MeetingRecord, ParticipantRecord } from './rows.js';

const meetingLifecycle = lifecycle('meeting');
const participantLifecycle = lifecycle('participant');

/**
 * A failure value.
 * @example
 * failure('meeting_not_found'); // { ok: false, code: 'meeting_not_found' }
 */
export const failure = (code: StoreFailure['code'], extra: Partial<StoreFailure> = {}): StoreFailure => ({
  ok: false,
  code,
  ...extra,
});

/**
 * createMeeting with the key of a live meeting: the same host gets it back unchanged (a safe retry),
 * another host gets `meeting_exists`.
 * @example
 * repeatCreate(existing, existing.hostId); // { ok: true, meeting: existing, created: false }
 */
export function repeatCreate(existing: MeetingRecord, hostId: string): StoreResult<{ meeting: MeetingRecord; created: boolean }> {
  return existing.hostId === hostId ? { ok: true, meeting: existing, created: false } : failure('meeting_exists');
}

/**
 * The failure a write script answered (write-scripts.ts): a quota it would exceed, or what it found under the lock.
 * @example
 * scriptFailure('sessions', { sessions: 2, users: 10 }); // { ok: false, code: 'limit_exceeded', quota: 'sessions', limit: 2 }
 */
export function scriptFailure(outcome: string, limits?: Limits): StoreFailure {
  if (limits && (outcome === 'sessions' || outcome === 'users')) return failure('limit_exceeded', { quota: outcome, limit: limits[outcome] });
  if (outcome === 'meeting_not_found' || outcome === 'meeting_closed' || outcome === 'participant_not_found') return failure(outcome);
  throw new Error(`A write script answered ${outcome}`);
}

/** The columns of a new meeting (code and key chosen by the caller, which checks them against the database). */
export function newMeetingFields(accountSid: string, meetingKey: string, code: string, input: CreateMeetingInput) {
  return {
    accountSid,
    meetingKey,
    code,
    hostToken: newEntryToken(),
    hostId: input.hostId,
    title: input.title ?? null,
    lang: input.lang ?? null,
    description: input.description ?? null,
    time: input.time ?? null,
    duration: input.duration ?? null,
    hostNickname: input.hostNickname ?? null,
    hostEmail: input.hostEmail ?? null,
    status: meetingLifecycle.initial,
  };
}

/** The columns of a new participant (its meeting's id comes from the write script). */
export function newParticipantFields(input: AddParticipantInput) {
  return {
    puid: input.puid,
    token: newEntryToken(),
    nickname: input.nickname ?? null,
    email: input.email ?? null,
    status: participantLifecycle.initial,
  };
}

/** A refused action, or the status it leads to (`ends`: the meeting reaches a final status). */
export type Decision = Extract<ActionResult<EntryRecord>, { ok: false }> | { readonly ok: true; readonly from: string; readonly to: string; readonly ends: boolean };

/**
 * What a host action does to the entry found for its token.
 * @example
 * decideHostAction(entry, 'start'); // { ok: true, from: '1', to: '8', ends: false }
 */
export function decideHostAction(entry: EntryRecord | undefined, action: HostAction): Decision {
  if (!entry || entry.kind !== 'host') return { ok: false, reason: 'unknown_token' };
  const { status } = entry.meeting;
  if (entry.cancelled) return { ok: false, reason: 'cancelled', entry, status };
  const to = meetingLifecycle.next(status, action);
  if (to === undefined) return { ok: false, reason: 'not_allowed', entry, status };
  return { ok: true, from: status, to, ends: meetingLifecycle.final.includes(to) };
}

/**
 * What a participant action does to the entry found for its token.
 * @example
 * decideParticipantAction(entry, 'join'); // { ok: true, from: '2', to: '10', ends: false }
 */
export function decideParticipantAction(entry: EntryRecord | undefined, action: ParticipantAction): Decision {
  if (!entry || entry.kind !== 'participant') return { ok: false, reason: 'unknown_token' };
  const { status } = entry.participant;
  if (entry.cancelled) return { ok: false, reason: 'cancelled', entry, status };
  if (meetingLifecycle.final.includes(entry.meeting.status)) return { ok: false, reason: 'meeting_finished', entry, status };
  const to = participantLifecycle.next(status, action);
  if (to === undefined) return { ok: false, reason: 'not_allowed', entry, status };
  return { ok: true, from: status, to, ends: false };
}

/** The participant of a participant entry (after a decision accepted it). */
export function participantOf(entry: EntryRecord | undefined): ParticipantRecord {
  if (entry?.kind !== 'participant') throw new Error('Not a participant entry');
  return entry.participant;
}
