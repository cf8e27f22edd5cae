#!/usr/bin/env node
// Totals every vitest JSON report (`<package>/.test-results/*.json`, one per suite
// and Node line) into the closing line CI reads: `N passed, N failed`, after a
// subtotal per Node line. A suite that crashed before writing its report cannot
// be counted, so CI's exit code comes from the test commands themselves; this
// line only totals what ran.
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
// Reports are named by suite and Node line (`test.node22.json`, vitest.shared.ts): one subtotal per line.
const byNode = new Map();
for (const file of reports.sort()) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const suiteFailures = report.numFailedTestSuites ?? 0;
  const filePassed = report.numPassedTests ?? 0;
  const fileFailed = (report.numFailedTests ?? 0) + (suiteFailures > 0 && !report.numFailedTests ? suiteFailures : 0);
  passed += filePassed;
  failed += fileFailed;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // Reports not written through vitest.shared.ts (such as the CPU guard's) name no Node line.
  const node = /\.node(\d+)\.json$/.exec(file)?.[1] ?? 'other';
  const subtotal = byNode.get(node) ?? { passed: 0, failed: 0, reports: 0 };
  byNode.set(node, { passed: subtotal.passed + filePassed, failed: subtotal.failed + fileFailed, reports: subtotal.reports + 1 });
  console.log(`  ${file.slice(root.length)}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
for (const [node, t] of [...byNode].sort(([a], [b]) => (Number(a) || Infinity) - (Number(b) || Infinity))) {
  console.log(`  ${node === 'other' ? 'other' : `Node ${node}`}: ${t.passed} passed, ${t.failed} failed (${t.reports} reports)`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
