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
      // A timeout only guards against a hang. Tests that spawn processes or a
      // browser take seconds on a loaded 2-core machine, so the default is
      // generous; no test may depend on it for its verdict.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
