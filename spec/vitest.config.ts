import { packageConfig } from '../vitest.shared.ts';

export default packageConfig('test', { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] });
