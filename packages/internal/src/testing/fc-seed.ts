/**
 * @module fc-seed
 * The seed of every property test. `FC_SEED` replays a run; in CI the seed is
 * fixed, so a red CI run is the same run on every machine; elsewhere each run
 * draws a fresh one. fast-check prints the seed with any counterexample, and
 * {@link fcParameters} adds it to the failure message as `FC_SEED=<seed>`.
 */
import fc from 'fast-check';

const CI_SEED = 20_261_204;

function pickSeed(): number {
  const given = process.env.FC_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(given)}`);
    return seed;
  }
  return process.env.CI ? CI_SEED : Date.now() ^ (process.pid << 8);
}

/** This run's seed. */
export const fcSeed: number = pickSeed();

/**
 * fast-check parameters with this run's seed.
 * @example
 * await fc.assert(fc.asyncProperty(arb, check), fcParameters({ numRuns: 300 }));
 */
export function fcParameters<T>(parameters: fc.Parameters<T> = {}): fc.Parameters<T> {
  return {
    seed: fcSeed,
    ...parameters,
    reporter(details) {
      if (!details.failed) return;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${cause}\nreplay with FC_SEED=${fcSeed}: ${fc.defaultReportMessage(details) ?? ''}`);
    },
  };
}
