/**
 * Verification must fail, naming the mismatch, when the provider breaks the
 * contract. Each broken provider is a loopback proxy in front of a real
 * sandbox that changes the sandbox's JSON answers in one way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@org/liveminutes-sandbox';
import { formatPactResult, verifyPacts, type PactVerificationResult } from '../../src/pact/index.js';
import { basicAuthorization } from '../../src/http/api.js';
import {
  clientPactDir,
  startBrokenProxy,
  startProviderSandbox,
  type BrokenProxy,
  type ProviderAccount,
} from './provider-fixtures.js';

const failed = (result: PactVerificationResult) => result.interactions.filter((interaction) => !interaction.ok);

describe('a provider that drops participantUrl', () => {
  let sandbox: Sandbox;
  let account: ProviderAccount;
  let proxy: BrokenProxy;
  let result: PactVerificationResult;

  beforeAll(async () => {
    ({ sandbox, account } = await startProviderSandbox());
    proxy = await startBrokenProxy(sandbox.url, (_req, body) => {
      const { participantUrl: _dropped, ...rest } = body;
      return rest;
    });
    result = await verifyPacts({ baseUrl: proxy.url, ...account, pactDir: clientPactDir() });
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });

  it('fails verification', () => {
    expect(result.ok).toBe(false);
  });

  it('fails exactly the interactions whose answer carries participantUrl, naming the field', () => {
    expect(failed(result).map((interaction) => interaction.description).sort()).toEqual([
      'a getParticipantUrl request for a participant of the meeting',
      'an addParticipant request for a meeting that exists',
    ]);
    for (const interaction of failed(result)) {
      expect(interaction.mismatches.map((mismatch) => mismatch.message).join('\n')).toContain('participantUrl');
    }
    expect(result.output).toContain('participantUrl');
    expect(formatPactResult(result)).toMatch(/FAIL an addParticipant request for a meeting that exists\n.*\n {2}\w+Mismatch .*participantUrl/);
  });

  it('reports the state that could not be set up without a participantUrl', () => {
    expect(result.stateErrors).toEqual([
      {
        state: 'participant {puid} has joined meeting {meetingKey}',
        message: 'addParticipant answered resultcode 1 without a participantUrl',
      },
    ]);
  });
});

describe('a provider that answers resultcode 1 to bad credentials', () => {
  let sandbox: Sandbox;
  let account: ProviderAccount;
  let proxy: BrokenProxy;
  let result: PactVerificationResult;

  beforeAll(async () => {
    ({ sandbox, account } = await startProviderSandbox());
    const good = basicAuthorization(account);
    proxy = await startBrokenProxy(sandbox.url, (req, body) =>
      req.headers.authorization === good ? body : { resultcode: 1 },
    );
    result = await verifyPacts({ baseUrl: proxy.url, ...account, pactDir: clientPactDir() });
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });

  it('fails every wrong-AuthToken interaction and only those', () => {
    expect(result.ok).toBe(false);
    const names = failed(result).map((interaction) => interaction.description);
    expect(names.length).toBe(8);
    for (const name of names) expect(name).toMatch(/with a wrong AuthToken$/);
    expect(result.interactions.filter((interaction) => interaction.ok).length).toBe(result.interactions.length - 8);
  });

  it('names the resultcode mismatch', () => {
    for (const interaction of failed(result)) {
      expect(interaction.mismatches).toContainEqual(
        expect.objectContaining({ type: 'BodyMismatch', path: '$.resultcode', expected: 0, actual: 1 }),
      );
    }
    expect(result.output).toContain('$.resultcode');
    expect(formatPactResult(result)).toContain('BodyMismatch $.resultcode: ');
  });
});

describe('a provider that does not answer', () => {
  let result: PactVerificationResult;

  beforeAll(async () => {
    // A port that was just free: connections are refused.
    const { sandbox, account } = await startProviderSandbox();
    const baseUrl = sandbox.url;
    await sandbox.close();
    result = await verifyPacts({ baseUrl, ...account, pactDir: clientPactDir(), timeoutMs: 2_000 });
  });

  it('fails every verified interaction with the reason, without crashing the process', () => {
    expect(result.ok).toBe(false);
    expect(result.interactions.length).toBeGreaterThan(0);
    for (const interaction of result.interactions) {
      expect(interaction.ok).toBe(false);
      expect(interaction.mismatches).toContainEqual(expect.objectContaining({ type: 'StatusMismatch', expected: 200, actual: 502 }));
    }
  });

  it('skips the states that need capabilities it could not try, and names the failed setups', () => {
    expect(result.skipped.length).toBeGreaterThan(0);
    for (const entry of result.skipped) expect(entry.reason).toMatch(/got no answer from http:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
    expect(result.stateErrors.length).toBeGreaterThan(0);
    for (const entry of result.stateErrors) expect(entry.message).toMatch(/got no answer from .*ECONNREFUSED/);
  });
});
