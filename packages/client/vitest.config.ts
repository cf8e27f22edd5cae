import { packageConfig } from '../../vitest.shared.ts';

export default packageConfig('test', {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  exclude: ['test/contract/**', '**/node_modules/**'],
  // Type tests (*.test-d.ts) run with `vitest run` and count in the results.
  typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  testTimeout: 10_000,
});
