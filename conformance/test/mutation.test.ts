/**
 * Mutation self-test: the suite must catch each fault a proxy injects in front
 * of a correct sandbox, with the check that owns the broken rule. The same
 * proxy without a fault must pass, so that the kills are the faults' doing.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';
import type { Account, ConformanceReport } from '../src/types.js';
import { jsonOf, startFaultProxy, withJson, type Mutant } from './support/fault-proxy.js';
import { createMutants } from './support/mutants.js';

const primary: Account = { accountSid: `ACmut${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const second: Account = { accountSid: `ACmut2${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const mutants = createMutants({ primary, second });
const killed: string[] = [];
let sandbox: Sandbox;

async function runThrough(mutant: Mutant | undefined): Promise<ConformanceReport> {
  const proxy = await startFaultProxy(sandbox.url, mutant);
  try {
    return await runConformance({ baseUrl: proxy.url, account: primary, secondAccount: second, rate: null, strict: true, entryPages: true });
  } finally {
    await proxy.close();
  }
}

function failedIds(report: ConformanceReport): string[] {
  return report.checks.filter((check) => check.status === 'failed').map((check) => check.id);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [primary, second], logger: false });
});

afterAll(async () => {
  await sandbox?.close();
  const rate = mutants.length === 0 ? 0 : (100 * killed.length) / mutants.length;
  console.log(`mutation kill rate: ${killed.length}/${mutants.length} (${rate.toFixed(0)}%)`);
});

describe('mutation self-test', () => {
  it('has at least 15 mutants, each breaking a different rule', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(15);
    expect(new Set(mutants.map((m) => m.name)).size).toBe(mutants.length);
  });

  it('passes through the proxy without a fault', async () => {
    const report = await runThrough(undefined);
    expect(failedIds(report)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('fails no MUST check on a server that keeps only to the document (bare {"resultcode":0} failures)', async () => {
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

  it.each(mutants.map((mutant) => [mutant.name, mutant] as const))('kills %s', async (_name, mutant) => {
    const report = await runThrough(mutant);
    const failed = failedIds(report);
    expect(failed, `${mutant.breaks}: expected ${mutant.expected} among the failures`).toContain(mutant.expected);
    expect(report.ok).toBe(false);
    expect(report.cleanup.leftover).toEqual([]);
    killed.push(mutant.name);
  });
});
