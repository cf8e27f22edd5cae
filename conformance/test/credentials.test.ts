/**
 * Wrong credentials are caught first: when the server refuses the account
 * (or the second account) it was given, the run stops before any check with
 * a credentials error naming the option to fix, instead of reporting every
 * check as failed. The token is never part of the message.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';
import type { Account } from '../src/types.js';
import { startDyingProxy } from './support/dying-proxy.js';

const primary: Account = { accountSid: `ACcred${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const second: Account = { accountSid: `ACcred2${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [primary, second], logger: false });
});
afterAll(() => sandbox?.close());

describe('credentials the server refuses', () => {
  const wrongToken = `${primary.authToken}x`;
  it.each([
    ['a wrong AuthToken', { account: { ...primary, authToken: wrongToken } }, '--account-sid/--auth-token'],
    ['an unknown AccountSid', { account: { ...primary, accountSid: `${primary.accountSid}Z` } }, '--account-sid/--auth-token'],
    ['a wrong second account', { account: primary, secondAccount: { ...second, authToken: wrongToken } }, '--second-account'],
  ])('%s stops the run before any check, naming %s', async (_what, accounts, option) => {
    const proxy = await startDyingProxy(sandbox.url);
    try {
      const error: unknown = await runConformance({ baseUrl: proxy.url, rate: null, ...accounts }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'ConformanceError', kind: 'credentials' });
      const message = (error as Error).message;
      expect(message).toContain(`check ${option}`);
      expect(message).not.toContain(wrongToken);
      // The reachability probe and one probe per account, nothing else.
      expect(proxy.received).toBeLessThanOrEqual('secondAccount' in accounts ? 3 : 2);
    } finally {
      await proxy.close();
    }
  });

  it('right credentials pass the probe and the run goes on', async () => {
    const report = await runConformance({ baseUrl: sandbox.url, account: primary, secondAccount: second, rate: null, only: ['auth.wrong-token'] });
    expect(report.checks.map((check) => check.status)).toEqual(['passed']);
    expect(report.ok).toBe(true);
  });
});
