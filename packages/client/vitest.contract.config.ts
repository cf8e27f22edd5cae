import { packageConfig } from '../../vitest.shared.ts';

// Consumer contract tests: the real client against Pact's mock server. Files
// run one after another because every file merges into the same pact file.
export default packageConfig('contract', {
  include: ['test/contract/**/*.test.ts'],
  globalSetup: ['test/contract/global-setup.ts'],
  fileParallelism: false,
  testTimeout: 30_000,
});
