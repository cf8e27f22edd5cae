import { packageConfig } from '../../vitest.shared.ts';

// One suite: unit tests next to the code, integration, CLI, crash and browser tests under test/.
export default packageConfig('test', {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  testTimeout: 30_000,
  hookTimeout: 30_000,
});
