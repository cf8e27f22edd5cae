/**
 * The sandbox's accounts and HTTP basic authentication. Tokens are compared in
 * constant time (SHA-256 digests of equal length through timingSafeEqual), an
 * unknown AccountSid costs the same comparison, and no token is ever exposed.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Limits, StoredAccount } from '../store/types.js';

/** One account's credentials. */
export interface AccountCredentials {
  readonly accountSid: string;
  readonly authToken: string;
}

/** An account to add, with quotas of its own if it has any. */
export interface NewAccount extends AccountCredentials {
  /** Its own quotas; those left out are the sandbox's. */
  readonly limits?: Partial<Limits> | undefined;
}

/** The configured accounts; knows how to check an `Authorization` header. */
export interface AccountRegistry {
  /** The AccountSids, in configuration order, then those added. */
  readonly sids: readonly string[];
  /**
   * The AccountSid of valid basic credentials, or undefined for a missing,
   * malformed or wrong header.
   */
  authenticate(authorization: string | undefined): string | undefined;
  /** Adds an account (a fresh one for one test); throws on a malformed or taken AccountSid or an empty token. */
  add(account: NewAccount): void;
  /** The quotas an account was added with, if any. */
  limitsOf(accountSid: string): Partial<Limits> | undefined;
  /**
   * For credentials whose AccountSid this process does not know: looks the
   * account up where accounts created by other processes are kept (the
   * store), learns it, and authenticates. Undefined for anything else.
   */
  lookup(authorization: string | undefined): Promise<string | undefined>;
}

/** Options of {@link createAccountRegistry}. */
export interface AccountRegistryOptions {
  /** Where accounts created by any process are kept (the store's findAccount); none by default. */
  readonly load?: (accountSid: string) => Promise<StoredAccount | undefined>;
}

/**
 * The document's example credentials, the sandbox's default account.
 * @example
 * const auth = Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString('base64');
 */
export const DEFAULT_ACCOUNT: AccountCredentials = Object.freeze({
  accountSid: 'trw76p0066423',
  authToken: 'eurn568nfkkg9862iomdnnv987iir',
});

const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

/** Splits `Basic base64(sid:token)`; undefined when malformed. */
export function parseBasicAuth(authorization: string | undefined): AccountCredentials | undefined {
  if (!authorization) return undefined;
  const match = /^\s*basic\s+([A-Za-z0-9+/=\s]+?)\s*$/i.exec(authorization);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { accountSid: decoded.slice(0, colon), authToken: decoded.slice(colon + 1) };
}

/**
 * Builds the registry; throws on an empty list, a duplicate AccountSid, or a
 * sid containing `:` (basic auth could not carry it).
 * @example
 * const accounts = createAccountRegistry([DEFAULT_ACCOUNT]);
 * accounts.authenticate('Basic dHJ3NzZwMDA2NjQyMzpldXJuNTY4bmZra2c5ODYyaW9tZG5udjk4N2lpcg=='); // 'trw76p0066423'
 */
export function createAccountRegistry(list: readonly AccountCredentials[], options: AccountRegistryOptions = {}): AccountRegistry {
  if (list.length === 0) throw new Error('At least one account is needed');
  const digests = new Map<string, Buffer>();
  const limits = new Map<string, Partial<Limits>>();
  let sids: readonly string[] = [];
  const learn = (accountSid: string, tokenHash: Buffer, own: Partial<Limits> | undefined) => {
    digests.set(accountSid, tokenHash);
    if (own) limits.set(accountSid, { ...own });
    sids = [...digests.keys()];
  };
  const add = ({ accountSid, authToken, limits: own }: NewAccount) => {
    if (!accountSid || accountSid.includes(':')) throw new Error('An AccountSid must be non-empty and contain no ":"');
    if (!authToken) throw new Error(`Account ${accountSid} has an empty AuthToken`);
    if (digests.has(accountSid)) throw new Error(`Account ${accountSid} is configured twice`);
    learn(accountSid, digest(authToken), own);
  };
  for (const account of list) add({ accountSid: account.accountSid, authToken: account.authToken });
  const decoy = digest('');
  const authenticate = (authorization: string | undefined): string | undefined => {
    const credentials = parseBasicAuth(authorization);
    if (!credentials) return undefined;
    const expected = digests.get(credentials.accountSid);
    const same = timingSafeEqual(digest(credentials.authToken), expected ?? decoy);
    return same && expected ? credentials.accountSid : undefined;
  };
  return {
    get sids() {
      return sids;
    },
    authenticate,
    add,
    limitsOf: (accountSid) => limits.get(accountSid),
    async lookup(authorization) {
      const credentials = parseBasicAuth(authorization);
      if (!options.load || !credentials || digests.has(credentials.accountSid) || credentials.accountSid.includes(':')) return undefined;
      const found = await options.load(credentials.accountSid);
      if (!found) return undefined;
      const stored = Buffer.from(found.tokenDigest, 'hex');
      // Another request may have learnt it meanwhile; a malformed digest is no account.
      if (!digests.has(found.accountSid) && stored.length === decoy.length) learn(found.accountSid, stored, found.limits);
      return authenticate(authorization);
    },
  };
}

/**
 * The digest of an AuthToken as the store keeps it (SHA-256, lower-case hex).
 * @example
 * tokenDigest('secret').length; // 64
 */
export function tokenDigest(authToken: string): string {
  return digest(authToken).toString('hex');
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const randomText = (length: number): string => [...randomBytes(length)].map((byte) => ALPHABET[byte % 36]).join('');

/**
 * New random credentials: an AccountSid `lmt` + 16 characters and an AuthToken of 32
 * (over 160 random bits), from a cryptographic source.
 * @example
 * freshCredentials(); // { accountSid: 'lmt0f3a9z...', authToken: '...' }
 */
export function freshCredentials(): AccountCredentials {
  return { accountSid: `lmt${randomText(16)}`, authToken: randomText(32) };
}
