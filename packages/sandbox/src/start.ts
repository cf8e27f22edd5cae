/**
 * startSandbox: opens the store, listens on loopback (port 0 allowed) and
 * closes gracefully: stop accepting, let in-flight requests finish, close the database.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, defaultLimits, normalizePublicUrl } from './app.js';
import { createCallLog, type CallLog } from './calls/call-log.js';
import { createFreshAccount, type CreatedAccount } from './control/control-accounts.js';
import { createAccountRegistry, DEFAULT_ACCOUNT, type AccountCredentials } from './http/accounts.js';
import type { Logger } from './http/log.js';
import { createStore, type Limits, type SandboxStore } from './store/index.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /**
   * Database: a SQLite file, `:memory:` (the default), or a PostgreSQL URL
   * `postgres://user:password@host:port/database` that several sandbox processes share.
   */
  readonly db?: string;
  /** PostgreSQL: connections this process may open (default twice the cores plus one). */
  readonly dbPoolSize?: number;
  /** AccountSid/AuthToken pairs; default the document's example account. */
  readonly accounts?: readonly AccountCredentials[];
  /** Base of the URLs handed out; default the server's own URL. */
  readonly publicUrl?: string;
  /** Per-account quotas; default the spec's (1000 users, 10000 sessions). */
  readonly limits?: Partial<Limits>;
  /** One entry per request; default stderr; false to silence. */
  readonly logger?: Logger | false;
  /** Honour the spec's test triggers (reserved `lm_test_...` values); default true. */
  readonly testTriggers?: boolean;
  /** How long close() waits for in-flight requests before cutting connections; default 10 000 ms. */
  readonly shutdownTimeoutMs?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Where it listens, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  /** Base of the URLs it hands out. */
  readonly publicUrl: string;
  /** The configured AccountSids (never their tokens). */
  readonly accountSids: readonly string[];
  readonly store: SandboxStore;
  readonly server: Server;
  /** Each account's recent API calls, as the dashboard's request inspector shows them. */
  readonly calls: CallLog;
  /**
   * Creates a fresh account with random credentials and its own quotas (those
   * left out are the sandbox's), as the control API's createAccount does: one
   * per test file, so that parallel tests share nothing. Kept in the store: every
   * sandbox process on the same database knows it.
   */
  createAccount(limits?: Partial<Limits>): Promise<CreatedAccount>;
  /** Stops accepting, finishes in-flight requests, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a sandbox.
 * @example
 * import { startSandbox } from '@org/liveminutes-sandbox';
 * const sandbox = await startSandbox({ port: 0, logger: false });
 * const res = await fetch(`${sandbox.url}/getMeetingStatus`, {
 *   method: 'POST',
 *   headers: { authorization: `Basic ${btoa('trw76p0066423:eurn568nfkkg9862iomdnnv987iir')}` },
 *   body: new URLSearchParams({ meetingKey: 'nope' }),
 * });
 * console.log(await res.json()); // { resultcode: 0, error: 'meeting_not_found', ... }
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  // Accounts created by any process on the same database are found in the store (the registry
  // is made first, so that bad accounts are refused before a database is opened or created).
  const accounts = createAccountRegistry(options.accounts ?? [DEFAULT_ACCOUNT], { load: (sid) => store.findAccount(sid) });
  const store = await createStore({ db: options.db ?? ':memory:', poolSize: options.dbPoolSize });
  let app: ReturnType<typeof createApp> | undefined;
  let closing = false;
  const server = createServer((req, res) => {
    // Once closing, every answer ends its connection so that keep-alive sockets drain.
    if (closing) res.setHeader('connection', 'close');
    app!(req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostForUrl(host)}:${port}`;
  let publicUrl: string;
  const calls = createCallLog();
  try {
    publicUrl = normalizePublicUrl(options.publicUrl ?? url);
    app = createApp({ store, accounts, publicUrl, limits: options.limits ?? {}, logger: options.logger, calls, testTriggers: options.testTriggers });
  } catch (error) {
    server.close();
    await store.close();
    throw error;
  }

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
      server.close(() => {
        clearInterval(idle);
        clearTimeout(cut);
        store.close().then(resolve, resolve);
      });
      server.closeIdleConnections();
    });
    return closed;
  };
  const accountLimits = { ...defaultLimits(), ...options.limits };
  const createAccount = async (limits: Partial<Limits> = {}): Promise<CreatedAccount> => (await createFreshAccount(accounts, store, accountLimits, limits))!;
  return { url, port, publicUrl, accountSids: accounts.sids, store, server, calls, createAccount, close };
}
