#!/usr/bin/env node
// Totals every vitest JSON report (`<package>/.test-results/*.json`) into the
// closing line CI reads: `N passed, N failed`. A suite that crashed before
// writing its report cannot be counted, so CI's exit code comes from the test
// command itself; this line only totals what ran.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = [];
const walk = (dir, depth) => {
  if (depth > 3) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === 'dist') continue;
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (name === '.test-results') {
      for (const file of readdirSync(path)) if (file.endsWith('.json')) reports.push(join(path, file));
    } else walk(path, depth + 1);
  }
};
walk(root, 0);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports.sort()) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const suiteFailures = report.numFailedTestSuites ?? 0;
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (suiteFailures > 0 && !report.numFailedTests ? suiteFailures : 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`  ${file.slice(root.length)}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
