/**
 * The embedded target: the sandbox, started in-process on a free loopback
 * port with two fresh random accounts (the second one for isolation checks),
 * and a second sandbox with small quotas for the quota checks.
 */
import { randomBytes } from 'node:crypto';
import type { Account } from '../types.js';
import { loadOptionalPeer } from './optional-peer.js';

/** Quotas of the quota sandbox: small enough to reach in a handful of calls. */
export const EMBEDDED_QUOTA_LIMITS = { users: 3, sessions: 2 } as const;

/** The running embedded servers. */
export interface EmbeddedTarget {
  readonly baseUrl: string;
  readonly account: Account;
  readonly secondAccount: Account;
  readonly quota: { readonly baseUrl: string; readonly account: Account; readonly limits: { users: number; sessions: number } };
  close(): Promise<void>;
}

/** A random account. Its token contains a colon: basic auth splits at the first one only (RFC 7617). */
function freshAccount(label: string): Account {
  return { accountSid: `AC${label}${randomBytes(6).toString('hex')}`, authToken: `${randomBytes(9).toString('base64url')}:${randomBytes(9).toString('base64url')}` };
}

/**
 * Starts the sandboxes (imported lazily: runs against a URL never load them,
 * and the sandbox is an optional peer dependency that may not be installed).
 * @example
 * const target = await startEmbedded();
 * console.log(target.baseUrl); // http://127.0.0.1:41234
 * await target.close();
 */
export async function startEmbedded(): Promise<EmbeddedTarget> {
  const { startSandbox } = await loadOptionalPeer('sandbox', () => import('@org/liveminutes-sandbox'));
  const account = freshAccount('main');
  const secondAccount = freshAccount('second');
  const quotaAccount = freshAccount('quota');
  const main = await startSandbox({ port: 0, db: ':memory:', accounts: [account, secondAccount], logger: false });
  let quota;
  try {
    quota = await startSandbox({ port: 0, db: ':memory:', accounts: [quotaAccount], limits: { ...EMBEDDED_QUOTA_LIMITS }, logger: false });
  } catch (error) {
    await main.close();
    throw error;
  }
  const servers = [main, quota];
  return {
    baseUrl: main.url,
    account,
    secondAccount,
    quota: { baseUrl: quota.url, account: quotaAccount, limits: { ...EMBEDDED_QUOTA_LIMITS } },
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
