/**
 * The control API's account calls: a fresh account for one test (random
 * credentials, its own quotas), and a reset that empties an account.
 */
import { freshCredentials, type AccountRegistry } from '../http/accounts.js';
import type { Limits, SandboxStore } from '../store/index.js';

/** How many accounts one sandbox process creates at most: memory stays bounded whoever calls. */
export const MAX_CREATED_ACCOUNTS = 10_000;

/** The new account's credentials (its AuthToken is shown this once) and quotas. */
export interface CreatedAccount {
  readonly accountSid: string;
  readonly authToken: string;
  readonly limits: Limits;
}

/**
 * Creates an account with random credentials; `limits` left out are `defaults`.
 * Undefined once {@link MAX_CREATED_ACCOUNTS} were created.
 * @example
 * createFreshAccount(registry, { users: 1000, sessions: 10000 }, { sessions: 2 }); // { accountSid: 'lmt...', authToken: '...', limits: { users: 1000, sessions: 2 } }
 */
export function createFreshAccount(
  accounts: AccountRegistry,
  defaults: Limits,
  limits: Partial<Limits> = {},
  created: { count: number } = { count: 0 },
): CreatedAccount | undefined {
  if (created.count >= MAX_CREATED_ACCOUNTS) return undefined;
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new Error(`limits.${name} must be a positive integer`);
  }
  const own: Limits = { users: limits.users ?? defaults.users, sessions: limits.sessions ?? defaults.sessions };
  const credentials = freshCredentials();
  accounts.add({ ...credentials, limits: own });
  created.count += 1;
  return { ...credentials, limits: own };
}

/**
 * Empties an account: every live meeting is cancelled with its participants,
 * through the store's own cancelMeeting (keys, URLs and quota use are freed,
 * as the API's cancelMeeting frees them). Resolves how many there were.
 * @example
 * await resetAccount(store, 'trw76p0066423'); // 3
 */
export async function resetAccount(store: SandboxStore, accountSid: string): Promise<number> {
  let count = 0;
  for (const meeting of await store.listMeetings(accountSid)) {
    if ((await store.cancelMeeting(accountSid, meeting.meetingKey)).ok) count += 1;
  }
  return count;
}
