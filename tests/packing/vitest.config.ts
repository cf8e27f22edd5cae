import { packageConfig } from '../../vitest.shared.ts';

// Long files: installing the tarballs takes tens of seconds, minutes on a loaded machine.
export default packageConfig('test', {
  include: ['test/**/*.test.ts'],
  testTimeout: 180_000,
  hookTimeout: 1_800_000,
});
