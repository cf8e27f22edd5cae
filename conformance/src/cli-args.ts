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

Exit codes: 0 passed, 1 MUST failures (or SHOULD ones with --strict),
            2 usage, connection or credentials error, server lost mid-run (or the request
            budget ran out), 130 interrupted. Without --strict, a pass with SHOULD failures
            ends "PASSED with N SHOULD failures".`;

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'list'; readonly only: string[]; readonly skip: string[] }
  | { readonly kind: 'run'; readonly run: RunArgs }
  | { readonly kind: 'pact'; readonly pact: PactArgs };

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
  if (rest.length > 0 || (subcommand !== undefined && subcommand !== 'pact')) {
    throw new ConformanceError('usage', `Unexpected argument ${JSON.stringify(subcommand === 'pact' ? rest[0] : subcommand)}`);
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
  const reporters = list(values.reporter);
  for (const name of reporters) {
    if (!(REPORTERS as readonly string[]).includes(name)) throw new ConformanceError('usage', `--reporter must be one of ${REPORTERS.join(', ')}, got ${JSON.stringify(name)}`);
  }
  const documents = [...new Set(reporters.filter((name) => name !== 'pretty'))];
  if (documents.length > 1) throw new ConformanceError('usage', `--reporter ${documents.join(' and ')}: one run writes one report document (json, junit or html)`);
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
      reporters: (reporters.length > 0 ? [...new Set(reporters)] : ['pretty']) as ReporterName[],
      out: values.out,
      quiet: Boolean(values.quiet),
    },
  };
}
