/**
 * Totals of a run's results.
 */
import type { CheckResult, ReportSummary } from '../types.js';

/**
 * @example
 * summarize([{ status: 'failed', level: 'SHOULD', ... }]).shouldFailed; // 1
 */
export function summarize(results: readonly CheckResult[]): ReportSummary {
  const count = (predicate: (result: CheckResult) => boolean): number => results.filter(predicate).length;
  return {
    total: results.length,
    passed: count((r) => r.status === 'passed'),
    failed: count((r) => r.status === 'failed'),
    mustFailed: count((r) => r.status === 'failed' && r.level === 'MUST'),
    shouldFailed: count((r) => r.status === 'failed' && r.level === 'SHOULD'),
    skipped: count((r) => r.status === 'skipped'),
  };
}
