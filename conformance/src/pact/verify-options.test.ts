import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPactResult, verifyPacts, type PactVerificationResult } from './index.js';

const good = { baseUrl: 'http://127.0.0.1:1', accountSid: 'ACx', authToken: 'tok' };

describe('verifyPacts options', () => {
  it.each([
    [{ ...good, baseUrl: 'not a url', pactDir: '.' }, /baseUrl must be an absolute http\(s\) URL/],
    [{ ...good, baseUrl: 'ftp://host', pactDir: '.' }, /baseUrl must be an absolute http\(s\) URL/],
    [{ ...good, accountSid: '', pactDir: '.' }, /accountSid is required/],
    [{ ...good, authToken: '', pactDir: '.' }, /authToken is required/],
    [{ ...good }, /Give pactDir or pactUrls/],
    [{ ...good, pactDir: '.', quotaFillLimit: -1 }, /quotaFillLimit/],
    [{ ...good, pactDir: '/nonexistent/pacts' }, /pactDir \/nonexistent\/pacts is not a readable directory/],
    [{ ...good, pactUrls: ['/nonexistent/pact.json'] }, /is not a readable pact file/],
  ])('refuses %j', async (options, message) => {
    await expect(verifyPacts(options)).rejects.toThrow(message);
  });

  it('refuses a directory without a pact for the provider, and a file that is not a pact', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pact-options-'));
    await writeFile(join(dir, 'other.json'), JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'other' }, interactions: [] }));
    await expect(verifyPacts({ ...good, pactDir: dir })).rejects.toThrow(/No pact for provider liveminutes-api/);
    await writeFile(join(dir, 'broken.json'), '{"hello":1}');
    await expect(verifyPacts({ ...good, pactDir: dir })).rejects.toThrow(/broken\.json is not a pact/);
  });
});

describe('formatPactResult', () => {
  const result: PactVerificationResult = {
    ok: false,
    provider: 'liveminutes-api',
    baseUrl: 'http://127.0.0.1:4010',
    sources: ['p.json'],
    interactions: [
      { consumer: 'c', description: 'passes', providerStates: [], ok: true, mismatches: [] },
      {
        consumer: 'c',
        description: 'a getMeetingUrl request with a wrong AuthToken',
        providerStates: ['the AuthToken is wrong'],
        ok: false,
        mismatches: [{ type: 'BodyMismatch', path: '$.resultcode', expected: 0, actual: 1, message: 'Expected 1 to be equal to 0' }],
      },
    ],
    skipped: [{ consumer: 'c', description: 'needs a person', providerStates: ['s'], reason: 'Given s: no entry pages' }],
    stateErrors: [],
    output: '',
  };

  it('names each failure with its mismatch, each skip with its reason, and the totals', () => {
    expect(formatPactResult(result).split('\n')).toEqual([
      'Pact verification of liveminutes-api at http://127.0.0.1:4010',
      'FAIL a getMeetingUrl request with a wrong AuthToken',
      '  given the AuthToken is wrong',
      '  BodyMismatch $.resultcode: Expected 1 to be equal to 0',
      'SKIP needs a person',
      '  Given s: no entry pages',
      '2 verified: 1 passed, 1 failed; 1 skipped',
      'FAILED',
    ]);
  });
});

describe('verifyPacts with a state it has no handler for', () => {
  it('reports the state as an error and fails, without reaching a provider for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pact-unknown-state-'));
    const pact = {
      consumer: { name: 'c' },
      provider: { name: 'liveminutes-api' },
      interactions: [
        {
          description: 'a request nobody can set up',
          providerStates: [{ name: 'the moon is full' }],
          request: { method: 'POST', path: '/getMeetingUrl' },
          response: { status: 200 },
        },
      ],
      metadata: { pactSpecification: { version: '3.0.0' } },
    };
    await writeFile(join(dir, 'p.json'), JSON.stringify(pact));
    // Nothing listens on port 9: the request fails too, and the state error is reported either way.
    const result = await verifyPacts({ ...good, baseUrl: 'http://127.0.0.1:9', pactDir: dir, timeoutMs: 2_000 });
    expect(result.ok).toBe(false);
    expect(result.stateErrors[0]).toEqual({
      state: 'the moon is full',
      message: 'no handler for this provider state: the pact names a state this verifier cannot set up',
    });
  });
});
