/**
 * Bench: what the observing proxy costs. A sandbox and `liveminutes-conformance
 * observe` in front of it run as processes of their own, like a developer runs
 * them. (1) Latency at a fixed 1,000 requests/s (open loop, bench/fixed-rate.mjs
 * in a third process): p50 and p99 to the sandbox alone and through the proxy,
 * and the difference. (2) Throughput with wrk (16 connections): requests/s to the
 * sandbox alone and through the proxy, and their ratio. Every request is a
 * valid getMeetingStatus, so the proxy reports nothing. Runs alternate
 * (direct, proxy, direct, proxy) and the machine's load average is printed
 * beside the figures: compare the ratios measured in one run, not figures
 * taken on different days.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const RATE = 1000;
const SECONDS = 4;
const WRK_SECONDS = 4;
const account = { sid: 'ACbench', token: 'bench-token-observe' };
const authorization = `Basic ${Buffer.from(`${account.sid}:${account.token}`).toString('base64')}`;
const sandboxCli = fileURLToPath(new URL('../../packages/sandbox/dist/cli.js', import.meta.url));
const conformanceCli = fileURLToPath(new URL('../bin/liveminutes-conformance.js', import.meta.url));
const fixedRate = fileURLToPath(new URL('./fixed-rate.mjs', import.meta.url));

/** Starts a process and resolves the first URL its stdout names after `marker`. */
function startProcess(args: string[], marker: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const url = marker.exec(text)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${text}`)));
  });
}

interface Latency {
  ok: number;
  errors: number;
  rate: number;
  p50: number;
  p99: number;
}

async function latency(url: string, body: string): Promise<Latency> {
  const { stdout } = await run(process.execPath, [fixedRate, `${url}/getMeetingStatus`, String(RATE), String(SECONDS), authorization, body], { timeout: 120_000 });
  return JSON.parse(stdout) as Latency;
}

async function throughput(url: string, script: string): Promise<number> {
  const { stdout } = await run('wrk', ['-t1', '-c16', `-d${WRK_SECONDS}s`, '-s', script, `${url}/getMeetingStatus`], { timeout: 120_000 });
  const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1];
  if (!perSecond || non2xx) throw new Error(`wrk: ${stdout}`);
  return Number(perSecond);
}

const sandbox = await startProcess([sandboxCli, '--port', '0', '--quiet', '--account', `${account.sid}:${account.token}`], /listening on (http:\/\/\S+)/);
const proxy = await startProcess([conformanceCli, 'observe', '--target', sandbox.url, '--port', '0'], /^observing (http:\/\/\S+) ->/m);
try {
  const created = await fetch(`${sandbox.url}/createMeeting`, { method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body: 'meetingKey=bench-observe&hostid=bench' });
  if (((await created.json()) as { resultcode: number }).resultcode !== 1) throw new Error('createMeeting failed');
  const body = 'meetingKey=bench-observe';
  const dir = mkdtempSync(join(tmpdir(), 'lmc-bench-'));
  const script = join(dir, 'post.lua');
  writeFileSync(script, `wrk.method = "POST"\nwrk.body = "${body}"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.headers["Authorization"] = "${authorization}"\n`);

  console.log(`observe bench: ${cpus().length} cores, load average before ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  const direct = [await latency(sandbox.url, body)];
  const proxied = [await latency(proxy.url, body)];
  direct.push(await latency(sandbox.url, body));
  proxied.push(await latency(proxy.url, body));
  const best = (runs: Latency[], key: 'p50' | 'p99'): number => Math.min(...runs.map((each) => each[key]));
  for (const [name, runs] of [['sandbox alone', direct], ['through the proxy', proxied]] as const) {
    for (const each of runs) console.log(`  ${name.padEnd(18)} ${each.rate.toFixed(0)} req/s offered, ${each.ok} ok, ${each.errors} errors: p50 ${each.p50.toFixed(2)} ms, p99 ${each.p99.toFixed(2)} ms`);
  }
  console.log(`  added by the proxy at ${RATE} req/s (best of 2 each): p50 +${(best(proxied, 'p50') - best(direct, 'p50')).toFixed(2)} ms, p99 +${(best(proxied, 'p99') - best(direct, 'p99')).toFixed(2)} ms`);

  const alone = [await throughput(sandbox.url, script)];
  const through = [await throughput(proxy.url, script)];
  alone.push(await throughput(sandbox.url, script));
  through.push(await throughput(proxy.url, script));
  const top = (values: number[]): number => Math.max(...values);
  console.log(`  throughput (wrk, 16 connections, ${WRK_SECONDS} s, best of 2): sandbox alone ${top(alone).toFixed(0)} req/s, through the proxy ${top(through).toFixed(0)} req/s (${((100 * top(through)) / top(alone)).toFixed(0)}%)`);
  console.log(`  load average after ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
} finally {
  proxy.child.kill('SIGTERM');
  sandbox.child.kill('SIGTERM');
}
