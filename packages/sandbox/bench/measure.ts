/**
 * One measured row: wrk's load on one or more bench servers at once, and each
 * server's own CPU time over the requests it answered in that window.
 */
import type { BenchProcess } from './bench-process.js';
import { runWrk, type WrkLoad, type WrkResult } from './wrk.js';

/** A row's figures. */
export interface Measured {
  readonly rps: number;
  /** The worst p99 of the wrk runs (ms). */
  readonly p99: number;
  /** Server CPU time per answered request (µs), summed over the servers. */
  readonly cpuPerRequest: number;
  readonly answered: number;
  readonly bad: number;
}

/** Basic auth for a `SID:TOKEN` pair. */
export const basicAuth = (accountSid: string, authToken: string): string =>
  `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

/**
 * Creates `count` meetings `seed-0` ... through the server's API (the reads' targets).
 * @example
 * await seedMeetings(server.url, auth, 200);
 */
export async function seedMeetings(url: string, auth: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/createMeeting`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: `meetingKey=seed-${i}&hostid=host-${i % 20}`,
    });
    const answer = (await res.json()) as { resultcode: number };
    if (answer.resultcode !== 1) throw new Error(`seeding ${url} failed: ${JSON.stringify(answer)}`);
  }
}

/**
 * Warms the servers up for `warmup` s, then loads them together for `seconds` s, `connections` split between them.
 * @example
 * const row = await measure([sandbox], load, { seconds: 3, warmup: 1, connections: 50 });
 */
export async function measure(
  servers: readonly BenchProcess[],
  load: WrkLoad,
  { seconds, warmup, connections }: { seconds: number; warmup: number; connections: number },
): Promise<Measured> {
  const each = Math.max(1, Math.round(connections / servers.length));
  if (warmup > 0) await Promise.all(servers.map((server) => runWrk(server.url, load, warmup, each)));
  const before = await Promise.all(servers.map((server) => server.report()));
  const runs: WrkResult[] = await Promise.all(servers.map((server) => runWrk(server.url, load, seconds, each)));
  const after = await Promise.all(servers.map((server) => server.report()));
  const answered = after.reduce((sum, r, i) => sum + r.answered - before[i]!.answered, 0);
  const cpu = after.reduce((sum, r, i) => sum + r.cpuMicros - before[i]!.cpuMicros, 0);
  return {
    rps: runs.reduce((sum, run) => sum + run.rps, 0),
    p99: Math.max(...runs.map((run) => run.p99)),
    cpuPerRequest: answered > 0 ? cpu / answered : Number.NaN,
    answered,
    bad: runs.reduce((sum, run) => sum + run.bad + run.errors, 0),
  };
}
