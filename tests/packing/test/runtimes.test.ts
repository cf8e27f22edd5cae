/**
 * The client's tarball on other runtimes: Bun and Deno (binaries from the npm
 * registry, pinned in the workspace catalog as optional dependencies of this
 * package) and, for comparison, Node, each run the same script in a fresh
 * project that installed only the tarball: the 8 operations against a real
 * sandbox, a typed failure, a timeout against a server that never answers,
 * and no token in any rendering of any error.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lifecycle, operationIds } from '@org/liveminutes-spec';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from './consumers.js';
import { pack, publicPackages, run } from './workspace.js';

const ACCOUNT = { accountSid: 'ACruntimes', authToken: 'runtimes-token-9d41c7' };
const require = createRequire(import.meta.url);
const binary = (pkg: string, path: string) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

/** Each runtime and how it runs a script (Deno: only the permissions the client needs, no lock file, a throwaway cache). */
const RUNTIMES: ReadonlyArray<readonly [name: string, command: () => string, args: (script: string) => string[]]> = [
  ['node', () => process.execPath, (script) => [script]],
  ['bun', () => binary('@oven/bun-linux-x64', 'bin/bun'), (script) => [script]],
  ['deno', () => binary('@deno/linux-x64-glibc', 'deno'), (script) => ['run', '--no-lock', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', script]],
];

let scratch = '';
let project = '';
let sandbox: Sandbox | undefined;
let silent: Server | undefined;
let silentUrl = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'liveminutes-runtimes-'));
  project = join(scratch, 'project');
  const client = (await publicPackages()).find((p) => p.name === '@org/liveminutes-client');
  if (!client) throw new Error('the client package was not found');
  const tarball = await pack(client, join(scratch, 'tarballs'));
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'liveminutes-runtimes', private: true, type: 'module', dependencies: { [client.name]: `file:${tarball.file}` } }, null, 2));
  await writeFile(join(project, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, timeout: 5 * 60_000 });
  await cp(join(import.meta.dirname, '..', 'fixtures', 'runtimes', 'check.mjs'), join(project, 'check.mjs'));
  sandbox = await startSandbox({ port: 0, db: ':memory:', accounts: [ACCOUNT], logger: false });
  // Reads requests and never answers: the client's timeout is the only way out.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
}, 600_000);

afterAll(async () => {
  silent?.closeAllConnections();
  await new Promise((resolve) => silent?.close(resolve));
  await sandbox?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe.each(RUNTIMES)('the client tarball on %s', (name, command, args) => {
  it('runs the 8 operations, fails typed, times out, and never renders a token', async () => {
    const env = { LM_BASE_URL: sandbox?.url ?? '', LM_SILENT_URL: silentUrl, LM_SID: ACCOUNT.accountSid, LM_TOKEN: ACCOUNT.authToken, LM_PREFIX: `rt-${name}`, DENO_DIR: join(scratch, 'deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
    const result = (await runCheck(project, command(), args('check.mjs'), env)) as Record<string, unknown> & { results: Record<string, string>; leaks: string[] };
    console.log(`${name}: ${String(result.runtime)}`);
    expect(String(result.runtime).startsWith(`${name} `)).toBe(true);
    expect(Object.keys(result.results).sort()).toEqual([...operationIds()].sort());
    expect(result.results.createMeeting).toBe(`rt-${name}-m`);
    expect(result.results.cancelMeeting).toBe(`rt-${name}-m`);
    expect(result.results.cancelParticipant).toBe(`rt-${name}-m`);
    expect(result.results.getParticipantUrl).toBe(result.results.addParticipant);
    expect(result.results.getMeetingUrl).toBe(result.createdMeetingUrl);
    expect(result.results.addParticipant).not.toBe(result.hostUrl);
    for (const kind of ['meeting', 'participant'] as const) {
      const { statusOperation, statuses } = lifecycle(kind);
      expect(statuses.map((s) => s.value), statusOperation).toContain(result.results[statusOperation]);
    }
    expect(result.notFound).toEqual({ name: 'NotFoundError', code: 'meeting_not_found', operation: 'getMeetingStatus', isLiveMinutesError: true, isNotFoundError: true });
    expect(result.authFailure).toEqual({ name: 'AuthenticationError', code: 'auth_failed', operation: 'getMeetingUrl', isLiveMinutesError: true, isAuthenticationError: true });
    expect(result.timeout).toMatchObject({ name: 'ConnectionError', operation: 'getMeetingStatus', isLiveMinutesError: true, isConnectionError: true, message: 'getMeetingStatus: no answer within 400 ms' });
    expect(result.leaks).toEqual([]);
  });
});
