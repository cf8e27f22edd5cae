/**
 * Pact contracts protect the client: for each broken provider, the real
 * client rejects an answer of an operation, and Pact verification of that
 * operation fails too. A regex matcher alone would let these through (Pact
 * matches a regex against the text of a number); the contract's matchers
 * encode the type as well.
 */
import { createClient } from '@org/liveminutes-client';
import type { Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPacts } from '../../src/pact/index.js';
import { clientPactDir, startBrokenProxy, startProviderSandbox, type AnswerRewrite, type ProviderAccount } from './provider-fixtures.js';

interface BrokenProvider {
  readonly name: string;
  /** The operation whose answers it breaks. */
  readonly operation: 'getMeetingStatus' | 'createMeeting';
  readonly rewrite: AnswerRewrite;
}

const operationOf = (url: string | undefined): string => (url ?? '').replace(/^\//, '').split('?')[0] ?? '';

const providers: BrokenProvider[] = [
  {
    name: 'status as a number',
    operation: 'getMeetingStatus',
    rewrite: (req, body) => (operationOf(req.url) === 'getMeetingStatus' && body.resultcode === 1 ? { ...body, status: Number(body.status) } : body),
  },
  {
    name: 'meetingKey as a number',
    operation: 'createMeeting',
    rewrite: (req, body) => (operationOf(req.url) === 'createMeeting' && body.resultcode === 1 ? { ...body, meetingKey: 4711 } : body),
  },
];

describe.each(providers)('a provider that answers $name', ({ operation, rewrite }) => {
  let sandbox: Sandbox;
  let account: ProviderAccount;
  let proxy: Awaited<ReturnType<typeof startBrokenProxy>>;
  beforeAll(async () => {
    ({ sandbox, account } = await startProviderSandbox());
    proxy = await startBrokenProxy(sandbox.url, rewrite);
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });

  it(`is rejected by the real client on ${operation}`, async () => {
    const lm = createClient({ ...account, baseUrl: proxy.url });
    const call = async (): Promise<unknown> => {
      if (operation === 'createMeeting') return lm.createMeeting({ meetingKey: 'reject-me', hostid: 'h1' });
      const direct = createClient({ ...account, baseUrl: sandbox.url });
      await direct.createMeeting({ meetingKey: 'status-me', hostid: 'h1' });
      return lm.getMeetingStatus({ meetingKey: 'status-me' });
    };
    await expect(call()).rejects.toThrow();
  });

  it(`fails Pact verification of ${operation}`, async () => {
    const result = await verifyPacts({ baseUrl: proxy.url, ...account, pactDir: clientPactDir() });
    const failedOperations = result.interactions.filter((interaction) => !interaction.ok).map((interaction) => interaction.description);
    expect(result.ok).toBe(false);
    expect(failedOperations.some((description) => description.includes(` ${operation} `)), failedOperations.join('\n')).toBe(true);
  });
});
