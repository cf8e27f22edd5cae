import { packageConfig } from '../vitest.shared.ts';

// Provider verification of the client's pact (written by the client's
// test:contract, which turbo runs first through ^test:contract) against real
// sandboxes on loopback. One file at a time: each starts its own servers.
export default packageConfig('contract', {
  include: ['test/contract/**/*.test.ts'],
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 60_000,
});
