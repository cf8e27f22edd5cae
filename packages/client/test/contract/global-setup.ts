/**
 * Runs once before the consumer contract tests: pacts are build output, and a
 * stale interaction from an earlier run must never reach the verifier, so the
 * pact directory is deleted first.
 */
import { rm } from 'node:fs/promises';
import { PACT_DIR } from './contract-kit.js';

export default async function setup(): Promise<void> {
  await rm(PACT_DIR, { recursive: true, force: true });
}
