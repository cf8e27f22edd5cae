/**
 * The statements of the accounts the control API creates and of an account
 * reset, written once for both databases (see steps.ts and statements.ts).
 */
import { statement } from './steps.js';

/** A stored account: its AccountSid, its AuthToken's SHA-256 digest (hex), its quotas. */
export interface AccountRow {
  readonly accountSid: string;
  readonly tokenDigest: string;
  readonly users: number;
  readonly sessions: number;
}

/** The statements, by name. */
export const accountSql = {
  insertAccount: statement<[accountSid: string, tokenDigest: string, users: number, sessions: number, now: string]>(
    'insert_account',
    () => `INSERT INTO accounts (account_sid, token_digest, users, sessions, created_at) VALUES ($1, $2, $3, $4, $5)`,
  ),
  account: statement<[accountSid: string], AccountRow>(
    'account',
    () => `SELECT account_sid AS "accountSid", token_digest AS "tokenDigest", users, sessions FROM accounts WHERE account_sid = $1`,
  ),
  deleteParticipantsOfAccount: statement<[accountSid: string]>(
    'delete_participants_of_account',
    () => `DELETE FROM participants WHERE meeting_id IN (SELECT id FROM meetings WHERE account_sid = $1)`,
  ),
  deleteMeetingsOfAccount: statement<[accountSid: string]>('delete_meetings_of_account', () => `DELETE FROM meetings WHERE account_sid = $1`),
  deleteUsersOfAccount: statement<[accountSid: string]>('delete_users_of_account', () => `DELETE FROM account_users WHERE account_sid = $1`),
  clearUsage: statement<[accountSid: string]>('clear_usage', () => `UPDATE account_usage SET sessions = 0, users = 0 WHERE account_sid = $1`),
};
