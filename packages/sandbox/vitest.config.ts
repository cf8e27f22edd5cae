import { packageConfig } from '../../vitest.shared.ts';

export default packageConfig('test', {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  exclude: ['test/browser/**', 'node_modules/**'],
  testTimeout: 30_000,
  hookTimeout: 30_000,
});
