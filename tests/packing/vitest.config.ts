import { packageConfig } from '../../vitest.shared.ts';

// One long file: installing the tarballs (better-sqlite3 compiles) takes minutes.
export default packageConfig('test', {
  include: ['test/**/*.test.ts'],
  testTimeout: 180_000,
  hookTimeout: 900_000,
});
