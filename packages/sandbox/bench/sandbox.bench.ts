/**
 * `pnpm --filter @org/liveminutes-sandbox bench`: the sandbox under a mixed
 * workload (about 70% status and URL reads, 30% create, add and cancel) against
 * a raw node:http server answering a fixed JSON, both measured in this run with
 * autocannon (50 connections, 10 s each). Prints req/s, p50, p99 and the ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

type Result = Awaited<ReturnType<typeof autocannon>>;
import { DEFAULT_ACCOUNT } from '../src/index.js';

const SEED_MEETINGS = 200;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const headers = {
  authorization: `Basic ${Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString('base64')}`,
  'content-type': 'application/x-www-form-urlencoded',
};

function startServer(kind: 'raw' | 'sandbox'): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers.ts', kind], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/**
 * CPU time (user + system, ms) a child has used, from /proc on Linux; undefined elsewhere.
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

let created = 0;
let cancelled = 0;
let added = 0;
const seed = () => `seed-${Math.floor(Math.random() * SEED_MEETINGS)}`;
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** One request of the mix: 70% reads, 30% writes. */
function nextRequest(): { path: string; body: string } {
  const roll = Math.random() * (process.env.BENCH_MIX === 'reads' ? 70 : 100);
  if (roll < 20) return { path: '/getMeetingStatus', body: form({ meetingKey: seed() }) };
  if (roll < 40) return { path: '/getParticipantStatus', body: form({ meetingKey: seed(), puid: 'p0' }) };
  if (roll < 55) return { path: '/getMeetingUrl', body: form({ meetingKey: seed() }) };
  if (roll < 70) return { path: '/getParticipantUrl', body: form({ meetingKey: seed(), puid: 'p0' }) };
  if (roll < 82) return { path: '/createMeeting', body: form({ meetingKey: `bench-${created++}`, hostid: `host-${created % 50}`, title: 'Bench' }) };
  if (roll < 94) return { path: '/addParticipant', body: form({ meetingKey: seed(), puid: `user-${added++}`, nickname: 'Bench' }) };
  // Cancel a meeting created a while ago (lagging behind creation).
  if (cancelled < created - 100) return { path: '/cancelMeeting', body: form({ meetingKey: `bench-${cancelled++}` }) };
  return { path: '/cancelParticipant', body: form({ meetingKey: seed(), puid: `user-${Math.max(0, added - 50)}` }) };
}

async function measure(url: string, mixed: boolean): Promise<Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        headers,
        setupRequest: (req) => {
          const next = mixed ? nextRequest() : { path: '/getMeetingStatus', body: form({ meetingKey: 'seed-1' }) };
          return { ...req, path: next.path, body: next.body };
        },
      },
    ],
  });
}

interface Measured {
  readonly result: Result;
  /** Server CPU microseconds per request, when /proc is there. */
  readonly cpuPerRequest: number | undefined;
}

function row(name: string, { result, cpuPerRequest }: Measured): string {
  const cpu = cpuPerRequest === undefined ? '' : `   server CPU ${cpuPerRequest.toFixed(0)} us/req`;
  return `${name.padEnd(10)} ${result.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms${cpu}   errors ${result.errors}  non-2xx ${result.non2xx}`;
}

async function main(): Promise<void> {
  const results: Record<string, Measured> = {};
  for (const kind of ['raw', 'sandbox'] as const) {
    const server = await startServer(kind);
    try {
      // A short warm-up so that JIT and SQLite caches do not count against the first seconds.
      await autocannon({ url: server.url, connections: 10, duration: 1, requests: [{ method: 'POST', headers, body: form({ meetingKey: 'seed-1' }), path: '/getMeetingStatus' }] });
      const before = cpuMs(server.child.pid);
      const result = await measure(server.url, kind === 'sandbox');
      const after = cpuMs(server.child.pid);
      const cpuPerRequest =
        before === undefined || after === undefined ? undefined : ((after - before) * 1000) / result.requests.total;
      results[kind] = { result, cpuPerRequest };
    } finally {
      server.child.kill('SIGTERM');
    }
  }
  const raw = results.raw!;
  const sandbox = results.sandbox!;
  const ratio = sandbox.result.requests.average / raw.result.requests.average;
  console.log(`mixed workload, ${CONNECTIONS} connections, ${DURATION} s each (70% reads, 30% create/add/cancel)`);
  console.log(row('raw http', raw));
  console.log(row('sandbox', sandbox));
  console.log(`ratio      ${ratio.toFixed(2)}x the raw server's req/s (target 0.5x), sandbox p99 ${sandbox.result.latency.p99} ms (target < 20 ms)`);
  if (raw.cpuPerRequest !== undefined && sandbox.cpuPerRequest !== undefined) {
    console.log(`cpu ratio  ${(raw.cpuPerRequest / sandbox.cpuPerRequest).toFixed(2)}x (raw CPU per request / sandbox CPU per request)`);
  }
}

void main();
