/**
 * `pnpm --filter @org/liveminutes-sandbox bench:checked`: the
 * sandbox against two baselines doing part of its work, on the same calls.
 *
 *   sandbox          the CLI on an SQLite file (src/cli.ts --db FILE --quiet, quotas raised)
 *   raw transport    node:http doing the sandbox's transport work: read the capped form body,
 *                    parse it, check basic auth, answer the same JSON (bench/raw-server.ts)
 *   raw + 1 stmt     the same plus exactly one prepared better-sqlite3 statement per call on
 *                    an SQLite file in WAL mode: the embedded-database limit
 *
 * The three are separate processes started the same way (node --import tsx). Each gets 200
 * meetings with one participant each, created through its own API, then the same mixed workload
 * (workload.ts: 70% status and URL reads of those, 30% createMeeting, addParticipant,
 * cancelMeeting, cancelParticipant of keys it created) in interleaved rounds, the order rotating
 * each round (A B C, B C A, C A B, ...), so that other load on the machine hits all three alike.
 * Every answer is checked (HTTP 200, resultcode 1, the key sent, URLs and statuses as the spec
 * says and as created); only checked answers count, and any other answer fails the bench
 * (exit 1). Loopback only; the load generator is load-client.ts, in this process.
 *
 * Environment (defaults in brackets; about 80 s in all):
 *   BENCH_DURATION     seconds of each round of each server [2.5]
 *   BENCH_ROUNDS       rounds per server [6]; a multiple of 3 puts each server in each slot equally often
 *   BENCH_CONNECTIONS  keep-alive connections, one call in flight on each [50]
 *   BENCH_MIX          `reads` for status and URL reads only [mixed]
 *   BENCH_SEED         seed of the calls' sequence [1]
 *   BENCH_WARMUP       seconds of each server's warm-up, checked but not counted [4]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ACCOUNT } from '../src/index.js';
import { startCli, type CliProcess } from '../test/process.js';
import { runLoad, type LoadResult } from './load-client.js';
import { BenchWorkload, type Call } from './workload.js';

/** A positive number from the environment, or the default; anything else stops the bench. */
function setting(name: string, fallback: number, integer = true): number {
  const value = Number(process.env[name] ?? fallback);
  if (value > 0 && (!integer || Number.isInteger(value))) return value;
  console.error(`sandbox bench: ${name} must be a positive ${integer ? 'integer' : 'number'}`);
  process.exit(2);
}

const DURATION_S = setting('BENCH_DURATION', 2.5, false);
const ROUNDS = setting('BENCH_ROUNDS', 6);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 50);
const MIX = process.env.BENCH_MIX === 'reads' ? 'reads' : 'mixed';
const SEED = setting('BENCH_SEED', 1);
const WARM_UP_S = setting('BENCH_WARMUP', 4, false);
const SEED_MEETINGS = 200;
const authorization = `Basic ${Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString('base64')}`;

interface Server {
  readonly name: string;
  readonly process: CliProcess;
  readonly workload: BenchWorkload;
  readonly results: LoadResult[];
  cpuMs: number;
}

/**
 * CPU time (user + system, ms) a process has used, from /proc on Linux; undefined elsewhere.
 * On a shared machine req/s swings with other load; CPU per request does much less.
 */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
  } catch {
    return undefined;
  }
}

