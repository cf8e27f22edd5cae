/**
 * @module store
 * The sandbox's state behind one interface, {@link SandboxStore}, with two
 * back ends: SQLite (better-sqlite3, `:memory:` or a WAL file) and PostgreSQL
 * (several sandbox processes on one database). `createStore({ db })` picks one.
 *
 * For the entry pages (`src/pages/`):
 * - `store.findEntry(token)`: `token` is the `LIVE` + 20 characters part of a
 *   hostUrl or participantUrl. Resolves `{ kind: 'host', accountSid, meeting, cancelled }`
 *   or `{ kind: 'participant', accountSid, meeting, participant, cancelled }`, or
 *   undefined for an unknown token. `cancelled` is true when the meeting (or the
 *   participant) was cancelled: answer HTTP 410.
 * - `store.findMeetingByCode(code)`: `code` is the 6 characters of a meetingUrl.
 *   Resolves the Meeting (title, time, duration, status, cancelled, ...) or undefined.
 * - `store.applyHostAction(token, 'start' | 'end' | 'leave')` and
 *   `store.applyParticipantAction(token, 'accept' | 'refuse' | 'join' | 'leave')`:
 *   apply a transition of the spec's lifecycle.meeting / lifecycle.participant
 *   rules. Resolve `{ ok: true, entry, from, to }` or `{ ok: false, reason, entry?, status? }`
 *   with reason `unknown_token` | `cancelled` | `not_allowed` | `meeting_finished`;
 *   they never reject for an impossible transition. Ending a meeting moves every
 *   participant in progress to quit in the same transaction.
 * - `store.listMeetings(accountSid, { includeCancelled? })`: the account's
 *   meetings, newest first, each with `participants` (live ones only unless
 *   `includeCancelled`).
 * - `store.listMeetingsPage(accountSid, { search, page, perPage })`: the dashboard's
 *   pages, `{ total, page, perPage, meetings }` (live meetings whose key, title or
 *   host id holds `search` exactly; a page past the last gives the last).
 * - The lifecycles themselves (statuses with names and meanings, transitions,
 *   final statuses): `lifecycle('meeting' | 'participant')` from `@org/liveminutes-spec`.
 *
 * @example
 * import { createStore } from './store/index.js';
 * const store = await createStore({ db: ':memory:' });
 * const made = await store.createMeeting('trw76p0066423', { meetingKey: 'abc', hostId: '123' }, { users: 1000, sessions: 10000 });
 * if (made.ok) await store.applyHostAction(made.meeting.hostToken, 'start'); // { ok: true, from: '1', to: '8', ... }
 */
export { createStore, isPostgresUrl, type StoreOptions } from './create-store.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { redactDatabaseUrl } from './database-url.js';
export { openDatabase, migrate, type SqliteDatabase } from './sqlite/sqlite-database.js';
export type * from './types.js';
