/**
 * The control API's account call: a fresh account for one test (random
 * credentials, its own quotas), kept in the store.
 */
import { freshCredentials, tokenDigest, type AccountRegistry } from '../http/accounts.js';
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
 * It is kept in the store (its AuthToken only as a digest), so that every
 * sandbox process on the same database knows it, and learnt by this process
 * at once. Resolves undefined once {@link MAX_CREATED_ACCOUNTS} were created here.
 * @example
 * await createFreshAccount(registry, store, { users: 1000, sessions: 10000 }, { sessions: 2 }); // { accountSid: 'lmt...', authToken: '...', limits: { users: 1000, sessions: 2 } }
 */
export async function createFreshAccount(
  accounts: AccountRegistry,
  store: SandboxStore,
  defaults: Limits,
  limits: Partial<Limits> = {},
  created: { count: number } = { count: 0 },
): Promise<CreatedAccount | undefined> {
  if (created.count >= MAX_CREATED_ACCOUNTS) return undefined;
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new Error(`limits.${name} must be a positive integer`);
  }
  const own: Limits = { users: limits.users ?? defaults.users, sessions: limits.sessions ?? defaults.sessions };
  created.count += 1;
  // 80 random bits in the AccountSid: a collision is not expected, but a taken one is drawn again.
  for (;;) {
    const credentials = freshCredentials();
    if (!(await store.addAccount({ accountSid: credentials.accountSid, tokenDigest: tokenDigest(credentials.authToken), limits: own }))) continue;
    accounts.add({ ...credentials, limits: own });
    return { ...credentials, limits: own };
  }
}

