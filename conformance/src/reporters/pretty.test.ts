import { describe, expect, it } from 'vitest';
import type { CheckResult, ConformanceReport } from '../types.js';
import { createPrettyReporter, verdict } from './pretty.js';

function result(id: string, level: 'MUST' | 'SHOULD', status: CheckResult['status'], message?: string): CheckResult {
  return { id, title: `${level} do ${id}`, level, rule: 'r', status, findings: status === 'failed' ? [message ?? 'bad'] : [], durationMs: 1, requests: 1, ...(message ? { message } : {}) };
}

function report(checks: CheckResult[], options: { strict?: boolean; ok?: boolean } = {}): ConformanceReport {
  const count = (predicate: (check: CheckResult) => boolean): number => checks.filter(predicate).length;
  return {
    tool: { name: 't', version: '0' }, specVersion: '0', target: { baseUrl: 'http://x', embedded: false, secondAccount: false }, prefix: 'p', strict: options.strict ?? false,
    startedAt: '', durationMs: 20, requests: { sent: 4, max: 10, rate: null, resent: 0 }, checks,
    summary: {
      total: checks.length,
      passed: count((c) => c.status === 'passed'),
      failed: count((c) => c.status === 'failed'),
      mustFailed: count((c) => c.status === 'failed' && c.level === 'MUST'),
      shouldFailed: count((c) => c.status === 'failed' && c.level === 'SHOULD'),
      skipped: count((c) => c.status === 'skipped'),
    },
    documentedFailures: [], cleanup: { cancelled: 0, leftover: [] }, ok: options.ok ?? true,
  };
}

const plain = (_code: unknown, text: string): string => text;

describe('verdict', () => {
  it.each([
    ['PASSED', [result('a.a', 'MUST', 'passed')], {}],
    ['PASSED with 1 SHOULD failure', [result('a.a', 'MUST', 'passed'), result('u.b', 'SHOULD', 'failed')], {}],
    ['PASSED with 2 SHOULD failures', [result('u.a', 'SHOULD', 'failed'), result('u.b', 'SHOULD', 'failed')], {}],
    ['FAILED', [result('u.a', 'SHOULD', 'failed')], { strict: true, ok: false }],
    ['FAILED', [result('a.a', 'MUST', 'failed')], { ok: false }],
  ] as const)('says %s', (expected, checks, options) => {
    expect(verdict(report([...checks], options), plain)).toBe(expected);
  });
});

describe('the summary', () => {
  it('names the skipped checks with the option that would run them', () => {
    let out = '';
    const reporter = createPrettyReporter({ stream: { write: (text: string) => ((out += text), true) } as unknown as NodeJS.WritableStream, color: false });
    reporter.onEnd?.(report([result('isolation.a', 'SHOULD', 'skipped', 'needs --second-account'), result('isolation.b', 'SHOULD', 'skipped', 'needs --second-account'), result('a.c', 'MUST', 'passed')]));
    expect(out).toContain('not covered: isolation.a, isolation.b (needs --second-account)');
    expect(out.trim().split('\n').at(-1)).toBe('PASSED');
  });
});
