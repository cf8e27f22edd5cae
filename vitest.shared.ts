/**
 * @module vitest.shared
 * One test convention for every package: the default reporter for people, and
 * a JSON report under `.test-results/` that `.ci/run` totals into its closing
 * `N passed, N failed` line.
 */
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** A package's vitest config for one suite (`test`, `contract`, `browser`...). */
export function packageConfig(suite: string, test: NonNullable<ViteUserConfig['test']> = {}): ViteUserConfig {
  return defineConfig({
    test: {
      reporters: ['default', ['json', { outputFile: `.test-results/${suite}.json` }]],
      ...test,
    },
  });
}
