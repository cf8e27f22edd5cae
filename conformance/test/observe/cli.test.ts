/**
 * `liveminutes-conformance observe` as a developer runs it: the built command
 * prints the proxy's address and one line per finding as it happens, stops
 * after --max-exchanges or on SIGTERM, writes the JSON report and the HAR file
 * with credentials and entry tokens masked, and exits 1 only when a MUST rule
 * was broken.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/http/api.js';

const bin = fileURLToPath(new URL('../../bin/liveminutes-conformance.js', import.meta.url));
const account = { accountSid: `ACobc${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const dir = mkdtempSync(join(tmpdir(), 'lmc-observe-'));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [account], logger: false });
});
afterAll(() => sandbox?.close());

/** Starts `observe`; resolves its proxy URL once printed, and its outcome when it exits. */
function startObserve(args: string[]): { url: Promise<string>; child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [bin, 'observe', '--target', sandbox.url, '--port', '0', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let found: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (found = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const match = /^observing (http:\/\/\S+) ->/m.exec(stdout);
    if (match?.[1]) found(match[1]);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { url, child, done };
}

function post(url: string, operation: string, body: string, method = 'POST'): Promise<Response> {
  return fetch(`${url}/${operation}${method === 'GET' ? `?${body}` : ''}`, {
    method,
    headers: { authorization: basicAuthorization(account), ...(method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
    ...(method === 'GET' ? {} : { body }),
  });
}

describe('liveminutes-conformance observe', () => {
  it('stops after --max-exchanges, writes the JSON report and a masked HAR, exits 1 on a MUST finding', async () => {
    const out = join(dir, 'observe.json');
    const har = join(dir, 'observe.har');
    const run = startObserve(['--max-exchanges', '3', '--reporter', 'json', '--out', out, '--har', har]);
    const url = await run.url;
    const created = (await (await post(url, 'createMeeting', 'meetingKey=&hostid=cli-host')).json()) as { meetingKey: string; hostUrl: string };
    const entryToken = created.hostUrl.slice(created.hostUrl.lastIndexOf('/') + 1);
    expect((await post(url, 'getMeetingStatus', `meetingKey=${created.meetingKey}`, 'GET')).status).toBe(405);
    expect((await post(url, 'cancelMeeting', `meetingKey=${created.meetingKey}`)).status).toBe(200);
    const outcome = await run.done;
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(outcome.stdout).toMatch(/^client MUST {3}transport\.post-path \(request\.method\) #2 GET \/getMeetingStatus/m);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { findings: Array<{ rule: string; side: string; level: string; check: string; exchange: { index: number } }>; counts: Record<string, unknown>; exchanges: number; stoppedBy: string; ok: boolean };
    expect(report.findings.map(({ rule, side, level, check, exchange }) => ({ rule, side, level, check, index: exchange.index }))).toEqual([
      { rule: 'transport.post-path', side: 'client', level: 'MUST', check: 'request.method', index: 2 },
    ]);
    expect(report.counts).toEqual({ 'transport.post-path': { level: 'MUST', client: 1, server: 0 } });
    expect(report).toMatchObject({ exchanges: 3, stoppedBy: 'max-exchanges', ok: false });
    const harText = readFileSync(har, 'utf8');
    const parsed = JSON.parse(harText) as { log: { version: string; entries: Array<{ request: { method: string; headers: Array<{ name: string; value: string }> }; response: { status: number } }> } };
    expect(parsed.log.version).toBe('1.2');
    expect(parsed.log.entries.map((entry) => `${entry.request.method} ${entry.response.status}`)).toEqual(['POST 200', 'GET 405', 'POST 200']);
    expect(parsed.log.entries[0]?.request.headers.find((header) => header.name === 'authorization')?.value).toBe('Basic [redacted]');
    for (const text of [harText, readFileSync(out, 'utf8'), outcome.stdout, outcome.stderr]) {
      expect(text).not.toContain(account.authToken);
      expect(text).not.toContain(basicAuthorization(account).slice(6));
      expect(text).not.toContain(entryToken);
    }
  });

  it('stops on SIGTERM, writes the report, and exits 0 when nothing broke a MUST rule', async () => {
    const out = join(dir, 'sigterm.json');
    const run = startObserve(['--reporter', 'json', '--out', out]);
    const url = await run.url;
    expect((await post(url, 'getMeetingStatus', 'meetingKey=nope')).status).toBe(200);
    run.child.kill('SIGTERM');
    const outcome = await run.done;
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ exchanges: 1, findings: [], stoppedBy: 'signal', ok: true });
  });

  it('refuses a missing --target and a bad --port before listening', async () => {
    for (const args of [['observe'], ['observe', '--target', 'ftp://x'], ['observe', '--target', 'http://127.0.0.1:1', '--port', '70000']]) {
      const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/--target|--port/);
    }
  });
});