/** Runs calls against a server; any unexpected answer stops the bench. */
async function load(server: Server, calls: () => Call | undefined, connections: number, durationMs?: number): Promise<LoadResult> {
  const result = await runLoad(server.process.url, calls, { connections, authorization, ...(durationMs ? { durationMs } : {}) });
  if (result.failed > 0) {
    throw new Error(`${server.name}: ${result.failed} unexpected answer(s), for example:\n  ${result.failures.join('\n  ')}`);
  }
  return result;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Summary {
  readonly rps: number;
  readonly perRound: number[];
  readonly p50: number;
  readonly p99: number;
  readonly answers: number;
  readonly cpuUsPerCall: number | undefined;
}

function summarize(server: Server): Summary {
  const answers = server.results.reduce((sum, r) => sum + r.answers, 0);
  const elapsed = server.results.reduce((sum, r) => sum + r.elapsedMs, 0);
  const latencies = Float64Array.from(server.results.flatMap((r) => r.latenciesMs)).sort();
  return {
    rps: (answers * 1000) / elapsed,
    perRound: server.results.map((r) => (r.answers * 1000) / r.elapsedMs),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    answers,
    cpuUsPerCall: Number.isNaN(server.cpuMs) ? undefined : (server.cpuMs * 1000) / answers,
  };
}

function report(servers: readonly Server[], clientCpu: number): void {
  const rows = servers.map((server) => [server, summarize(server)] as const);
  console.log(
    `\n${MIX} workload${MIX === 'mixed' ? ' (70% status and URL reads, 30% create/add/cancel)' : ''}, ${CONNECTIONS} connections, ` +
      `${ROUNDS} interleaved rounds x ${DURATION_S} s per server; every answer checked`,
  );
  console.log(`${'server'.padEnd(18)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'CPU us/req'.padStart(10)} ${'answers'.padStart(8)}   req/s per round`);
  for (const [server, s] of rows) {
    const cpu = s.cpuUsPerCall === undefined ? '-' : s.cpuUsPerCall.toFixed(0);
    console.log(
      `${server.name.padEnd(18)} ${s.rps.toFixed(0).padStart(7)} ${s.p50.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(7)} ${cpu.padStart(10)} ${String(s.answers).padStart(8)}   ${s.perRound.map((r) => r.toFixed(0)).join(' ')}`,
    );
  }
  const [sandbox, ...baselines] = rows.map(([, s]) => s);
  for (const [i, baseline] of baselines.entries()) {
    const cpu =
      sandbox!.cpuUsPerCall === undefined || baseline.cpuUsPerCall === undefined
        ? ''
        : `, CPU per request ${(sandbox!.cpuUsPerCall / baseline.cpuUsPerCall).toFixed(2)}x`;
    console.log(`sandbox / ${rows[i + 1]![0].name.padEnd(17)} req/s ${(sandbox!.rps / baseline.rps).toFixed(2)}x, p99 ${(sandbox!.p99 / baseline.p99).toFixed(2)}x${cpu}`);
  }
  console.log(`load generator: ${clientCpu.toFixed(0)}% of one core at most (per round)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-bench-'));
  const limits = ['--limits', 'users=1000000000,sessions=1000000000'];
  const servers: Server[] = [];
  try {
    const starts = [
      { name: 'sandbox', args: ['--port', '0', '--quiet', '--db', join(dir, 'sandbox.db'), ...limits], script: 'src/cli.ts' },
      { name: 'raw transport', args: ['transport'], script: 'bench/raw-server.ts' },
      { name: 'raw + 1 statement', args: ['sqlite', '--db', join(dir, 'raw.db')], script: 'bench/raw-server.ts' },
    ];
    const started = performance.now();
    const processes = await Promise.allSettled(starts.map(({ args, script }) => startCli(args, script)));
    for (const [i, outcome] of processes.entries()) {
      if (outcome.status === 'rejected') throw outcome.reason;
      servers.push({ name: starts[i]!.name, process: outcome.value, workload: new BenchWorkload(SEED_MEETINGS, MIX), results: [], cpuMs: 0 });
    }
    for (const server of servers) {
      await load(server, server.workload.seedMeetings(), 8);
      await load(server, server.workload.seedParticipants(), 8);
      // JIT and caches warm, checked, not counted (with 1-2 s the sandbox's first round was still slow).
      await load(server, server.workload.round('w', SEED), CONNECTIONS, WARM_UP_S * 1000);
    }
    console.log(`3 servers started, seeded (${SEED_MEETINGS} meetings and participants each) and warmed up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    let clientCpu = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
      const line: string[] = [];
      for (const server of order) {
        const before = cpuMs(server.process.child.pid);
        const result = await load(server, server.workload.round(String(round + 1), SEED + round + 1), CONNECTIONS, DURATION_S * 1000);
        const after = cpuMs(server.process.child.pid);
        server.cpuMs += before === undefined || after === undefined ? NaN : after - before;
        server.results.push(result);
        clientCpu = Math.max(clientCpu, (100 * result.clientCpuMs) / result.elapsedMs);
        line.push(`${server.name} ${((result.answers * 1000) / result.elapsedMs).toFixed(0)}/s`);
      }
      console.log(`round ${round + 1}/${ROUNDS}: ${line.join(', ')}`);
    }
    report(servers, clientCpu);
  } finally {
    for (const server of servers) {
      server.process.child.kill('SIGTERM');
      await server.process.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`sandbox bench FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
