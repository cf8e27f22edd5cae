/**
 * @module usage-from-rows
 * An account's usage counted from the rows themselves, as the quota rules define it
 * (sessions: live meetings; users: distinct ids among the hosts and live participants of
 * live meetings), to compare with the `account_usage` counters the server enforces with.
 */
import Database from 'better-sqlite3';

export interface RowUsage {
  readonly sessions: number;
  readonly users: number;
}

/**
 * Counts from the database file (opened read-only, closed before returning).
 * @example
 * expect(await sandbox.store.usage(SID)).toEqual(usageFromRows(sandbox.dbPath, SID));
 */
export function usageFromRows(dbPath: string, accountSid: string): RowUsage {
  const db = new Database(dbPath, { readonly: true });
  try {
    const { sessions } = db
      .prepare('SELECT COUNT(*) AS sessions FROM meetings WHERE account_sid = ? AND cancelled = 0')
      .get(accountSid) as { sessions: number };
    const { users } = db
      .prepare(
        `SELECT COUNT(*) AS users FROM (
           SELECT host_id AS id FROM meetings WHERE account_sid = @sid AND cancelled = 0
           UNION
           SELECT p.puid FROM participants p JOIN meetings m ON m.id = p.meeting_id
           WHERE m.account_sid = @sid AND m.cancelled = 0 AND p.cancelled = 0
         )`,
      )
      .get({ sid: accountSid }) as { users: number };
    return { sessions, users };
  } finally {
    db.close();
  }
}
