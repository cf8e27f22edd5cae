/**
 * The client's pact verified against a real sandbox: every interaction passes,
 * none is skipped, the provider's credentials replace the consumer's examples
 * without leaking into the result, and the state handlers leave nothing behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@org/liveminutes-sandbox';
import { verifyPacts, type PactVerificationResult } from '../../src/pact/index.js';
import { clientPactDir, startProviderSandbox, type ProviderAccount } from './provider-fixtures.js';

describe('verifyPacts against the sandbox', () => {
  let sandbox: Sandbox;
  let account: ProviderAccount;
  let result: PactVerificationResult;
  const pactDir = clientPactDir();
  const interactionCount = readdirSync(pactDir)
    .filter((name) => name.endsWith('.json'))
    .reduce((sum, name) => sum + (JSON.parse(readFileSync(join(pactDir, name), 'utf8')) as { interactions: unknown[] }).interactions.length, 0);

  beforeAll(async () => {
    ({ sandbox, account } = await startProviderSandbox());
    result = await verifyPacts({ baseUrl: sandbox.url, ...account, pactDir });
  });
  afterAll(() => sandbox?.close());

  it('verifies every interaction of the pact and each passes', () => {
    expect(interactionCount).toBeGreaterThan(30);
    expect(result.skipped).toEqual([]);
    expect(result.stateErrors).toEqual([]);
    expect(result.interactions.filter((interaction) => !interaction.ok)).toEqual([]);
    expect(result.interactions).toHaveLength(interactionCount);
    expect(result.ok).toBe(true);
  });

  it('covers the states that need a person to act and the quota states', () => {
    const states = new Set(result.interactions.flatMap((interaction) => interaction.providerStates));
    expect(states).toContain('participant {puid} has joined meeting {meetingKey}');
    expect(states).toContain('meeting {meetingKey} has finished');
    expect(states).toContain('account quota of sessions is reached');
    expect(states).toContain('account quota of users is reached');
  });

  it('cancels every meeting it created', async () => {
    expect(await sandbox.store.usage(account.accountSid)).toEqual({ users: 0, sessions: 0 });
  });

  it('never puts the provider token in its result', () => {
    const rendered = JSON.stringify(result);
    expect(rendered).not.toContain(account.authToken);
    expect(rendered).not.toContain(Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64'));
  });
});
