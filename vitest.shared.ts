/**
 * @module vitest.shared
 * One test convention for every package: the default reporter for people, and
 * a JSON report under `.test-results/` (one per suite and Node line) that `.ci/run`
 * totals into its closing `N passed, N failed` line.
 */
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** A package's vitest config for one suite (`test`, `contract`, `browser`...). */
export function packageConfig(suite: string, test: NonNullable<ViteUserConfig['test']> = {}): ViteUserConfig {
  return defineConfig({
    test: {
      // The report names the Node line that ran the suite (`test.node22.json`): .ci/node-versions.mjs
      // runs every suite again on other Node lines, and .ci/count-tests.mjs totals them all.
      // scripts/test-repeat.mjs gives each run a report file of its own (VITEST_JSON_REPORT): repeats of two
      // suites of one package may run at once, and must not read or delete each other's report.
      reporters: ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? `.test-results/${suite}.node${process.versions.node.split('.')[0]}.json` }]],
      // A timeout only guards against a hang. Tests that spawn processes or a
      // browser take seconds on a loaded 2-core machine, so the default is
      // generous; no test may depend on it for its verdict.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Test files share their worker process instead of a new one each: on 2 cores the per-file
      // start-up (a process, the module graph, native addons such as Pact's) was a fifth of the
      // suites' CPU (sandbox 99 -> 73 CPU-s, conformance 85 -> 68, client 16 -> 9). No test file
      // changes process-wide state it does not restore; every suite passed with its files shuffled
      // (--sequence.shuffle.files, seeds 11, 22 and 33).
      isolate: false,
      ...test,
    },
  });
}
