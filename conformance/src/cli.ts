/**
 * @module cli
 * The `liveminutes-conformance` command (the package's `bin`; not an import
 * path: package.json exports only the root): parses the arguments, runs the suite
 * (or the Pact verification) with the chosen reporters, and is the only place
 * where results become exit codes. Ctrl-C stops the run after the current
 * request and still cancels every meeting it created; a second Ctrl-C quits at once.
 */
import packageJson from '../package.json' with { type: 'json' };
import { allChecks } from './checks/index.js';
import { parseCommand, USAGE, type PactArgs, type RunArgs } from './cli-args.js';
import { onStopSignals, reporterListeners } from './cli-support.js';
import { assertWritable } from './reporters/index.js';
import { ConformanceError } from './run/errors.js';
import { runObserve } from './observe/observe-cli.js';
import { loadOptionalPeer } from './run/optional-peer.js';
import { createAccountRedactor } from '@org/liveminutes-internal';
import { runConformance } from './run/runner.js';
import { selectChecks } from './run/select.js';
import type { ConformanceReport, RunListener } from './types.js';

/** Exit codes of the command. */
export const EXIT = { passed: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Where the command writes (tests pass their own). */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The exit code of a finished run.
 * @example
 * exitCodeOf(report); // 0 when report.ok
 */
export function exitCodeOf(report: ConformanceReport): number {
  if (report.aborted?.reason === 'interrupted') return EXIT.interrupted;
  if (report.aborted) return EXIT.usage;
  return report.ok ? EXIT.passed : EXIT.failed;
}

/**
 * Runs the command; resolves to its exit code.
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  // Whatever goes wrong, the token given on the command line or in the env is not printed.
  const tokenOf = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    if (index >= 0) return argv[index + 1];
    return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const second = tokenOf('--second-account');
  const redact = createAccountRedactor([
    { accountSid: tokenOf('--account-sid') ?? io.env.LIVEMINUTES_ACCOUNT_SID ?? '', authToken: tokenOf('--auth-token') ?? '' },
    { accountSid: io.env.LIVEMINUTES_ACCOUNT_SID ?? '', authToken: io.env.LIVEMINUTES_AUTH_TOKEN ?? '' },
    second?.includes(':') ? { accountSid: second.slice(0, second.indexOf(':')), authToken: second.slice(second.indexOf(':') + 1) } : undefined,
  ]);
  const fail = (error: unknown): number => {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`liveminutes-conformance: ${redact(message)}\n`);
    if (error instanceof ConformanceError && error.kind === 'usage') io.stderr.write('Run with --help for the options.\n');
    return EXIT.usage;
  };
  try {
    const command = parseCommand(argv, io.env);
    switch (command.kind) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return EXIT.passed;
      case 'version':
        io.stdout.write(`${packageJson.version}\n`);
        return EXIT.passed;
      case 'list':
        for (const check of selectChecks(allChecks(), command.only, command.skip)) {
          io.stdout.write(`${check.id.padEnd(48)} ${check.level.padEnd(6)} ${check.rule.padEnd(32)} ${check.title}\n`);
        }
        return EXIT.passed;
      case 'pact':
        return await runPact(command.pact, io, redact);
      case 'run':
        return await runSuite(command.run, io);
      case 'observe':
        return await runObserve(command.observe, io);
    }
  } catch (error) {
    return fail(error);
  }
}

async function runSuite(args: RunArgs, io: CliIo): Promise<number> {
  if (args.out) assertWritable(args.out);
  // The terminal always gets the plan and the progress; on stderr when a report goes to stdout.
  const { pretty, documents } = reporterListeners(args.reporters, args.out, args.quiet, io);
  const listeners: RunListener[] = [pretty, ...documents];
  const controller = new AbortController();
  const stopListening = onStopSignals(() => {
    io.stderr.write('\nInterrupted: finishing the current request and cancelling the meetings created so far (Ctrl-C again to quit now).\n');
    controller.abort();
  });
  try {
    const report = await runConformance({
      baseUrl: args.baseUrl,
      account: args.account,
      secondAccount: args.secondAccount,
      prefix: args.prefix,
      maxRequests: args.maxRequests,
      rate: args.rate,
      timeoutMs: args.timeoutMs,
      entryPages: args.entryPages,
      limits: args.limits,
      strict: args.strict,
      only: args.only,
      skip: args.skip,
      signal: controller.signal,
      listeners,
      env: io.env,
    });
    return exitCodeOf(report);
  } finally {
    stopListening();
  }
}

/** The Pact verifier's module, loaded only for `pact` (it brings the Pact core). */
interface PactModule {
  verifyPacts(options: PactArgs): Promise<{ ok: boolean; output: string }>;
  formatPactResult(result: { ok: boolean; output: string }): string;
}

async function runPact(args: PactArgs, io: CliIo, redact: (text: string) => string): Promise<number> {
  const pact = (await loadOptionalPeer('pact', () => import('./pact/index.js'))) as PactModule;
  const result = await pact.verifyPacts(args);
  // The summary names every failure, skip (with its reason) and state error.
  io.stdout.write(`${redact(pact.formatPactResult(result))}\n`);
  io.stdout.write(result.ok ? 'Pact verification passed\n' : 'Pact verification FAILED\n');
  return result.ok ? EXIT.passed : EXIT.failed;
}
