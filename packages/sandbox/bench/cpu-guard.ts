/**
 * `pnpm --filter @org/liveminutes-sandbox bench:guard` (run by `.ci/cpu-guard` after the other
 * suites): the CPU time the SQLite sandbox spends per answered request, against raw node:http + one
 * prepared statement per call (`raw-server.ts sqlite`), both under the same wrk load in one run.
 * It fails when their ratio exceeds the figure the README commits to by more than 25%.
 *
 * CPU per request is each server's own user + system time over the requests it counted as answered
 * (server-report.ts): it does not depend on how fast the machine is or how busy, only on the work
 * per request, and both servers are measured in interleaved rounds so that other work on the
 * machine touches both alike. Writes its result as a vitest-style JSON report
 * (`.test-results/cpu-guard.json`), so that it counts in CI's `N passed, N failed` line.
 *
 * GUARD_ROUNDS (4), GUARD_SECONDS (3) per server and round; GUARD_MARGIN (1.25).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ACCOUNT } from '../src/index.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import { basicAuth, seedMeetings } from './measure.js';
import { hasWrk, runWrk, type WrkLoad } from './wrk.js';

const ROUNDS = Number(process.env.GUARD_ROUNDS ?? 4);
const SECONDS = Number(process.env.GUARD_SECONDS ?? 3);
const MARGIN = Number(process.env.GUARD_MARGIN ?? 1.25);
const CONNECTIONS = 50;
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const TITLE = 'the SQLite sandbox spends at most the README ratio + 25% of the CPU per request of raw + 1 statement';
/** The sentence of the README's bench section that holds the committed ratio. */
const REFERENCE = /CPU guard's reference ratio: \*\*([\d.]+)\*\*/;

const auth = basicAuth(DEFAULT_ACCOUNT.accountSid, DEFAULT_ACCOUNT.authToken);
// Reads and inserts in one load: a regression on either path shows.
const load: WrkLoad = { writeShare: 0.3, auths: [auth], seeded: 200 };

interface Totals {
  cpu: number;
  answered: number;
  bad: number;
}

function writeReport(passed: boolean | undefined, message: string): void {
  const dir = join(packageDir, '.test-results');
  mkdirSync(dir, { recursive: true });
  const status = passed === undefined ? 'pending' : passed ? 'passed' : 'failed';
  const report = {
    numTotalTests: 1,
    numPassedTests: passed === true ? 1 : 0,
    numFailedTests: passed === false ? 1 : 0,
    numPendingTests: passed === undefined ? 1 : 0,
    numTodoTests: 0,
    numFailedTestSuites: passed === false ? 1 : 0,
    success: passed !== false,
    testResults: [
      {
        name: 'bench/cpu-guard.ts',
        status,
        message: passed === false ? message : '',
        assertionResults: [{ ancestorTitles: ['cpu guard'], fullName: `cpu guard ${TITLE}`, title: TITLE, status, failureMessages: passed === false ? [message] : [] }],
      },
    ],
  };
  writeFileSync(join(dir, 'cpu-guard.json'), JSON.stringify(report));
}

async function round(server: BenchProcess, totals: Totals): Promise<void> {
  const before = await server.report();
  const run = await runWrk(server.url, load, SECONDS, CONNECTIONS);
  const after = await server.report();
  totals.cpu += after.cpuMicros - before.cpuMicros;
  totals.answered += after.answered - before.answered;
  totals.bad += run.bad + run.errors;
}

async function main(): Promise<number> {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const reference = Number(REFERENCE.exec(readme)?.[1]);
  if (!Number.isFinite(reference)) throw new Error(`README.md has no "CPU guard's reference ratio: **N**"`);
  if (!hasWrk()) {
    const message = 'cpu guard SKIPPED: wrk is not installed (Debian: apt-get install wrk)';
    console.log(message);
    writeReport(undefined, message);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lm-guard-'));
  const servers: BenchProcess[] = [];
  try {
    servers.push(await startBenchProcess('sandbox', 'bench/sandbox-server.ts', ['--db', join(dir, 'sandbox.db')]));
    servers.push(await startBenchProcess('raw + 1 statement', 'bench/raw-server.ts', ['sqlite', '--db', join(dir, 'raw.db')]));
    await Promise.all(servers.map((server) => seedMeetings(server.url, auth, load.seeded)));
    for (const server of servers) await runWrk(server.url, load, 2, CONNECTIONS);
    const totals: Totals[] = servers.map(() => ({ cpu: 0, answered: 0, bad: 0 }));
    for (let r = 0; r < ROUNDS; r++) {
      // A B, B A, ...: each server goes first as often as the other.
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) await round(servers[i]!, totals[i]!);
    }
    const [sandbox, raw] = totals.map((t) => t.cpu / t.answered) as [number, number];
    const ratio = sandbox / raw;
    const limit = reference * MARGIN;
    const bad = totals.reduce((sum, t) => sum + t.bad, 0);
    const passed = ratio <= limit && bad === 0;
    const message =
      `cpu guard: sandbox ${sandbox.toFixed(1)} µs CPU per request, raw + 1 statement ${raw.toFixed(1)} µs ` +
      `(${totals[0]!.answered} and ${totals[1]!.answered} answered, ${ROUNDS} rounds of ${SECONDS} s, wrk -c${CONNECTIONS}, 30% inserts); ` +
      `ratio ${ratio.toFixed(3)}, README ${reference}, limit ${limit.toFixed(3)}${bad > 0 ? `; ${bad} bad answers` : ''}; ` +
      `load average ${loadavg()[0]!.toFixed(1)}: ${passed ? 'pass' : 'FAIL'}`;
    console.log(message);
    writeReport(passed, message);
    return passed ? 0 : 1;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
