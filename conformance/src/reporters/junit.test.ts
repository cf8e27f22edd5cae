import { describe, expect, it } from 'vitest';
import type { CheckResult, ConformanceReport } from '../types.js';
import { escapeXml, formatJunit } from './junit.js';

function result(id: string, level: 'MUST' | 'SHOULD', status: CheckResult['status'], findings: string[] = []): CheckResult {
  return { id, title: `${level} do ${id}`, level, rule: 'r', status, findings, durationMs: 5, requests: 1, ...(findings[0] ? { message: findings[0] } : {}) };
}

function report(strict: boolean): ConformanceReport {
  const checks = [
    result('auth.a', 'MUST', 'passed'),
    result('auth.b', 'MUST', 'failed', ['bad <answer> & "quotes"']),
    result('url.c', 'SHOULD', 'failed', ['lower case']),
    result('url.d', 'SHOULD', 'skipped'),
  ];
  return {
    tool: { name: 't', version: '0' }, specVersion: '0', target: { baseUrl: 'http://x', embedded: true, secondAccount: true }, prefix: 'p', strict,
    startedAt: '', durationMs: 20, requests: { sent: 4, max: 10, rate: null, resent: 0 }, checks,
    summary: { total: 4, passed: 1, failed: 2, mustFailed: 1, shouldFailed: 1, skipped: 1 }, documentedFailures: [], cleanup: { cancelled: 0, leftover: [] }, ok: false,
  };
}

describe('formatJunit', () => {
  it('groups by area and counts MUST failures only, unless strict', () => {
    const loose = formatJunit(report(false));
    expect(loose).toContain('<testsuites name="liveminutes-conformance" tests="4" failures="1" errors="0" skipped="1"');
    expect(loose).toContain('<testsuite name="url" tests="2" failures="0"');
    expect(loose).toContain('SHOULD warning');
    expect(formatJunit(report(true))).toContain('tests="4" failures="2"');
  });

  it('escapes findings', () => {
    expect(formatJunit(report(false))).toContain('bad &lt;answer&gt; &amp; &quot;quotes&quot;');
    expect(escapeXml('a\u0001b')).toBe('a\uFFFDb');
  });
});
