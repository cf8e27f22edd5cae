/**
 * The pieces the write scripts (write-scripts.ts, cancel-scripts.ts,
 * entry-scripts.ts) are built from, written once for both databases: the lock
 * of the account's usage row, the users quota, the live roles each user id
 * holds (`account_users` counts them), and the spec's lifecycles as SQL.
 */
import { lifecycle } from '@org/liveminutes-spec';
import { lockAccountSql } from './statements.js';
import type { Dialect, ScriptStep } from './steps.js';

/** An SQL string literal. */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const meetingLifecycle = lifecycle('meeting');
const participantLifecycle = lifecycle('participant');

/** The meeting statuses that are final (the spec's lifecycle.meeting), as an SQL list: a final meeting takes no one new. */
export const FINAL_STATUSES = meetingLifecycle.final.map(literal).join(', ');

/** Creates the account's usage row on its first write, and locks it until the script ends (PostgreSQL). */
export const lockAccount = (account: string): ScriptStep => ({ text: () => lockAccountSql(account) });

/**
 * Locks the usage row of the account a SELECT of one `account_sid` names (none: nothing is locked, and a guard
 * after it refuses). The SELECT has a WHERE clause, so that SQLite reads the ON CONFLICT as the upsert's.
 */
export const lockAccountOf = (select: string): ScriptStep => ({
  text: () => `INSERT INTO account_usage (account_sid) ${select}
    ON CONFLICT (account_sid) DO UPDATE SET sessions = account_usage.sessions`,
});

/** The user id has a live role in the account already (it is not counted again). */
export const knownUser = (account: string, user: string) =>
  `EXISTS (SELECT 1 FROM account_users u WHERE u.account_sid = ${account} AND u.user_id = ${user})`;

/** Refuses a new user id over the users quota; a known one never counts again. */
export const usersGuard = (account: string, user: string, limit: string): ScriptStep => ({
  guard: 'users',
  text: () => `SELECT 1 FROM account_usage WHERE account_sid = ${account} AND (users + 1 <= ${limit} OR ${knownUser(account, user)})`,
});

/** One more live role for the user id (after the usage row counted it, if new). */
export const addUserRef = (account: string, user: string): ScriptStep => ({
  text: () => `INSERT INTO account_users (account_sid, user_id, refs) VALUES (${account}, ${user}, 1)
    ON CONFLICT (account_sid, user_id) DO UPDATE SET refs = account_users.refs + 1`,
});

/**
 * The live roles a cancel ends, given as a SELECT of `user_id`s (one row per role, so an id twice drops twice):
 * each id loses them, and an id left with none frees its place in the users quota. Runs before the rows are
 * marked cancelled (the SELECT reads them live).
 */
export const dropRoles = (account: string, roles: (d: Dialect) => string): ScriptStep[] => {
  const ids = (d: Dialect) => `SELECT r.user_id FROM (${roles(d)}) r`;
  const rolesOf = (d: Dialect, user: string) => `(SELECT count(*) FROM (${roles(d)}) r WHERE r.user_id = ${user})`;
  return [
    {
      text: (d) => `UPDATE account_usage SET users = users - (SELECT count(*) FROM account_users u
        WHERE u.account_sid = ${account} AND u.user_id IN (${ids(d)}) AND u.refs <= ${rolesOf(d, 'u.user_id')})
        WHERE account_sid = ${account}`,
    },
    // The ids left with no live role go (refs stays positive), the others hold fewer.
    {
      text: (d) => `DELETE FROM account_users WHERE account_sid = ${account} AND user_id IN (${ids(d)})
        AND refs <= ${rolesOf(d, 'account_users.user_id')}`,
    },
    {
      text: (d) => `UPDATE account_users SET refs = refs - ${rolesOf(d, 'account_users.user_id')}
        WHERE account_sid = ${account} AND user_id IN (${ids(d)})`,
    },
  ];
};

/** The status an action leads to from a status, per the spec's transitions; NULL when it is not allowed. */
const nextStatus = (kind: 'meeting' | 'participant', status: string, action: string): string => {
  const { transitions } = kind === 'meeting' ? meetingLifecycle : participantLifecycle;
  const cases = transitions.map((t) => `WHEN ${status} = ${literal(t.from)} AND ${action} = ${literal(t.action)} THEN ${literal(t.to)}`);
  return `CASE ${cases.join(' ')} ELSE NULL END`;
};

/** The next meeting status (see {@link nextStatus}). */
export const nextMeetingStatus = (status: string, action: string): string => nextStatus('meeting', status, action);

/** The next participant status (see {@link nextStatus}). */
export const nextParticipantStatus = (status: string, action: string): string => nextStatus('participant', status, action);

/** The spec's onMeetingEnd move (participants in one status move to another when their meeting ends), if any. */
export const participantsAtMeetingEnd = participantLifecycle.onMeetingEnd;

/** A `(SELECT id ...)` of the live meeting of account $a with key $k. */
export const liveMeetingId = (d: Dialect, account: string, key: string): string =>
  `(SELECT m.id FROM meetings m WHERE m.account_sid = ${account} AND m.meeting_key = ${key} AND m.cancelled = ${d.false})`;
