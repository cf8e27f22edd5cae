/**
 * The terminal reporter: the plan (target, prefix, request budget, rate)
 * before the first request, one line per check as it ends, findings under
 * failed ones, and a summary.
 */
import type { CheckResult, ConformanceReport, RunListener, RunPlan } from '../types.js';

/** Where the pretty reporter writes, and how. */
export interface PrettyReporterOptions {
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** ANSI colours (default: when the stream is a TTY and NO_COLOR is unset). */
  readonly color?: boolean;
  /** One line per passed check too (default true). */
  readonly verbose?: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, grey: 90, bold: 1 } as const;

/**
 * @example
 * const report = await runConformance({ listeners: [createPrettyReporter()] });
 */
export function createPrettyReporter(options: PrettyReporterOptions = {}): RunListener {
  const stream = options.stream ?? process.stdout;
  const color = options.color ?? (Boolean(stream.isTTY) && !process.env.NO_COLOR);
  const verbose = options.verbose ?? true;
  const paint = (code: keyof typeof CODES, text: string): string => (color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
  const write = (line = ''): void => {
    stream.write(`${line}\n`);
  };
  let strict = false;
  let done = 0;
  let total = 0;

  return {
    onStart(plan: RunPlan) {
      strict = plan.strict;
      total = plan.checks.length;
      write(paint('bold', 'LiveMinutes conformance'));
      write(`  target   ${plan.baseUrl}${plan.embedded ? ' (embedded sandbox)' : ''}`);
      write(`  prefix   ${plan.prefix}`);
      write(`  budget   at most ${plan.maxRequests} requests, ${plan.rate ? `${plan.rate} per second` : 'no rate limit'}`);
      write(`  checks   ${plan.checks.length}${plan.strict ? ' (strict: SHOULD failures fail the run)' : ''}`);
      write();
    },
    onCheckEnd(result: CheckResult) {
      done += 1;
      const progress = paint('grey', `[${String(done).padStart(String(total).length)}/${total}]`);
      if (result.status === 'passed' && !verbose) return;
      write(`${progress} ${symbol(result, strict, paint)} ${result.id} ${paint('grey', result.title)}`);
      if (result.status === 'skipped') write(paint('grey', `      skipped: ${result.message ?? ''}`));
      for (const finding of result.findings.slice(0, 5)) write(`      ${finding}`);
      if (result.findings.length > 5) write(paint('grey', `      ... and ${result.findings.length - 5} more`));
    },
    onEnd(report: ConformanceReport) {
      const { summary } = report;
      write();
      write(
        `${summary.passed} passed, ${summary.mustFailed} MUST failed, ${summary.shouldFailed} SHOULD ${report.strict ? 'failed' : 'warnings'}, ${summary.skipped} skipped` +
          ` (${summary.total} checks, ${report.requests.sent} requests${resentNote(report)}, ${(report.durationMs / 1000).toFixed(2)} s)`,
      );
      const documented = report.documentedFailures;
      write(`documented failures provoked: ${documented.filter((entry) => entry.provoked > 0).length}/${documented.length}`);
      write(`cleanup: ${report.cleanup.cancelled} meetings cancelled${report.cleanup.leftover.length ? `, could not cancel ${report.cleanup.leftover.join(', ')}` : ''}`);
      for (const [reason, ids] of skipReasons(report)) {
        const named = ids.length > 8 ? `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more` : ids.join(', ');
        write(paint('grey', `not covered: ${named} (${reason})`));
      }
      if (report.aborted) write(paint('yellow', `stopped early (${report.aborted.reason}): ${report.aborted.message}`));
      write(verdict(report, paint));
    },
  };
}

/** `, N sent again` when the server reset idle connections under requests (see `requests.resent`), else nothing. */
export function resentNote(report: ConformanceReport): string {
  const { resent } = report.requests;
  return resent > 0 ? `, ${resent} sent again on a new connection after the server reset an idle one` : '';
}

/**
 * The last line. A run that passes with SHOULD failures says how many, so a
 * staging run is never read as clean when it is not.
 * @example
 * verdict(report, (_code, text) => text); // 'PASSED with 2 SHOULD failures'
 */
export function verdict(report: ConformanceReport, paint: (code: keyof typeof CODES, text: string) => string): string {
  if (!report.ok) return paint('red', 'FAILED');
  const warnings = report.summary.shouldFailed;
  if (warnings === 0) return paint('green', 'PASSED');
  return paint('yellow', `PASSED with ${warnings} SHOULD failure${warnings === 1 ? '' : 's'}`);
}

/** The skipped checks grouped by the reason (which names the option that would run them). */
function skipReasons(report: ConformanceReport): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const result of report.checks) {
    if (result.status !== 'skipped') continue;
    const reason = result.message ?? 'skipped';
    groups.set(reason, [...(groups.get(reason) ?? []), result.id]);
  }
  return groups;
}

function symbol(result: CheckResult, strict: boolean, paint: (code: keyof typeof CODES, text: string) => string): string {
  if (result.status === 'passed') return paint('green', 'ok  ');
  if (result.status === 'skipped') return paint('grey', 'skip');
  if (result.level === 'SHOULD' && !strict) return paint('yellow', 'warn');
  return paint('red', 'FAIL');
}
