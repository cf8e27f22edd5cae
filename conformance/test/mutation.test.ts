/**
 * Mutation self-test: the suite must catch each fault a proxy injects in front
 * of a correct sandbox, with the check that owns the broken rule, and every
 * check must catch at least one fault (mutation coverage). A mutant counts as
 * killed by a check only through a failed finding, never through a check that
 * crashed or lost an answer. Correct servers that look different (no fault,
 * document-only failures, slow answers, chunked answers, an unknown extra
 * field) must pass.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox } from '@org/liveminutes-sandbox';
import { describe, expect, it } from 'vitest';
import { allChecks, runConformance } from '../src/index.js';
import type { Account, CheckResult, ConformanceReport } from '../src/types.js';
import { jsonOf, startFaultProxy, withJson, type Mutant } from './support/fault-proxy.js';
import { createMutants } from './support/mutants.js';
import { createParamMutants } from './support/param-mutants.js';
import { createRuleMutants } from './support/rule-mutants.js';

const primary: Account = { accountSid: `ACmut${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const second: Account = { accountSid: `ACmut2${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
// Small enough for the quota checks to reach on the second account, large enough for everything else on the first.
const limits = { users: 40, sessions: 20 };
const mutants = [...createMutants({ primary, second }), ...createParamMutants(), ...createRuleMutants({ primary, second }, limits)];
const killed: string[] = [];
/** A full run through the proxy: about 1100 requests, 20 ms each for the slow control, on a machine that may be busy. */
const RUN_TIMEOUT_MS = 300_000;
/** Check id -> the mutants it killed with a finding. */
const kills = new Map<string, string[]>();

async function runThrough(mutant: Mutant | undefined): Promise<ConformanceReport> {
  // A sandbox of its own per run: what one mutant leaves behind never counts against the next one's quotas.
  const sandbox = await startSandbox({ port: 0, accounts: [primary, second], limits, logger: false });
  const proxy = await startFaultProxy(sandbox.url, mutant);
  try {
    return await runConformance({
      baseUrl: proxy.url,
      account: primary,
      secondAccount: second,
      rate: null,
      // The quota checks and the slow control need more than the default budget.
      maxRequests: 5000,
      strict: true,
      entryPages: true,
      limits,
      ...(mutant?.only ? { only: mutant.only } : {}),
    });
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}

/** A failure that comes from a finding about the answers, not from the check itself breaking. */
function isFinding(result: CheckResult): boolean {
  return result.status === 'failed' && !result.findings.some((finding) => finding.startsWith('the check crashed') || finding.startsWith('no answer:'));
}

function failedIds(report: ConformanceReport): string[] {
  return report.checks.filter(isFinding).map((check) => check.id);
}

const control = (name: string, extra: Partial<Mutant>): Mutant => ({ name, breaks: 'nothing', expected: '', ...extra });

describe('mutation self-test', () => {
  it('has at least 15 mutants, each with its own name', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(15);
    expect(new Set(mutants.map((m) => m.name)).size).toBe(mutants.length);
  });

  it.each([
    ['passes through the proxy without a fault', control('pass-through', {})],
    ['passes a slow server (tens of ms per answer)', control('slow', { delayMs: 20 })],
    ['passes a server that sends its answers chunked', control('chunked', { chunked: true })],
    [
      'passes a server that adds an unknown field to every answer',
      control('unknown-field', {
        response: (_req, answer) => {
          const body = jsonOf(answer);
          return body && !Array.isArray(body) ? withJson(answer, { ...body, x_vendor_trace: 'abc123' }) : answer;
        },
      }),
    ],
  ])('%s', { timeout: RUN_TIMEOUT_MS }, async (_what, mutant) => {
    const report = await runThrough(mutant);
    const notPassed = report.checks.filter((check) => check.status !== 'passed').map((check) => `${check.id}: ${check.message} [${check.findings.join(' | ')}]`);
    // The findings on the message's first line: the repeat script prints only that line.
    expect(notPassed, `checks that did not pass: ${notPassed.join('; ')}`).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('fails no MUST check on a server that keeps only to the document (bare {"resultcode":0} failures)', { timeout: RUN_TIMEOUT_MS }, async () => {
    const bare: Mutant = {
      name: 'document-only',
      breaks: 'only SHOULD rules: failures carry no error, message or param',
      expected: 'failure.fields',
      response: (_req, answer) => (jsonOf(answer)?.resultcode === 0 ? withJson(answer, { resultcode: 0 }) : answer),
    };
    const report = await runThrough(bare);
    const failed = report.checks.filter((check) => check.status === 'failed');
    expect(failed.filter((check) => check.level === 'MUST').map((check) => check.id)).toEqual([]);
    expect(failed.map((check) => check.id)).toContain('failure.fields');
    expect(report.summary.mustFailed).toBe(0);
  });

  it.each(mutants.map((mutant) => [mutant.name, mutant] as const))('kills %s', { timeout: RUN_TIMEOUT_MS }, async (_name, mutant) => {
    const report = await runThrough(mutant);
    const failed = failedIds(report);
    for (const id of failed) kills.set(id, [...(kills.get(id) ?? []), mutant.name]);
    expect(failed, `${mutant.breaks}: expected ${mutant.expected} among the failures`).toContain(mutant.expected);
    if (mutant.alone) expect(failed, `${mutant.breaks}: only ${mutant.expected} may catch it`).toEqual([mutant.expected]);
    // A mutant aimed at some checks is caught by each of them.
    if (mutant.only) expect(report.checks.filter((check) => !failed.includes(check.id)).map((check) => `${check.id}: ${check.status} ${check.message ?? ''}`)).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.cleanup.leftover).toEqual([]);
    killed.push(mutant.name);
  });

  it('covers every check: each one kills at least one mutant', () => {
    const checks = allChecks().map((check) => check.id);
    const uncovered = checks.filter((id) => !kills.has(id));
    const covered = checks.length - uncovered.length;
    console.log(`mutation coverage: ${covered}/${checks.length} checks kill a mutant (${((100 * covered) / checks.length).toFixed(0)}%); ${killed.length}/${mutants.length} mutants killed`);
    if (uncovered.length > 0) console.log(`checks that kill no mutant:\n  ${uncovered.join('\n  ')}`);
    expect(uncovered).toEqual([]);
  });
});
