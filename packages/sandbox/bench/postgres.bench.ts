/**
 * The database back ends side by side: one sandbox process on SQLite, one on
 * PostgreSQL, and two on one PostgreSQL database (the shared set-up), each
 * measured with autocannon on a read workload (getMeetingStatus) and a create
 * workload (createMeeting with new keys). Prints req/s and p99 per row.
 * Needs the PostgreSQL server of the tests (LIVEMINUTES_TEST_POSTGRES_URL, see
 * the README); the bench database is created and dropped here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEFAULT_ACCOUNT } from '../src/index.js';

type Result = Awaited<ReturnType<typeof autocannon>>;

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const SEED_MEETINGS = 200;
const ADMIN_URL = process.env.LIVEMINUTES_TEST_POSTGRES_URL ?? 'postgres://liveminutes:lm-test-secret@127.0.0.1:5432/postgres';
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const headers = {
  authorization: `Basic ${Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString('base64')}`,
  'content-type': 'application/x-www-form-urlencoded',
};
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** One sandbox CLI process (quotas out of the way), resolved once it listens. */
function startProcess(db: string): Promise<{ child: ChildProcess; url: string }> {
  const args = ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--quiet', '--db', db, '--limits', 'users=1000000000,sessions=1000000000'];
  const child = spawn(process.execPath, args, { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

async function seed(url: string): Promise<void> {
  for (let i = 0; i < SEED_MEETINGS; i++) {
    const res = await fetch(`${url}/createMeeting`, { method: 'POST', headers, body: form({ meetingKey: `seed-${i}`, hostid: `host-${i % 20}` }) });
    if (((await res.json()) as { resultcode: number }).resultcode !== 1) throw new Error('seeding failed');
  }
}

let created = 0;
const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

function load(url: string, workload: 'reads' | 'creates', connections: number, duration = DURATION): Promise<Result> {
  return autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers,
        setupRequest: (req) =>
          workload === 'reads'
            ? { ...req, path: '/getMeetingStatus', body: form({ meetingKey: `seed-${Math.floor(Math.random() * SEED_MEETINGS)}` }) }
            : { ...req, path: '/createMeeting', body: form({ meetingKey: `b-${run}-${created++}`, hostid: `host-${created % 50}` }) },
      },
    ],
  });
}

/** Runs the workload against every URL at once, connections split between them; sums req/s, keeps the worst p99. */
async function measure(urls: string[], workload: 'reads' | 'creates'): Promise<{ rps: number; p99: number; errors: number }> {
  const results = await Promise.all(urls.map((url) => load(url, workload, Math.max(1, Math.round(CONNECTIONS / urls.length)))));
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-bench-db-'));
  const database = `lm_bench_${run}`;
  await admin(`CREATE DATABASE ${database}`);
  const pgUrl = new URL(ADMIN_URL);
  pgUrl.pathname = `/${database}`;
  const setups = [
    { name: '1 x SQLite', dbs: [join(dir, 'bench.db')] },
    { name: '1 x PostgreSQL', dbs: [pgUrl.href] },
    { name: '2 x PostgreSQL', dbs: [pgUrl.href, pgUrl.href] },
  ];
  const rows: string[] = [];
  try {
    for (const setup of setups) {
      const processes = await Promise.all(setup.dbs.map((db) => startProcess(db)));
      try {
        const urls = processes.map((p) => p.url);
        if (setup.name !== '2 x PostgreSQL') await seed(urls[0]!);
        // A short warm-up so that JIT and caches do not count against the first seconds.
        await Promise.all(urls.map((url) => load(url, 'reads', 10, 1)));
        const reads = await measure(urls, 'reads');
        const creates = await measure(urls, 'creates');
        rows.push(
          `${setup.name.padEnd(16)} reads ${reads.rps.toFixed(0).padStart(6)}/s  p99 ${String(reads.p99).padStart(4)} ms   ` +
            `creates ${creates.rps.toFixed(0).padStart(6)}/s  p99 ${String(creates.p99).padStart(4)} ms   errors ${reads.errors + creates.errors}`,
        );
      } finally {
        for (const p of processes) p.child.kill('SIGTERM');
      }
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`database back ends, ${CONNECTIONS} connections in all, ${DURATION} s per workload (getMeetingStatus; createMeeting with new keys)`);
  for (const row of rows) console.log(row);
}

void main();
