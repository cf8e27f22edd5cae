/**
 * The suite is the sandbox's acceptance test: against the embedded sandbox,
 * strict mode, every check passes and none is skipped. And the suite is safe:
 * prefixed ids, everything it creates is cancelled, the budget holds.
 */
import { randomBytes } from 'node:crypto';
import { getRule, testTriggerPrefix } from '@org/liveminutes-spec';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks, runConformance } from '../src/index.js';
import type { Account, ConformanceReport } from '../src/types.js';
import { startFaultProxy } from './support/fault-proxy.js';
import { createRecorder } from './support/recorder.js';

describe('against the embedded sandbox', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    report = await runConformance({ strict: true });
  });

  it('passes every check, SHOULD ones included, and skips none', () => {
    const notPassed = report.checks.filter((check) => check.status !== 'passed').map((check) => `${check.id}: ${check.message}`);
    expect(notPassed).toEqual([]);
    expect(report.summary.total).toBe(allChecks().length);
    expect(report.ok).toBe(true);
    expect(report.target.embedded).toBe(true);
  });

  it("provokes every documented failure of every operation (x-liveminutes-errors) and sees resultcode 0", () => {
    const missed = report.documentedFailures.filter((entry) => entry.provoked === 0).map((entry) => `${entry.operation}: ${entry.error}`);
    expect(missed).toEqual([]);
    expect(report.documentedFailures.length).toBeGreaterThan(20);
  });

  it('cancels everything it created and stays within its budget', () => {
    expect(report.cleanup.leftover).toEqual([]);
    expect(report.cleanup.cancelled).toBeGreaterThan(0);
    expect(report.requests.sent).toBeLessThanOrEqual(report.requests.max);
    expect(report.checks.reduce((sum, check) => sum + check.requests, 0)).toBeLessThanOrEqual(report.requests.sent);
  });
});

describe('the checks', () => {
  it('have unique ids, and levels and title prefixes read from their rules', () => {
    const checks = allChecks();
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
    for (const check of checks) {
      expect(check.level).toBe(getRule(check.rule).level);
      expect(check.title.startsWith(`${check.level} `)).toBe(true);
      expect(check.title).not.toContain('\n');
    }
    expect(new Set(checks.map((check) => check.level))).toEqual(new Set(['MUST', 'SHOULD']));
  });
});

describe('against a server given by URL', () => {
  const primary: Account = { accountSid: `ACacc${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  const second: Account = { accountSid: `ACacc2${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, accounts: [primary, second], logger: false });
  });
  afterAll(() => sandbox?.close());

  it('prefixes every key and user id it sends and cancels every meeting it created', async () => {
    const { mutant, recording } = createRecorder();
    const proxy = await startFaultProxy(sandbox.url, mutant);
    try {
      const report = await runConformance({ baseUrl: proxy.url, account: primary, secondAccount: second, prefix: 'lmc-acc-', rate: null });
      expect(report.ok).toBe(true);
      expect(report.requests.sent).toBe(recording.requests.length);
      expect(recording.created.length).toBeGreaterThan(20);
      for (const { sent, key } of recording.created) {
        // An empty key asks the server for one: the only key without the prefix.
        if (sent !== '') expect(key.startsWith('lmc-acc-'), key).toBe(true);
      }
      expect(recording.userIds.length).toBeGreaterThan(20);
      for (const id of recording.userIds) expect(id.startsWith('lmc-acc-'), id).toBe(true);
      expect([...recording.live]).toEqual([]);
      // The sandbox honours test triggers (on by default): the suite never sends a reserved value, anywhere.
      const reserved = recording.requests.filter((req) => req.body.includes(testTriggerPrefix()) || req.path.includes(testTriggerPrefix()));
      expect(reserved.map((req) => req.path)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('skips the isolation and quota checks it cannot run, and says why', async () => {
    const report = await runConformance({ baseUrl: sandbox.url, account: primary, rate: null, only: ['isolation.*', 'quota.*'] });
    expect(report.checks.map((check) => check.status)).toEqual(report.checks.map(() => 'skipped'));
    expect(report.checks.find((check) => check.id === 'isolation.foreign-meeting')?.message).toContain('second-account');
    expect(report.ok).toBe(true);
  });

  it('stops at the request budget, still cancelling what it created', async () => {
    const { mutant, recording } = createRecorder();
    const proxy = await startFaultProxy(sandbox.url, mutant);
    try {
      const report = await runConformance({ baseUrl: proxy.url, account: primary, rate: null, maxRequests: 40 });
      expect(report.aborted?.reason).toBe('budget');
      expect(report.ok).toBe(false);
      expect(recording.requests.length).toBeLessThanOrEqual(40);
      expect(report.checks.some((check) => check.status === 'skipped')).toBe(true);
      expect([...recording.live]).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('keeps to the rate limit', async () => {
    const started = Date.now();
    const report = await runConformance({ baseUrl: sandbox.url, account: primary, rate: 40, only: ['auth.wrong-token'] });
    // n requests at 40 per second take at least (n - 1) / 40 seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(((report.requests.sent - 1) / 40) * 1000 - 5);
    expect(report.requests.sent).toBeGreaterThan(8);
  });

  it('stops with a connection error when the server goes away mid-run', async () => {
    const doomed = await startSandbox({ port: 0, accounts: [primary], logger: false });
    let ended = 0;
    const report = await runConformance({
      baseUrl: doomed.url,
      account: primary,
      rate: null,
      listeners: [
        {
          onCheckEnd() {
            ended += 1;
            if (ended === 3) {
              doomed.server.closeAllConnections();
              void doomed.close();
            }
          },
        },
      ],
    });
    expect(report.aborted?.reason).toBe('connection');
    expect(report.ok).toBe(false);
    expect(report.checks.at(-1)?.status).toBe('skipped');
    expect(report.checks.filter((check) => check.status === 'passed').length).toBeGreaterThanOrEqual(3);
  });

  it('throws a connection error when nothing listens', async () => {
    const closed = await startSandbox({ port: 0, logger: false });
    const url = closed.url;
    await closed.close();
    await expect(runConformance({ baseUrl: url, account: primary })).rejects.toMatchObject({ name: 'ConformanceError', kind: 'connection' });
  });
});
