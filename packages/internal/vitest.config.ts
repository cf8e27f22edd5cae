import { packageConfig } from '../../vitest.shared.ts';

export default packageConfig('test', { include: ['src/**/*.test.ts'] });
