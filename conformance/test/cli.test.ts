/**
 * The built command (bin shim -> dist/cli.js) as CI runs it: JUnit file,
 * exit codes, Ctrl-C with cleanup. Needs `pnpm build` first (turbo's test
 * task depends on build).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../src/index.js';
import type { Account } from '../src/types.js';
import { startFaultProxy } from './support/fault-proxy.js';
import { createMutants } from './support/mutants.js';
import { createRecorder } from './support/recorder.js';

const bin = fileURLToPath(new URL('../bin/liveminutes-conformance.js', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { env?: Record<string, string>; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const primary: Account = { accountSid: `ACcli${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const second: Account = { accountSid: `ACcli2${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
let sandbox: Sandbox;
const dir = mkdtempSync(join(tmpdir(), 'lmc-cli-'));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [primary, second], logger: false });
});
afterAll(() => sandbox?.close());

describe('liveminutes-conformance', () => {
  it('runs the embedded suite and writes a JUnit report', async () => {
    const out = join(dir, 'conformance.xml');
    const result = await cli(['--reporter', 'junit', '--reporter', 'pretty', '--out', out, '--strict', '--quiet']);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain('PASSED');
    expect(result.stdout).toMatch(/budget {3}at most 2000 requests/);
    const xml = readFileSync(out, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain(`<testsuites name="liveminutes-conformance" tests="${allChecks().length}" failures="0" errors="0" skipped="0"`);
    expect(xml.match(/<testcase /g)).toHaveLength(allChecks().length);
    expect(xml).toContain('name="auth.wrong-token: MUST answer a wrong AuthToken');
  });

  it('writes the JSON report to stdout without --out, and the progress to stderr', async () => {
    const result = await cli(['--reporter', 'json', '--only', 'success.*']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; summary: { total: number } };
    expect(report.ok).toBe(true);
    expect(report.summary.total).toBe(8);
    expect(result.stderr).toContain('LiveMinutes conformance');
  });

  it('lists every check with its level and rule', async () => {
    const result = await cli(['--list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(allChecks().length);
    expect(lines.find((line) => line.startsWith('url.formats'))).toMatch(/^url\.formats\s+SHOULD\s+url\.formats\s+SHOULD /);
  });

  it('exits 1 on a MUST failure, and writes the JSON report', async () => {
    const mutant = createMutants({ primary, second }).find((m) => m.name === 'missing-hostUrl');
    const proxy = await startFaultProxy(sandbox.url, mutant);
    try {
      const out = join(dir, 'report.json');
      const result = await cli(['--base-url', proxy.url, '--rate', '1000', '--reporter', 'json', '--out', out], {
        env: { LIVEMINUTES_ACCOUNT_SID: primary.accountSid, LIVEMINUTES_AUTH_TOKEN: primary.authToken },
      });
      expect(result.code).toBe(1);
      const report = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; checks: Array<{ id: string; status: string }> };
      expect(report.ok).toBe(false);
      expect(report.checks.find((c) => c.id === 'success.createMeeting')?.status).toBe('failed');
    } finally {
      await proxy.close();
    }
  });

  it('warns on a SHOULD failure, and fails on it only with --strict', async () => {
    const mutant = createMutants({ primary, second }).find((m) => m.name === 'url-format');
    const proxy = await startFaultProxy(sandbox.url, mutant);
    const args = ['--base-url', proxy.url, '--account-sid', primary.accountSid, '--auth-token', primary.authToken, '--rate', '1000', '--only', 'url.*,success.*'];
    try {
      const loose = await cli(args);
      expect(loose.code).toBe(0);
      expect(loose.stdout).toMatch(/warn url\.formats/);
      // A loose pass says how many SHOULD rules failed: never read as clean.
      expect(loose.stdout).toMatch(/^PASSED with [1-9]\d* SHOULD failures?$/m);
      expect((await cli([...args, '--strict'])).code).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    ['an unknown option', ['--frobnicate']],
    ['a pattern that matches no check', ['--only', 'nothing.here']],
    ['a base URL without credentials', ['--base-url', 'http://127.0.0.1:9']],
  ])('exits 2 on %s', async (_what, args) => {
    const result = await cli(args, { env: { LIVEMINUTES_ACCOUNT_SID: '', LIVEMINUTES_AUTH_TOKEN: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('liveminutes-conformance:');
  });

  it('exits 2 when the server cannot be reached, without printing the token', async () => {
    const closed = await startSandbox({ port: 0, logger: false });
    await closed.close();
    const token = randomBytes(16).toString('hex');
    const result = await cli(['--base-url', closed.url, '--account-sid', 'ACx', '--auth-token', token]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot reach');
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it.each([
    ['--account-sid/--auth-token', (token: string) => ['--account-sid', primary.accountSid, '--auth-token', token]],
    ['--second-account', (token: string) => ['--account-sid', primary.accountSid, '--auth-token', primary.authToken, '--second-account', `${second.accountSid}:${token}`]],
  ])('exits 2 at once when the server refuses the credentials of %s, naming the option', async (option, args) => {
    const token = randomBytes(16).toString('hex');
    const result = await cli(['--base-url', sandbox.url, '--rate', '1000', ...args(token)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`check ${option}`);
    expect(result.stdout).not.toMatch(/\[\s*1\//);
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('on Ctrl-C stops, cancels every meeting it created and exits 130', async () => {
    const { mutant, recording } = createRecorder();
    const proxy = await startFaultProxy(sandbox.url, mutant);
    try {
      let sent = false;
      const result = await cli(
        ['--base-url', proxy.url, '--account-sid', primary.accountSid, '--auth-token', primary.authToken, '--rate', '100'],
        {
          onStdout: (text, child) => {
            // Interrupt in the middle of the lifecycle checks, with meetings live.
            if (!sent && /lifecycle\.initial-participant-status/.test(text)) {
              sent = true;
              child.kill('SIGINT');
            }
          },
        },
      );
      expect(sent).toBe(true);
      expect(result.code).toBe(130);
      expect(result.stderr).toContain('Interrupted');
      expect(result.stdout).toContain('stopped early (interrupted)');
      expect(recording.created.length).toBeGreaterThan(0);
      expect([...recording.live]).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
