/**
 * Bench: the full suite against the embedded sandbox, start-up included (the
 * sandboxes start inside runConformance). Prints the wall time and the number
 * of requests, and, as a baseline measured in the same run, the time of the
 * same number of plain sequential requests to a freshly started sandbox.
 * The slowest checks are listed with their requests, and the machine's load
 * average is printed beside the time (the target assumes a quiet machine).
 * Target: under 3 s.
 */
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '@org/liveminutes-sandbox';
import { keepAliveAgent } from '../src/http/raw-http.js';
import { runConformance } from '../src/index.js';

const TARGET_MS = 3000;
const SLOWEST = 8;

async function baseline(requests: number): Promise<number> {
  const started = performance.now();
  const account = { accountSid: 'ACbench', authToken: 'bench-token' };
  const sandbox = await startSandbox({ port: 0, accounts: [account], logger: false });
  const agent = keepAliveAgent();
  const authorization = `Basic ${Buffer.from('ACbench:bench-token').toString('base64')}`;
  for (let i = 0; i < requests; i += 1) {
    await new Promise<void>((resolve, reject) => {
      const body = `meetingKey=bench${i}`;
      const req = http.request(`${sandbox.url}/getMeetingStatus`, {
        method: 'POST',
        agent,
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
      }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  agent.destroy();
  await sandbox.close();
  return performance.now() - started;
}

const started = performance.now();
const report = await runConformance({ strict: true });
const suiteMs = performance.now() - started;
const baseMs = await baseline(report.requests.sent);

console.log(`conformance suite (embedded sandbox, start-up included)`);
console.log(`  checks          ${report.summary.total} (${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped)`);
console.log(`  requests        ${report.requests.sent} (budget ${report.requests.max})`);
console.log(`  wall time       ${(suiteMs / 1000).toFixed(2)} s (${(report.requests.sent / (suiteMs / 1000)).toFixed(0)} requests/s)`);
const inChecksMs = report.checks.reduce((sum, check) => sum + check.durationMs, 0);
console.log(`  in checks       ${(inChecksMs / 1000).toFixed(2)} s; start-up, preflight and cleanup ${((suiteMs - inChecksMs) / 1000).toFixed(2)} s`);
console.log(`  baseline        ${(baseMs / 1000).toFixed(2)} s for ${report.requests.sent} plain sequential requests to a fresh sandbox`);
console.log(`  ratio           ${(suiteMs / baseMs).toFixed(2)}x the baseline`);
console.log(`  load average    ${loadavg().map((load) => load.toFixed(2)).join(' ')} on ${cpus().length} cores`);
console.log(`  target          < ${TARGET_MS / 1000} s: ${suiteMs < TARGET_MS ? 'met' : 'MISSED'}`);
console.log(`  slowest checks`);
for (const check of [...report.checks].sort((a, b) => b.durationMs - a.durationMs).slice(0, SLOWEST)) {
  console.log(`    ${String(check.durationMs).padStart(5)} ms ${String(check.requests).padStart(4)} requests  ${check.id}`);
}
if (!report.ok) process.exitCode = 1;
