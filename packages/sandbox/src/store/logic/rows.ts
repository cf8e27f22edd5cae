/**
 * SQL rows to records, and records to the views the store's public methods
 * return: the column lists both back ends select (aliases quoted, so that
 * PostgreSQL keeps their case), the mapping (SQLite has no booleans, so
 * `cancelled` arrives as 0 or 1; PostgreSQL's true or false passes through),
 * and the views without row ids.
 */
import type { Entry, Meeting, Participant } from '../types.js';

/** A stored meeting: the view and its row id. Internal to the store. */
export interface MeetingRecord extends Meeting {
  readonly id: number;
}

/** A stored participant: the view, its row id and its meeting's. Internal to the store. */
export interface ParticipantRecord extends Participant {
  readonly id: number;
  readonly meetingId: number;
}

/** An entry as the store finds it, with its rows. Internal to the store. */
export type EntryRecord = Entry<MeetingRecord, ParticipantRecord>;

export const MEETING_COLUMNS = `m.id, m.account_sid AS "accountSid", m.meeting_key AS "meetingKey", m.code,
  m.host_token AS "hostToken", m.host_id AS "hostId", m.title, m.lang, m.description, m.time, m.duration,
  m.host_nickname AS "hostNickname", m.host_email AS "hostEmail", m.status, m.cancelled,
  m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

export const PARTICIPANT_COLUMNS = `p.id, p.meeting_id AS "meetingId", p.puid, p.token, p.nickname, p.email,
  p.status, p.cancelled, p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

type Row<T> = Omit<T, 'cancelled'> & { cancelled: number | boolean };

/** A meeting row as selected with MEETING_COLUMNS. */
export type MeetingRow = Row<MeetingRecord>;
/** A participant row as selected with PARTICIPANT_COLUMNS. */
export type ParticipantRow = Row<ParticipantRecord>;

export function toMeeting(row: MeetingRow): MeetingRecord;
export function toMeeting(row: MeetingRow | undefined): MeetingRecord | undefined;
export function toMeeting(row: MeetingRow | undefined): MeetingRecord | undefined {
  return row && { ...row, cancelled: row.cancelled === true || row.cancelled === 1 };
}

/** A participant of a cancelled meeting counts as cancelled too. */
export function toParticipant(row: ParticipantRow, meetingCancelled = false): ParticipantRecord {
  return { ...row, cancelled: row.cancelled === true || row.cancelled === 1 || meetingCancelled };
}

/** A meeting as the public methods return it: the record without its row id. */
export function publicMeeting({ id: _id, ...meeting }: MeetingRecord): Meeting {
  return meeting;
}

/** A participant as the public methods return it: the record without its row ids. */
export function publicParticipant({ id: _id, meetingId: _meetingId, ...participant }: ParticipantRecord): Participant {
  return participant;
}

/** An entry as the public methods return it: its meeting and participant as views. */
export function publicEntry(entry: EntryRecord): Entry {
  const meeting = publicMeeting(entry.meeting);
  return entry.kind === 'host' ? { ...entry, meeting } : { ...entry, meeting, participant: publicParticipant(entry.participant) };
}

/** A store result that may hold records (inside the store). */
export interface ResultWithRecords {
  readonly ok: boolean;
  readonly meeting?: MeetingRecord;
  readonly participant?: ParticipantRecord;
  readonly entry?: EntryRecord;
}

/** A store result with its records (`meeting`, `participant`, `entry`) replaced by their views. */
export type PublicResult<T> = {
  [K in keyof T]: K extends 'meeting' ? Meeting : K extends 'participant' ? Participant : K extends 'entry' ? Entry : T[K];
};

/**
 * The views of a result's records, the rest as it is: what a public method returns.
 * @example
 * publicResult({ ok: true, meeting: record, created: true }); // { ok: true, meeting: { meetingKey, ... } (no id), created: true }
 */
export function publicResult<T extends ResultWithRecords>(result: T): PublicResult<T> {
  const { meeting, participant, entry } = result;
  return {
    ...result,
    ...(meeting && { meeting: publicMeeting(meeting) }),
    ...(participant && { participant: publicParticipant(participant) }),
    ...(entry && { entry: publicEntry(entry) }),
  } as PublicResult<T>;
}
