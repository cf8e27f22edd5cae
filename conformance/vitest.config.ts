import { packageConfig } from '../vitest.shared.ts';

export default packageConfig('test', {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  exclude: ['test/contract/**'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
});
