/**
 * @module store
 * The sandbox's state on better-sqlite3 (`:memory:` or a WAL file), with the
 * calls the 8 operations and the entry pages need.
 *
 * For the entry pages (`src/pages/`):
 * - `store.findEntry(token)`: `token` is the `LIVE` + 20 characters part of a
 *   hostUrl or participantUrl. Returns `{ kind: 'host', accountSid, meeting, cancelled }`
 *   or `{ kind: 'participant', accountSid, meeting, participant, cancelled }`, or
 *   undefined for an unknown token. `cancelled` is true when the meeting (or the
 *   participant) was cancelled: answer HTTP 410.
 * - `store.findMeetingByCode(code)`: `code` is the 6 characters of a meetingUrl.
 *   Returns the Meeting (title, time, duration, status, cancelled, ...) or undefined.
 * - `store.applyHostAction(token, 'start' | 'end' | 'leave')` and
 *   `store.applyParticipantAction(token, 'accept' | 'refuse' | 'join' | 'leave')`:
 *   apply a transition of the spec's lifecycle.meeting / lifecycle.participant
 *   rules. Return `{ ok: true, entry, from, to }` or `{ ok: false, reason, entry?, status? }`
 *   with reason `unknown_token` | `cancelled` | `not_allowed` | `meeting_finished`;
 *   they never throw for an impossible transition. Ending a meeting moves every
 *   participant in progress to quit in the same transaction.
 * - `store.listMeetings(accountSid, { includeCancelled? })`: the account's
 *   meetings, newest first, each with `participants` (live ones only unless
 *   `includeCancelled`).
 * - `meetingLifecycle` / `participantLifecycle`: `{ initial, transitions, final, next(from, action) }`,
 *   to show which actions a page offers (`next(status, action) !== undefined`).
 * - Status values and their names: `getEnum('MeetingStatus' | 'ParticipantStatus')`
 *   from `@org/liveminutes-spec`.
 *
 * @example
 * import { createStore } from './store/index.js';
 * const store = createStore({ path: ':memory:' });
 * const made = store.createMeeting('trw76p0066423', { meetingKey: 'abc', hostId: '123' }, { users: 1000, sessions: 10000 });
 * if (made.ok) store.applyHostAction(made.meeting.hostToken, 'start'); // { ok: true, from: '1', to: '8', ... }
 */
export { createStore, SandboxStore, type StoreOptions } from './store.js';
export { meetingLifecycle, participantLifecycle, type Lifecycle, type Transition } from './lifecycle.js';
export { openDatabase, migrate, type SqliteDatabase } from './database.js';
export type * from './types.js';
