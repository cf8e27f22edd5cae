/**
 * The command line: `liveminutes-conformance [options]` runs the suite,
 * `liveminutes-conformance pact [options]` verifies Pact contracts. Parsing
 * only; src/cli.ts acts on the result.
 */
import { parseArgs } from 'node:util';
import type { Account } from './types.js';
import { ConformanceError } from './run/errors.js';
import { parseAccount, parseLimits, type QuotaLimits } from './run/options.js';
import { REPORTERS, type ReporterName } from './reporters/index.js';

export const USAGE = `Usage:
  liveminutes-conformance [options]              run the suite (embedded sandbox unless --base-url)
  liveminutes-conformance pact [options]         verify Pact contracts against --base-url
  liveminutes-conformance observe --target URL --port N
                                                 a proxy an application calls instead of the server:
                                                 forwards every exchange unchanged and checks it both ways

Target:
  --base-url URL            server under test (default: start the sandbox in-process)
  --account-sid SID         its AccountSid (or env LIVEMINUTES_ACCOUNT_SID)
  --auth-token TOKEN        its AuthToken (or env LIVEMINUTES_AUTH_TOKEN; never printed)
  --second-account SID:TOKEN  a second account: enables the tenant isolation checks
  --limits users=N,sessions=M  the accounts' quotas: runs the quota checks against --base-url
                            (they fill the --second-account up to them)
  --entry-pages             the server has the sandbox's entry pages (form actions): enables
                            the iframe, lifecycle, meeting_closed and page read-back checks (always on embedded)
Safety:
  --prefix TEXT             prefix of every meeting key and user id created (default: random lmc-xxxxxx-)
  --max-requests N          request budget (default 2000), printed before the run and enforced
  --rate N                  requests per second (default 20 against --base-url, unlimited embedded)
  --timeout MS              per-request timeout (default 10000)
Selection:
  --only ID|GLOB            run only these checks (repeatable, or comma-separated)
  --skip ID|GLOB            leave these checks out (repeatable, or comma-separated)
  --list                    print every check with its level and rule, then exit
  --strict                  SHOULD failures fail the run too
Output:
  --reporter pretty|json|junit|html  (pretty, the terminal progress, is always on)
  --out FILE                where json/junit/html go (default: stdout, with the progress on stderr)
  --quiet                   pretty: print failed and skipped checks only
Pact:
  --pact-dir DIR            directory of pact files (pact subcommand)
Observe:
  --target URL              the server the proxy forwards to (the sandbox, staging)
  --port N                  the proxy's port (default 0: a free one, printed); --host ADDRESS (default 127.0.0.1)
  --duration S              stop after S seconds; --max-exchanges N: after N exchanges
                            (otherwise on Ctrl-C or SIGTERM); then the reporters write the report
  --har FILE                also write the exchanges, credentials and entry tokens masked, as HAR 1.2

Exit codes (observe: 1 when a MUST rule was broken, by either side): 0 passed, 1 MUST failures (or SHOULD ones with --strict),
            2 usage, connection or credentials error, server lost mid-run (or the request
            budget ran out), 130 interrupted. Without --strict, a pass with SHOULD failures
            ends "PASSED with N SHOULD failures".`;

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'list'; readonly only: string[]; readonly skip: string[] }
  | { readonly kind: 'run'; readonly run: RunArgs }
  | { readonly kind: 'pact'; readonly pact: PactArgs }
  | { readonly kind: 'observe'; readonly observe: ObserveArgs };

/** The options of `observe`. */
export interface ObserveArgs {
  readonly target: string;
  readonly port: number;
  readonly host: string;
  readonly durationMs?: number;
  readonly maxExchanges?: number;
  readonly reporters: ReporterName[];
  readonly out?: string;
  readonly har?: string;
  readonly quiet: boolean;
}

/** The options of a suite run. */
export interface RunArgs {
  readonly baseUrl?: string;
  readonly account?: Account;
  readonly secondAccount?: Account;
  readonly prefix?: string;
  readonly maxRequests?: number;
  readonly rate?: number;
  readonly timeoutMs?: number;
  readonly entryPages: boolean;
  readonly limits?: QuotaLimits;
  readonly only: string[];
  readonly skip: string[];
  readonly strict: boolean;
  readonly reporters: ReporterName[];
  readonly out?: string;
  readonly quiet: boolean;
}

/** The options of `pact`. */
export interface PactArgs {
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly pactDir: string;
}

