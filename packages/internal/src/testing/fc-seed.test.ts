import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParameters, fcSeed } from './fc-seed.js';

describe('fcParameters', () => {
  it('runs with this run\'s seed', () => {
    expect(Number.isSafeInteger(fcSeed)).toBe(true);
    expect(fcParameters({ numRuns: 3 })).toMatchObject({ seed: fcSeed, numRuns: 3 });
  });

  it('names the seed to replay a failure with', () => {
    expect(() => fc.assert(fc.property(fc.integer(), (n) => n < 0), fcParameters())).toThrow(`replay with FC_SEED=${fcSeed}`);
  });
});
