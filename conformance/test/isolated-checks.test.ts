/**
 * Every check stands on its own: `--only <id>` runs it with nothing before it
 * (no shared fixture, no traffic to review) and it still passes against a
 * correct sandbox. Reviews that find no traffic make their own.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks, runConformance } from '../src/index.js';
import type { Account } from '../src/types.js';

const primary: Account = { accountSid: `ACiso${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const second: Account = { accountSid: `ACiso2${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [primary, second], logger: false });
});
afterAll(() => sandbox?.close());

describe('each check alone', () => {
  // The quota checks need the embedded small-quota sandbox; the acceptance test runs them.
  const ids = allChecks().filter((check) => !check.needs.includes('small-quota')).map((check) => check.id);

  it('passes, with nothing run before it', async () => {
    const failures: string[] = [];
    for (const id of ids) {
      const report = await runConformance({ baseUrl: sandbox.url, account: primary, secondAccount: second, entryPages: true, rate: null, strict: true, only: [id] });
      const [result] = report.checks;
      if (result?.status !== 'passed' || report.cleanup.leftover.length > 0) failures.push(`${id}: ${result?.status} ${result?.message ?? ''}`);
    }
    expect(failures).toEqual([]);
    expect(ids.length).toBeGreaterThan(150);
  });
});
