/**
 * @module cli
 * `liveminutes-sandbox --port 4010 --db ./sandbox.db --account SID:TOKEN --public-url URL`
 * Starts the sandbox, prints its URL and AccountSids (never a token, never a
 * database password), and shuts down gracefully on SIGTERM and SIGINT.
 */
import { parseArgs } from 'node:util';
import { parseAccountPair, parseLimitsValue } from '@org/liveminutes-internal';
import { testTriggerPrefix } from '@org/liveminutes-spec';
import type { AccountCredentials } from './http/accounts.js';
import { startSandbox } from './start.js';
import { scrubSecrets } from './store/database-url.js';

/** The environment variable read when `--db` is absent: keeps a database password out of the process list. */
export const DB_ENV = 'LIVEMINUTES_SANDBOX_DB';

const USAGE = `Usage: liveminutes-sandbox [options]

  --port <n>          TCP port (default 4010; 0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --db <path|url>     SQLite file, :memory:, or postgres://user:password@host:port/database
                      shared by several sandbox processes (default $LIVEMINUTES_SANDBOX_DB, else :memory:)
  --db-pool <n>       PostgreSQL connections of this process (default twice the cores plus one)
  --account SID:TOKEN an account (repeatable; default the document's example account)
  --public-url <url>  base of the URLs handed out (default the listening URL)
  --limits users=N,sessions=M  every account's quotas (default the spec's quota.limits);
                      small ones let liveminutes-conformance --limits reach them
  --no-test-triggers  answer the spec's reserved test values (lm_test_...) as ordinary ones
  --quiet             no request log
  --help              this text
`;

/** Parsed command line. */
export interface CliOptions {
  port: number;
  host: string;
  db: string;
  dbPool: number | undefined;
  accounts: AccountCredentials[] | undefined;
  publicUrl: string | undefined;
  limits: { users?: number; sessions?: number } | undefined;
  testTriggers: boolean;
  quiet: boolean;
  help: boolean;
}

/**
 * Parses the command line; throws an Error with a readable message on bad input.
 * @example
 * parseCli(['--port', '0', '--account', 'AC1:secret']).accounts; // [{ accountSid: 'AC1', authToken: 'secret' }]
 */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'db-pool': { type: 'string' },
      account: { type: 'string', multiple: true },
      'public-url': { type: 'string' },
      limits: { type: 'string' },
      'no-test-triggers': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = Number(values.port ?? '4010');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer from 0 to 65535');
  const accounts = values.account?.map((pair) => optionValue('account', () => parseAccountPair(pair)));
  const positive = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    port,
    limits: values.limits === undefined ? undefined : optionValue('limits', () => parseLimitsValue(values.limits as string)),
    host: values.host ?? '127.0.0.1',
    db: values.db ?? (env[DB_ENV] || ':memory:'),
    dbPool: positive('db-pool', values['db-pool']),
    accounts,
    publicUrl: values['public-url'],
    testTriggers: !(values['no-test-triggers'] ?? false),
    quiet: values.quiet ?? false,
    help: values.help ?? false,
  };
}

/** Reads an option's value; its error names the option (`--limits: limits are written ...`). */
function optionValue<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    // The message never quotes the value (an --account value holds a token); the parser's own message has no cause to keep.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`--${name}: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sandbox = await startSandbox({
    port: options.port,
    host: options.host,
    db: options.db,
    dbPoolSize: options.dbPool,
    accounts: options.accounts,
    publicUrl: options.publicUrl,
    ...(options.limits ? { limits: options.limits } : {}),
    logger: options.quiet ? false : undefined,
    testTriggers: options.testTriggers,
  });
  const lines = [
    `LiveMinutes sandbox listening on ${sandbox.url}`,
    `  public URL: ${sandbox.publicUrl}`,
    `  database:   ${sandbox.store.location}`,
    `  test triggers: ${options.testTriggers ? `on (values starting with ${testTriggerPrefix()})` : 'off'}`,
    ...(options.limits ? [`  limits:     ${Object.entries(options.limits).map(([name, value]) => `${name}=${value}`).join(',')} per account`] : []),
    ...sandbox.accountSids.map(
      (sid) => `  account:    ${sid}${options.accounts ? ' (token from --account)' : " (the document's example AuthToken)"}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    // close() stops listening before it returns, so whoever reads this line finds the port closed.
    const closed = sandbox.close();
    process.stderr.write(`${signal}: finishing in-flight requests, then closing the database\n`);
    void closed.then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  // One line, and never the database URL's password (whichever part of start-up failed).
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  let db = process.env[DB_ENV] ?? '';
  try {
    db = parseCli(process.argv.slice(2)).db;
  } catch {
    // The arguments parsed before, or the error said so already.
  }
  process.stderr.write(`liveminutes-sandbox: ${scrubSecrets(message, db)}\n`);
  process.exit(1);
});
