/**
 * wrk as the bench's load: a process of its own (one thread, C keep-alive
 * connections, a closed loop), with a generated Lua script that sends the
 * API's form posts with basic auth and counts every answer that is not
 * HTTP 200 with `"resultcode":1` as bad. Prints nothing; returns its figures.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one wrk run measured. */
export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  /** Latency percentiles, in ms. */
  readonly p50: number;
  readonly p99: number;
  /** Answers that were not HTTP 200 with resultcode 1, and socket errors. */
  readonly bad: number;
  readonly errors: number;
}

/** A load: which calls, in which shares. */
export interface WrkLoad {
  /** Share of createMeeting calls (new keys); the rest read getMeetingStatus of the seeded meetings. */
  readonly writeShare: number;
  /** `Authorization` header values, used in turn (several accounts spread the writes). */
  readonly auths: readonly string[];
  /** How many meetings `seed-0` ... were created before (in the first account). */
  readonly seeded: number;
}

/** True when the `wrk` command is on PATH. */
export function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its version and exits 1.
    return (error as { status?: number }).status === 1;
  }
}

const luaString = (value: string): string => JSON.stringify(value);

function script(load: WrkLoad): string {
  return `
local auths = { ${load.auths.map(luaString).join(', ')} }
local threads = {}
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; n = 0; prefix = args[1] end
request = function()
  n = n + 1
  headers["Authorization"] = auths[(n % #auths) + 1]
  if math.random() < ${load.writeShare} then
    return wrk.format("POST", "/createMeeting", headers, "meetingKey=w" .. prefix .. "-" .. n .. "&hostid=h" .. (n % 50))
  end
  headers["Authorization"] = auths[1]
  return wrk.format("POST", "/getMeetingStatus", headers, "meetingKey=seed-" .. math.random(0, ${load.seeded - 1}))
end
function response(status, hdrs, body)
  if status ~= 200 or not string.find(body, '"resultcode":1', 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), b,
    e.connect + e.read + e.write + e.timeout))
end
`;
}

let dir: string | undefined;

/**
 * Runs wrk against `url` for `seconds` with `connections` connections.
 * @example
 * const { rps, p99 } = await runWrk(url, { writeShare: 0, auths: [auth], seeded: 200 }, 3, 50);
 */
export function runWrk(url: string, load: WrkLoad, seconds: number, connections: number): Promise<WrkResult> {
  dir ??= mkdtempSync(join(tmpdir(), 'lm-wrk-'));
  const file = join(dir, `load-${randomBytes(4).toString('hex')}.lua`);
  writeFileSync(file, script(load));
  // The prefix makes every run's new meeting keys its own.
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', file, url, '--', randomBytes(6).toString('hex')];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, (error, stdout) => {
      const match = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(stdout);
      if (error || !match) return reject(new Error(`wrk failed: ${error?.message ?? stdout}`));
      const [requests, micros, p50, p99, bad, errors] = match.slice(1).map(Number) as [number, number, number, number, number, number];
      resolve({ requests, seconds: micros / 1e6, rps: requests / (micros / 1e6), p50: p50 / 1000, p99: p99 / 1000, bad, errors });
    });
  });
}
