/**
 * On a provider without the sandbox's entry pages (a real server), the states
 * that need a person to act cannot be set up: their interactions are skipped
 * with the reason, and every other interaction is still verified and passes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPacts, type PactVerificationResult } from '../../src/pact/index.js';
import { clientPactDir, startSandboxWithoutPages, type RunningServer } from './provider-fixtures.js';

describe('verifyPacts against a provider without entry pages', () => {
  const account = { accountSid: 'ACnopages', authToken: randomBytes(16).toString('hex') };
  let server: RunningServer;
  let result: PactVerificationResult;

  beforeAll(async () => {
    server = await startSandboxWithoutPages(account);
    result = await verifyPacts({ baseUrl: server.url, ...account, pactDir: clientPactDir() });
  });
  afterAll(() => server?.close());

  it('skips the interactions whose state needs a person to act, saying why', () => {
    expect(result.skipped.map((entry) => entry.description).sort()).toEqual([
      'a getMeetingStatus request for a finished meeting',
      'a getParticipantStatus request for a participant who has joined',
      'an addParticipant request for a finished meeting',
    ]);
    for (const entry of result.skipped) {
      expect(entry.reason).toMatch(/^Given (meeting \{meetingKey\} has finished|participant \{puid\} has joined meeting \{meetingKey\}): /);
      expect(entry.reason).toContain('entry pages');
      expect(entry.reason).toContain('action=start');
    }
  });

  it('verifies every other interaction, and they pass', () => {
    expect(result.interactions.length).toBeGreaterThan(30);
    expect(result.interactions.filter((interaction) => !interaction.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
