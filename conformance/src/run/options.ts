/**
 * The options of a run, their defaults and their validation. Defaults keep a
 * run against a real server far from its quotas and gentle on its capacity.
 */
import { parseAccountPair, parseLimitsValue } from '@org/liveminutes-internal';
import { testTriggerPrefix } from '@org/liveminutes-spec';
import type { Account, RunListener } from '../types.js';
import { ConformanceError } from './errors.js';
import { PREFIX_PATTERN, randomPrefix } from './ids.js';

/** Requests a run may send unless told otherwise: a full run needs about half. */
export const DEFAULT_MAX_REQUESTS = 2000;
/** Requests per second against a server given by URL (the embedded sandbox is not limited). */
export const DEFAULT_REMOTE_RATE = 20;

/** Options of `runConformance`. */
export interface ConformanceOptions {
  /** The server under test. Without it, the sandbox is started in-process on a free port. */
  readonly baseUrl?: string;
  /** Credentials for `baseUrl` (default: LIVEMINUTES_ACCOUNT_SID / LIVEMINUTES_AUTH_TOKEN). */
  readonly account?: Account;
  /** A second account on the same server: enables the tenant isolation checks. */
  readonly secondAccount?: Account;
  /** Starts every meeting key and user id the run creates (default: random, `lmc-xxxxxx-`). */
  readonly prefix?: string;
  /** The most requests the run may send (default 2000). */
  readonly maxRequests?: number;
  /** Requests per second (default: 20 against a URL, unlimited against the embedded sandbox). */
  readonly rate?: number | null;
  /** SHOULD failures fail the run too. */
  readonly strict?: boolean;
  /** Check ids or globs to run (default: all). */
  readonly only?: readonly string[];
  /** Check ids or globs to leave out. */
  readonly skip?: readonly string[];
  /** Per-request timeout in milliseconds (default 10000). */
  readonly timeoutMs?: number;
  /**
   * The server has the sandbox's entry pages (GET shows them, a form POST of
   * `action` moves statuses): enables the page and lifecycle checks. Always
   * on for the embedded sandbox; off by default for a URL, because acting on a
   * real server's entry pages is not part of the API.
   */
  readonly entryPages?: boolean;
  /**
   * The quotas of the accounts on `baseUrl` (`--limits users=N,sessions=M`): the
   * quota checks then run against it too, filling the second account (which
   * holds nothing between checks) up to them. Needs `secondAccount`.
   */
  readonly limits?: QuotaLimits;
  /** Interrupts the run: the current request finishes, the rest is skipped, meetings are cancelled. */
  readonly signal?: AbortSignal;
  /** Progress listeners (reporters). */
  readonly listeners?: readonly RunListener[];
  /** Environment to read credentials from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** An account's quotas. */
export interface QuotaLimits {
  readonly users: number;
  readonly sessions: number;
}

/** Options with defaults applied and checked. */
export interface ResolvedOptions {
  readonly baseUrl: string | undefined;
  readonly account: Account | undefined;
  readonly secondAccount: Account | undefined;
  readonly prefix: string;
  readonly maxRequests: number;
  readonly rate: number | null;
  readonly strict: boolean;
  readonly only: readonly string[];
  readonly skip: readonly string[];
  readonly timeoutMs: number;
  readonly entryPages: boolean;
  readonly limits: QuotaLimits | undefined;
}

/**
 * Applies defaults and validates; throws ConformanceError('usage') on bad options.
 * @example
 * resolveOptions({}).rate; // null (embedded sandbox)
 */
export function resolveOptions(options: ConformanceOptions): ResolvedOptions {
  const env = options.env ?? process.env;
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ConformanceError('usage', `--base-url ${JSON.stringify(baseUrl)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConformanceError('usage', '--base-url must be http:// or https://');
    if (url.username || url.password) throw new ConformanceError('usage', '--base-url must not carry credentials; use --account-sid and --auth-token');
  }
  const fromEnv = env.LIVEMINUTES_ACCOUNT_SID && env.LIVEMINUTES_AUTH_TOKEN
    ? { accountSid: env.LIVEMINUTES_ACCOUNT_SID, authToken: env.LIVEMINUTES_AUTH_TOKEN }
    : undefined;
  const account = options.account ?? (baseUrl ? fromEnv : undefined);
  if (baseUrl && !account) {
    throw new ConformanceError('usage', '--base-url needs --account-sid and --auth-token (or LIVEMINUTES_ACCOUNT_SID and LIVEMINUTES_AUTH_TOKEN)');
  }
  if (!baseUrl && (options.account || options.secondAccount)) {
    throw new ConformanceError('usage', 'accounts are for --base-url; the embedded sandbox makes its own');
  }
  for (const given of [account, options.secondAccount]) {
    if (given && (!given.accountSid || !given.authToken || given.accountSid.includes(':'))) {
      throw new ConformanceError('usage', 'an account needs a non-empty AccountSid (without ":") and AuthToken');
    }
  }
  if (options.limits) {
    if (!baseUrl) throw new ConformanceError('usage', '--limits is for --base-url; the embedded run has its own small-quota sandbox');
    if (!options.secondAccount) throw new ConformanceError('usage', '--limits needs --second-account: the quota checks fill that account up to its quotas');
    for (const [name, value] of Object.entries(options.limits)) {
      if (!Number.isInteger(value) || value < 1) throw new ConformanceError('usage', `--limits ${name} must be a positive integer`);
    }
  }
  const prefix = options.prefix ?? randomPrefix();
  if (!PREFIX_PATTERN.test(prefix)) throw new ConformanceError('usage', `--prefix must match ${PREFIX_PATTERN.source}`);
  // The suite never sends a test trigger's reserved value (rule sandbox.test-triggers): no id it makes may start
  // with one, nor its variant in another letter case (the exact-ids checks send those).
  const reserved = testTriggerPrefix().toLowerCase();
  const folded = prefix.toLowerCase();
  if (folded.startsWith(reserved) || reserved.startsWith(folded)) {
    throw new ConformanceError('usage', `--prefix must not start, or be the start of, ${reserved}: values starting with it are reserved for test triggers`);
  }
  const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
  if (!Number.isInteger(maxRequests) || maxRequests < 1) throw new ConformanceError('usage', '--max-requests must be a positive integer');
  const rate = options.rate === undefined ? (baseUrl ? DEFAULT_REMOTE_RATE : null) : options.rate;
  if (rate !== null && !(rate > 0)) throw new ConformanceError('usage', '--rate must be a positive number of requests per second');
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw new ConformanceError('usage', 'the timeout must be positive');
  return {
    baseUrl,
    account,
    secondAccount: options.secondAccount,
    prefix,
    maxRequests,
    rate,
    strict: options.strict ?? false,
    only: options.only ?? [],
    skip: options.skip ?? [],
    timeoutMs,
    entryPages: options.entryPages ?? false,
    limits: options.limits,
  };
}

/**
 * Reads `users=N,sessions=M` (the form of `--limits`).
 * @example
 * parseLimits('users=3,sessions=2'); // { users: 3, sessions: 2 }
 */
export function parseLimits(value: string): QuotaLimits {
  const limits = usageOf('--limits', () => parseLimitsValue(value));
  if (limits.users === undefined || limits.sessions === undefined) throw new ConformanceError('usage', '--limits needs both users=N and sessions=M');
  return { users: limits.users, sessions: limits.sessions };
}

/**
 * Reads `SID:TOKEN` (the form of `--second-account`).
 * @example
 * parseAccount('AC2:secret'); // { accountSid: 'AC2', authToken: 'secret' }
 */
export function parseAccount(value: string): Account {
  return usageOf('an account', () => parseAccountPair(value));
}

/** The parser's value, or its error as a usage error naming `what` (the message never quotes a token). */
function usageOf<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // The parser's message is all there is to keep: no cause.
    throw new ConformanceError('usage', `${what}: ${(error as Error).message}`);
  }
}