const OPTIONS = {
  'base-url': { type: 'string' },
  'account-sid': { type: 'string' },
  'auth-token': { type: 'string' },
  'second-account': { type: 'string' },
  'entry-pages': { type: 'boolean' },
  limits: { type: 'string' },
  prefix: { type: 'string' },
  'max-requests': { type: 'string' },
  rate: { type: 'string' },
  timeout: { type: 'string' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  list: { type: 'boolean' },
  strict: { type: 'boolean' },
  reporter: { type: 'string', multiple: true },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
  'pact-dir': { type: 'string' },
  target: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  duration: { type: 'string' },
  'max-exchanges': { type: 'string' },
  har: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new ConformanceError('usage', `--${name} needs a number, got ${JSON.stringify(value)}`);
  return parsed;
}

function list(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

/**
 * Parses the arguments (without `node` and the script). Throws ConformanceError('usage').
 * @example
 * parseCommand(['--list']); // { kind: 'list', only: [], skip: [] }
 */
export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages quote the offending argument, which may be a token: keep only the first sentence's option name.
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : '';
    const option = /'(-{1,2}[\w-]+)/.exec(message)?.[1];
    throw new ConformanceError('usage', option ? `Unknown or malformed option ${option}` : 'Invalid arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [subcommand, ...rest] = positionals;
  const known = subcommand === 'pact' || subcommand === 'observe';
  if (rest.length > 0 || (subcommand !== undefined && !known)) {
    throw new ConformanceError('usage', `Unexpected argument ${JSON.stringify(known ? rest[0] : subcommand)}`);
  }
  const sid = values['account-sid'] ?? env.LIVEMINUTES_ACCOUNT_SID;
  const token = values['auth-token'] ?? env.LIVEMINUTES_AUTH_TOKEN;
  if ((values['account-sid'] !== undefined || values['auth-token'] !== undefined) && (!sid || !token)) {
    throw new ConformanceError('usage', '--account-sid and --auth-token go together');
  }
  if (subcommand === 'pact') {
    const baseUrl = values['base-url'];
    const pactDir = values['pact-dir'];
    if (!baseUrl || !sid || !token || !pactDir) {
      throw new ConformanceError('usage', 'pact needs --base-url, --account-sid, --auth-token (or the env variables) and --pact-dir');
    }
    return { kind: 'pact', pact: { baseUrl, accountSid: sid, authToken: token, pactDir } };
  }
  if (values.list) return { kind: 'list', only: list(values.only), skip: list(values.skip) };
  const reporters = reportersOf(values.reporter);
  if (subcommand === 'observe') return { kind: 'observe', observe: observeArgs(values, reporters) };
  const baseUrl = values['base-url'];
  if (!baseUrl && (values['account-sid'] || values['auth-token'] || values['second-account'])) {
    throw new ConformanceError('usage', 'accounts go with --base-url; the embedded sandbox makes its own');
  }
  return {
    kind: 'run',
    run: {
      baseUrl,
      account: baseUrl && sid && token ? { accountSid: sid, authToken: token } : undefined,
      secondAccount: values['second-account'] ? parseAccount(values['second-account']) : undefined,
      prefix: values.prefix,
      maxRequests: number('max-requests', values['max-requests']),
      rate: number('rate', values.rate),
      timeoutMs: number('timeout', values.timeout),
      entryPages: Boolean(values['entry-pages']),
      limits: values.limits === undefined ? undefined : parseLimits(values.limits),
      only: list(values.only),
      skip: list(values.skip),
      strict: Boolean(values.strict),
      reporters,
      out: values.out,
      quiet: Boolean(values.quiet),
    },
  };
}

/** The --reporter names, checked: pretty by default, at most one document. */
function reportersOf(values: readonly string[] | undefined): ReporterName[] {
  const reporters = list(values);
  for (const name of reporters) {
    if (!(REPORTERS as readonly string[]).includes(name)) throw new ConformanceError('usage', `--reporter must be one of ${REPORTERS.join(', ')}, got ${JSON.stringify(name)}`);
  }
  const documents = [...new Set(reporters.filter((name) => name !== 'pretty'))];
  if (documents.length > 1) throw new ConformanceError('usage', `--reporter ${documents.join(' and ')}: one run writes one report document (json, junit or html)`);
  return (reporters.length > 0 ? [...new Set(reporters)] : ['pretty']) as ReporterName[];
}

/** The options of `observe`, checked. */
function observeArgs(values: Record<string, string | boolean | string[] | undefined>, reporters: ReporterName[]): ObserveArgs {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const target = text('target');
  if (!target) throw new ConformanceError('usage', 'observe needs --target URL (the server to forward to)');
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ConformanceError('usage', `--target needs an http(s) URL, got ${JSON.stringify(target)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConformanceError('usage', `--target needs an http(s) URL, got ${JSON.stringify(target)}`);
  const port = number('port', text('port')) ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConformanceError('usage', `--port needs a port number (0 to 65535), got ${port}`);
  const duration = number('duration', text('duration'));
  if (duration !== undefined && !(duration > 0)) throw new ConformanceError('usage', '--duration needs a number of seconds above 0');
  const maxExchanges = number('max-exchanges', text('max-exchanges'));
  if (maxExchanges !== undefined && !(Number.isInteger(maxExchanges) && maxExchanges > 0)) throw new ConformanceError('usage', '--max-exchanges needs a whole number above 0');
  return {
    target: url.toString().replace(/\/+$/, ''),
    port,
    host: text('host') ?? '127.0.0.1',
    ...(duration === undefined ? {} : { durationMs: duration * 1000 }),
    ...(maxExchanges === undefined ? {} : { maxExchanges }),
    reporters,
    out: text('out'),
    har: text('har'),
    quiet: Boolean(values.quiet),
  };
}
