/**
 * The control API's store logic, written once (see steps.ts): accounts
 * created for tests, kept in the database so that every sandbox process on
 * it knows them, and an account reset that deletes everything of one account
 * after locking it (`lockAccount`), like every write of that account.
 */
import { accountSql, type AccountRow } from './account-statements.js';
import { sql } from './statements.js';
import { count, one, type Logic } from './steps.js';
import type { StoredAccount } from '../types.js';

/** Adds an account; false when its AccountSid is taken. */
export function* addAccount(account: StoredAccount): Logic<boolean> {
  if (yield* one(accountSql.account, account.accountSid)) return false;
  yield* count(accountSql.insertAccount, account.accountSid, account.tokenDigest, account.limits.users, account.limits.sessions, new Date().toISOString());
  return true;
}

/** The stored account with that AccountSid. */
export function* findAccount(accountSid: string): Logic<StoredAccount | undefined> {
  const row: AccountRow | undefined = yield* one(accountSql.account, accountSid);
  return row && { accountSid: row.accountSid, tokenDigest: row.tokenDigest, limits: { users: row.users, sessions: row.sessions } };
}

/** Deletes every meeting of the account (cancelled ones too) with its participants and quota use; resolves how many meetings. */
export function* resetAccount(accountSid: string): Logic<number> {
  yield* count(sql.lockAccount, accountSid);
  yield* count(accountSql.deleteParticipantsOfAccount, accountSid);
  const meetings = yield* count(accountSql.deleteMeetingsOfAccount, accountSid);
  yield* count(accountSql.deleteUsersOfAccount, accountSid);
  yield* count(accountSql.clearUsage, accountSid);
  return meetings;
}
