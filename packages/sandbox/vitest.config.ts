import { packageConfig } from '../../vitest.shared.ts';

// One suite: unit tests next to the code, integration, CLI, crash and browser tests under test/.
export default packageConfig('test', {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  // Bounds for a busy machine (200 parallel calls took 30 s at load 50 on 2 cores), never a race:
  // no test asserts a timing.
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
