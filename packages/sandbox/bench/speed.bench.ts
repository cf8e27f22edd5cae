/**
 * `pnpm --filter @org/liveminutes-sandbox bench`: each gap on its own, in one run, with wrk as a
 * separate load process (bench/wrk.ts) and every answer checked for resultcode 1.
 *
 * SQLite rows: the sandbox (a WAL file), raw node:http (`raw-server.ts transport`) and raw
 * node:http + one prepared statement per call (`raw-server.ts sqlite`), on reads
 * (getMeetingStatus), inserts (createMeeting) and a mix (70% reads, 30% inserts).
 * PostgreSQL rows: pgbench with the sandbox's SQL shapes (bench/pgbench.ts) against the sandbox
 * on PostgreSQL, one process and two: point reads, creates on one account, creates over 50.
 * CPU per request is the server's own (user + system over the requests it answered).
 *
 * BENCH_SECONDS (3) per row, BENCH_WARMUP (1), BENCH_CONNECTIONS (50), BENCH_PG_CLIENTS (50);
 * BENCH_ONLY=sqlite or BENCH_ONLY=postgres runs those rows only (then no ratio to the SQLite sandbox).
 * Skips, saying why, without wrk, pgbench or the tests' PostgreSQL (LIVEMINUTES_TEST_POSTGRES_URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_ACCOUNT } from '../src/index.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import { basicAuth, measure, seedMeetings, type Measured } from './measure.js';
import { hasPgbench, pgbenchScripts, PGBENCH_ACCOUNTS_SQL, runPgbench, type PgbenchResult } from './pgbench.js';
import { hasWrk, type WrkLoad } from './wrk.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_CLIENTS = Number(process.env.BENCH_PG_CLIENTS ?? 50);
const ONLY = process.env.BENCH_ONLY;
const ADMIN_URL = process.env.LIVEMINUTES_TEST_POSTGRES_URL ?? 'postgres://liveminutes:lm-test-secret@127.0.0.1:5432/postgres';
const SEEDED = 200;
const timing = { seconds: SECONDS, warmup: WARMUP, connections: CONNECTIONS };
const auth = basicAuth(DEFAULT_ACCOUNT.accountSid, DEFAULT_ACCOUNT.authToken);
const spreadAccounts = Array.from({ length: 50 }, (_, i) => ({ accountSid: `ACbench${i}`, authToken: `bench-token-${i}` }));

const loads: Record<'reads' | 'inserts' | 'mixed', WrkLoad> = {
  reads: { writeShare: 0, auths: [auth], seeded: SEEDED },
  inserts: { writeShare: 1, auths: [auth], seeded: SEEDED },
  mixed: { writeShare: 0.3, auths: [auth], seeded: SEEDED },
};

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const ratio = (a: number, b: number) => `${fixed(a / b, 2)}x`;

function row(name: string, m: Measured, extra = ''): void {
  const bad = m.bad > 0 ? `  ${m.bad} BAD ANSWERS` : '';
  console.log(`| ${name.padEnd(34)} | ${fixed(m.rps).padStart(7)}/s | p99 ${fixed(m.p99, 1).padStart(6)} ms | ${fixed(m.cpuPerRequest).padStart(4)} µs CPU/req | ${extra}${bad}`);
}

function pgRow(name: string, r: PgbenchResult): void {
  const failed = r.failed > 0 ? `  ${r.failed} failed` : '';
  console.log(`| ${name.padEnd(34)} | ${fixed(r.tps).padStart(7)}/s | avg ${fixed(r.latency, 1).padStart(6)} ms | (PostgreSQL's own)      |${failed}`);
}

async function sqliteRows(): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-speed-'));
  const servers: BenchProcess[] = [];
  try {
    servers.push(await startBenchProcess('sandbox', 'bench/sandbox-server.ts', ['--db', join(dir, 'sandbox.db')]));
    servers.push(await startBenchProcess('raw node:http', 'bench/raw-server.ts', ['transport']));
    servers.push(await startBenchProcess('raw + 1 statement', 'bench/raw-server.ts', ['sqlite', '--db', join(dir, 'raw.db')]));
    await Promise.all(servers.map((server) => seedMeetings(server.url, auth, SEEDED)));
    console.log(`\nSQLite (wrk -t1 -c${CONNECTIONS}, ${SECONDS} s a row after ${WARMUP} s of warm-up)`);
    let sandboxReads: Measured | undefined;
    for (const [name, load] of Object.entries(loads)) {
      // The order turns from load to load, so that other work on the machine does not always hit the same server.
      const order = servers.map((_, i) => servers[(i + Object.keys(loads).indexOf(name)) % servers.length]!);
      const results = new Map<string, Measured>();
      for (const server of order) results.set(server.name, await measure([server], load, timing));
      const [sandbox, transport, oneStatement] = servers.map((server) => results.get(server.name)!) as [Measured, Measured, Measured];
      sandboxReads ??= sandbox;
      row(`${name}: sandbox`, sandbox, `${ratio(sandbox.rps, oneStatement.rps)} req/s, ${ratio(sandbox.cpuPerRequest, oneStatement.cpuPerRequest)} CPU of raw + 1 statement; ${ratio(sandbox.rps, transport.rps)} req/s of raw node:http`);
      row(`${name}: raw node:http`, transport);
      row(`${name}: raw + 1 statement`, oneStatement);
    }
    return sandboxReads!;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function admin(sql: string, url = ADMIN_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresRows(sqliteReads: Measured | undefined): Promise<void> {
  try {
    await admin('SELECT 1');
  } catch {
    console.log('\nPostgreSQL: SKIPPED, no server at LIVEMINUTES_TEST_POSTGRES_URL (see the README, "Running N instances on PostgreSQL").');
    return;
  }
  const pgbench = hasPgbench();
  const name = `lm_bench_${process.pid}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const accounts = [DEFAULT_ACCOUNT, ...spreadAccounts].flatMap((a) => ['--account', `${a.accountSid}:${a.authToken}`]);
  const servers: BenchProcess[] = [];
  try {
    for (const label of ['sandbox on PostgreSQL', 'second process']) {
      servers.push(await startBenchProcess(label, 'bench/sandbox-server.ts', ['--db', url.href, ...accounts]));
    }
    await seedMeetings(servers[0]!.url, auth, SEEDED);
    await admin(PGBENCH_ACCOUNTS_SQL, url.href);
    const scripts = pgbenchScripts(DEFAULT_ACCOUNT.accountSid, SEEDED);
    const spread: WrkLoad = { writeShare: 1, auths: spreadAccounts.map((a) => basicAuth(a.accountSid, a.authToken)), seeded: SEEDED };
    console.log(`\nPostgreSQL (${pgbench ? `pgbench -c${PG_CLIENTS} -j2 -M prepared` : 'pgbench SKIPPED: not installed (apt-get install postgresql-client)'}; sandbox: wrk -c${CONNECTIONS} in all, split over the processes)`);
    const rows: Array<[string, keyof typeof scripts, WrkLoad]> = [
      ['point read', 'pointRead', loads.reads],
      ['create, one account', 'hotRow', loads.inserts],
      ['create, 50 accounts', 'spread', spread],
    ];
    for (const [label, script, load] of rows) {
      const base = pgbench ? await runPgbench(url.href, scripts[script], SECONDS, PG_CLIENTS) : undefined;
      const one = await measure([servers[0]!], load, timing);
      const two = await measure(servers, load, timing);
      if (base) pgRow(`${label}: pgbench`, base);
      const vsBase = base ? `${ratio(one.rps, base.tps)} of pgbench` : '';
      const vsSqlite = script === 'pointRead' && sqliteReads ? `; ${ratio(one.rps, sqliteReads.rps)} of the SQLite sandbox` : '';
      row(`${label}: sandbox, 1 process`, one, `${vsBase}${vsSqlite}`);
      row(`${label}: sandbox, 2 processes`, two, `${ratio(two.rps, one.rps)} of 1 process`);
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  if (!hasWrk()) {
    console.log('bench SKIPPED: wrk is not installed (Debian: apt-get install wrk); nothing was measured.');
    return;
  }
  console.log(`${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`);
  const reads = ONLY === 'postgres' ? undefined : await sqliteRows();
  if (ONLY !== 'sqlite') await postgresRows(reads);
  console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
}

await main();
