/**
 * A dead server never passes: whenever the server stops answering (at the
 * start, in the middle, during or right after the last check, even inside a
 * check that tolerates a lost answer), the run ends with a connection abort
 * (exit 2) that names where it lost the server.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../src/cli.js';
import { runConformance } from '../src/index.js';
import type { Account, ConformanceReport } from '../src/types.js';
import { startDyingProxy } from './support/dying-proxy.js';

const primary: Account = { accountSid: `ACdead${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
// robustness.no-5xx comes last and records a lost answer as a finding instead of throwing: the hardest case.
const only = ['success.*', 'lifecycle.cancel-*', 'robustness.no-5xx'];
let sandbox: Sandbox;
/** Requests the proxy had received when each check started, and when the last one ended (calibration run). */
const startedAt = new Map<string, number>();
let lastEndedAt = 0;
let order: string[] = [];

async function runDyingAfter(answers: number): Promise<ConformanceReport> {
  const proxy = await startDyingProxy(sandbox.url, answers);
  try {
    return await runConformance({ baseUrl: proxy.url, account: primary, rate: null, only, timeoutMs: 5000 });
  } finally {
    await proxy.close();
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [primary], logger: false });
  const proxy = await startDyingProxy(sandbox.url);
  try {
    const report = await runConformance({
      baseUrl: proxy.url,
      account: primary,
      rate: null,
      only,
      listeners: [
        {
          onCheckStart: (check) => startedAt.set(check.id, proxy.received),
          onCheckEnd: () => (lastEndedAt = proxy.received),
        },
      ],
    });
    expect(report.ok, JSON.stringify(report.checks.filter((check) => check.status !== 'passed'))).toBe(true);
    order = report.checks.map((check) => check.id);
  } finally {
    await proxy.close();
  }
});
afterAll(() => sandbox?.close());

describe('a server that dies', () => {
  it('before the first check: no run at all, a connection error', async () => {
    await expect(runDyingAfter(0)).rejects.toMatchObject({ name: 'ConformanceError', kind: 'connection' });
  });

  const at = (position: 'first' | 'middle' | 'last'): string => {
    if (position === 'first') return order[0] as string;
    if (position === 'last') return order.at(-1) as string;
    return order[Math.floor(order.length / 2)] as string;
  };

  it.each(['first', 'middle', 'last'] as const)('during the %s check: exit 2, naming that check', async (position) => {
    const check = at(position);
    // The server answers everything before the check and dies on its first request.
    const report = await runDyingAfter(startedAt.get(check) ?? 0);
    expect(report.aborted?.reason).toBe('connection');
    expect(report.aborted?.message).toContain(`stopped answering during ${check}`);
    expect(report.ok).toBe(false);
    expect(exitCodeOf(report)).toBe(2);
    const index = report.checks.findIndex((result) => result.id === check);
    expect(report.checks.slice(index + 1).every((result) => result.status === 'skipped')).toBe(true);
    expect(report.checks.slice(0, index).every((result) => result.status === 'passed')).toBe(true);
  });

  it('right after the last check answered: the final liveness probe catches it', async () => {
    const report = await runDyingAfter(lastEndedAt);
    expect(report.checks.every((result) => result.status === 'passed')).toBe(true);
    expect(report.aborted?.reason).toBe('connection');
    expect(report.aborted?.message).toContain(`stopped answering after the last check (${order.at(-1)})`);
    expect(report.ok).toBe(false);
    expect(exitCodeOf(report)).toBe(2);
  });

  it('and a server that keeps answering passes the same selection', async () => {
    const report = await runDyingAfter(Number.POSITIVE_INFINITY);
    expect(report.aborted).toBeUndefined();
    expect(exitCodeOf(report)).toBe(0);
  });
});
