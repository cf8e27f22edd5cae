/**
 * Pact contracts protect the client. For each broken provider of the mutation
 * self-test (every mutant, each a fault proxy in front of a real sandbox),
 * the client's pact is replayed through the real client
 * (test/support/client-replay.ts); wherever the client rejects an answer (a
 * ProtocolError, a value it flags, or not the result or error code its
 * consumer test expects), Pact verification of the same provider must fail
 * that interaction. A regex matcher alone would let a number through where
 * the client needs a string (Pact matches a regex against a number's text):
 * the contract's matchers encode the type as well.
 *
 * Each mutant gets two fresh sandboxes and mutant instances (mutants keep
 * state, such as the meetings they saw): one for the replay, one for the
 * verification, which take the same steps in the same order. Verification
 * runs only where the client rejected something (elsewhere there is nothing
 * to hold it to), on those interactions alone unless that run lets one
 * through. Two mutants run at a time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startSandbox } from '@org/liveminutes-sandbox';
import { describe, expect, it } from 'vitest';
import { verifyPacts, type PactVerificationResult } from '../../src/pact/index.js';
import { loadPacts } from '../../src/pact/pact-files.js';
import type { Account } from '../../src/types.js';
import { replayThroughClient, type ClientVerdict } from '../support/client-replay.js';
import { startFaultProxy, type Mutant } from '../support/fault-proxy.js';
import { createMutants } from '../support/mutants.js';
import { createParamMutants } from '../support/param-mutants.js';
import { createRuleMutants } from '../support/rule-mutants.js';
import { clientPactDir } from './provider-fixtures.js';

const primary: Account = { accountSid: `ACpri${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const second: Account = { accountSid: `ACsec${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
// Small quotas: the quota states are reached in a few calls.
const limits = { users: 5, sessions: 5 };
const quotaFillLimit = 20;
/** Fresh instances (mutants keep state), by name. */
const mutantsFresh = (): Map<string, Mutant> =>
  new Map([...createMutants({ primary, second }), ...createParamMutants(), ...createRuleMutants({ primary, second }, limits)].map((m) => [m.name, m]));
const names = [...mutantsFresh().keys()];

/** A sandbox with a proxy running a fresh instance of `name` (none for the control) in front, for one use. */
async function withProvider<T>(name: string | undefined, use: (url: string) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ port: 0, accounts: [primary, second], limits, logger: false });
  const proxy = await startFaultProxy(sandbox.url, name === undefined ? undefined : mutantsFresh().get(name));
  try {
    return await use(proxy.url);
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}

const replay = (name: string | undefined): Promise<ClientVerdict[]> =>
  withProvider(name, (baseUrl) => replayThroughClient({ baseUrl, ...primary, pactDir: clientPactDir(), quotaFillLimit }));

/** Verifies `interactions` only (all when undefined), from a pact file of its own. */
async function verify(name: string, interactions?: ReadonlySet<string>): Promise<PactVerificationResult> {
  const dir = await mkdtemp(join(tmpdir(), 'lm-principle-'));
  try {
    for (const { source, pact } of await loadPacts({ pactDir: clientPactDir() })) {
      const kept = pact.interactions.filter((interaction) => !interactions || interactions.has(interaction.description));
      await writeFile(join(dir, basename(source)), JSON.stringify({ ...pact, interactions: kept }));
    }
    return await verifications.run(() => withProvider(name, (baseUrl) => verifyPacts({ baseUrl, ...primary, pactDir: dir, quotaFillLimit })));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs at most `size` tasks at a time. */
function pool(size: number): { run<T>(task: () => Promise<T>): Promise<T> } {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(task) {
      if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      running += 1;
      try {
        return await task();
      } finally {
        running -= 1;
        waiting.shift()?.();
      }
    },
  };
}

// Two mutants at a time (two cores); one Pact verifier at a time (its native core and logger are process-wide).
const mutantsAtOnce = pool(2);
const verifications = pool(1);

const failedIn = (result: PactVerificationResult): Set<string> =>
  new Set(result.interactions.filter((interaction) => !interaction.ok).map((interaction) => interaction.description));

/** Mutant -> the interactions the client rejected. */
const rejectedBy = new Map<string, ClientVerdict[]>();
const started = Date.now();

describe('Pact verification fails wherever the real client rejects an answer', () => {
  it('the replay itself: a correct provider gives the client exactly what every consumer test expects', async () => {
    const verdicts = await replay(undefined);
    expect(verdicts.length).toBeGreaterThan(30);
    expect(verdicts.filter((v) => v.verdict !== 'accepted').map((v) => `${v.description}: ${v.verdict} ${v.why}`)).toEqual([]);
  });

  it.concurrent.each(names)('%s', { timeout: 300_000 }, (name) =>
    mutantsAtOnce.run(async () => {
      const rejected = (await replay(name)).filter((v) => v.verdict === 'rejected');
      rejectedBy.set(name, rejected);
      if (rejected.length === 0) return;
      // Only the rejected interactions first; a mutant that keeps history (quotas it counts) may need the
      // full pact, in the replay's order, to answer as it did: that run decides.
      let failed = failedIn(await verify(name, new Set(rejected.map((v) => v.description))));
      if (rejected.some((v) => !failed.has(v.description))) failed = failedIn(await verify(name));
      const passedPact = rejected.filter((v) => !failed.has(v.description)).map((v) => `${v.description} (the client: ${v.why})`);
      expect(passedPact, `${name}: interactions the client rejects but Pact verification lets through`).toEqual([]);
    }),
  );

  it('is not vacuous: the client rejects answers of several mutants, on several operations', () => {
    const rejecting = [...rejectedBy].filter(([, rejected]) => rejected.length > 0);
    const operations = new Set(rejecting.flatMap(([, rejected]) => rejected.map((v) => v.operation)));
    console.log(
      `client-rejected answers: ${rejecting.length}/${rejectedBy.size} mutants (Pact verification failed each of their interactions), ${operations.size} operations, ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        rejecting.map(([name, rejected]) => `  ${name}: ${rejected.map((v) => v.description).join('; ')}`).join('\n'),
    );
    expect(rejectedBy.size).toBe(names.length);
    expect(rejecting.length).toBeGreaterThanOrEqual(8);
    expect(operations.size).toBe(8);
  });
});
