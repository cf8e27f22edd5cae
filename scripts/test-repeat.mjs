#!/usr/bin/env node
/**
 * @module test-repeat
 * Runs each named package's vitest suite N times in a row and reports every test
 * that failed in any run, with how often. Exits 1 if any run had a failure.
 *
 *   pnpm test:repeat -- --times 10 client sandbox
 *   pnpm test:repeat -- --times 5 --config vitest.contract.config.ts client
 *
 * Packages are named by folder (client, sandbox, conformance, spec, packing) or
 * by package name (@org/liveminutes-client). Build first (`pnpm build`): the
 * suites test the built spec and, where they say so, the built packages.
 * Environment variables pass through (FC_SEED, CI, CHROMIUM_PATH).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `Usage: pnpm test:repeat -- [--times N] [--config FILE] <package>...

  --times N      runs per package (default 10)
  --config FILE  a vitest config of the package (default its vitest.config.ts)
  <package>      client, sandbox, conformance, spec, packing, or a package name
`;

/** Workspace packages by folder name and by package name. */
function workspacePackages() {
  const found = new Map();
  for (const parent of ['.', 'packages', 'tests']) {
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const dir = join(root, parent, entry.name);
      if (!entry.isDirectory() || entry.name === 'node_modules' || !existsSync(join(dir, 'package.json'))) continue;
      const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (dir === root) continue;
      found.set(entry.name, dir);
      found.set(name, dir);
    }
  }
  return found;
}

/**
 * Runs vitest once in `dir` as its `test` script does; resolves with its exit code and its JSON
 * report (undefined if none was written). The report goes to a file of this run's own
 * (`VITEST_JSON_REPORT`, read by vitest.shared.ts), so that two repeats can run side by side.
 */
function runOnce(dir, config) {
  const scratch = mkdtempSync(join(tmpdir(), 'test-repeat-'));
  const reportFile = join(scratch, 'report.json');
  const args = ['run', ...(config ? ['--config', config] : [])];
  // The package's own vitest binary, as its `test` script would run it (else the root's).
  const local = join(dir, 'node_modules', '.bin', 'vitest');
  const vitest = existsSync(local) ? local : join(root, 'node_modules', '.bin', 'vitest');
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(vitest, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, VITEST_JSON_REPORT: reportFile } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', (error) => {
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code: -1, report: undefined, ms: Date.now() - started, stderr: String(error) });
    });
    child.on('close', (code) => {
      let report;
      try {
        report = JSON.parse(readFileSync(reportFile, 'utf8'));
      } catch {
        report = undefined;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code, report, ms: Date.now() - started, stderr });
    });
  });
}

/** The failures of one run: test names, plus a file name for a file that failed outside its tests. */
function failuresOf(dir, result) {
  if (!result.report) return [{ test: `(no report: vitest exited with ${result.code})`, why: result.stderr.trim().split('\n').slice(-3).join(' | ') }];
  const failed = [];
  for (const file of result.report.testResults) {
    const name = relative(dir, file.name);
    const tests = file.assertionResults.filter((t) => t.status === 'failed');
    for (const test of tests) {
      const why = String(test.failureMessages?.[0] ?? '').split('\n')[0]?.slice(0, 200);
      failed.push({ test: `${name} › ${[...test.ancestorTitles, test.title].join(' › ')}`, why });
    }
    if (file.status === 'failed' && tests.length === 0) failed.push({ test: `${name} (the file failed)`, why: String(file.message).split('\n')[0] });
  }
  if (failed.length === 0 && result.code !== 0) failed.push({ test: `(vitest exited with ${result.code} without a failed test)`, why: '' });
  return failed;
}

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    allowPositionals: true,
    options: { times: { type: 'string', default: '10' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const times = Number(values.times);
  if (values.help || positionals.length === 0 || !Number.isInteger(times) || times < 1) {
    process.stderr.write(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const packages = workspacePackages();
  const unknown = positionals.filter((p) => !packages.has(p));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown package ${unknown.join(', ')}; known: ${[...new Set([...packages.keys()].filter((k) => !k.startsWith('@')))].join(', ')}\n`);
    process.exit(2);
  }
  let anyFailure = false;
  for (const name of positionals) {
    const dir = packages.get(name);
    const counts = new Map();
    let tests = 0;
    const durations = [];
    for (let run = 1; run <= times; run++) {
      const result = await runOnce(dir, values.config);
      const failed = failuresOf(dir, result);
      tests += result.report?.numTotalTests ?? 0;
      durations.push(result.ms);
      for (const { test } of failed) counts.set(test, (counts.get(test) ?? 0) + 1);
      process.stdout.write(`${name} run ${run}/${times}: ${result.report?.numTotalTests ?? '?'} tests, ${failed.length} failed, ${(result.ms / 1000).toFixed(1)} s\n`);
      for (const { test, why } of failed) process.stdout.write(`  failed: ${test}\n    ${why}\n`);
    }
    const seconds = durations.map((ms) => ms / 1000);
    process.stdout.write(
      `${name}: ${times} runs, ${tests} test executions, ${[...counts.values()].reduce((a, b) => a + b, 0)} failures; ` +
        `run time min ${Math.min(...seconds).toFixed(1)} s, max ${Math.max(...seconds).toFixed(1)} s\n`,
    );
    for (const [test, n] of [...counts].sort((a, b) => b[1] - a[1])) process.stdout.write(`  failed ${n}/${times}: ${test}\n`);
    if (counts.size > 0) anyFailure = true;
  }
  process.exit(anyFailure ? 1 : 0);
}

await main();
