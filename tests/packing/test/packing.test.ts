/**
 * The published shape of every public package: `pnpm pack` each one, check
 * what the tarballs hold, install them with npm into fresh projects outside
 * the workspace, and use them there: the client (ESM, CommonJS, TypeScript
 * node16, and the docs' own TypeScript sample) against a sandbox started from
 * its tarball's bin, and the conformance CLI from its tarball.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOperation, lifecycle, loadSpec, resolveRefs, urlFormats } from '@org/liveminutes-spec';
import { codeSamples } from '../../../spec/docs/code-samples.js';
import { installConsumers, installLean, runCheck, startSandboxBin, type LeanInstall, type LocalPrebuild, type RunningSandbox } from './consumers.js';
import {
  entryPoints,
  formatBytes,
  NOT_FOR_USERS,
  pack,
  publicPackages,
  run,
  unresolvedImports,
  workspaceRoot,
  type PublicPackage,
  type Tarball,
} from './workspace.js';

const ACCOUNT = { accountSid: 'ACpacking', authToken: 'packing-token-3f9a1c' };
const SECOND = { accountSid: 'ACpacking2', authToken: 'packing-token-77b2e0' };

let scratch = '';
let consumers = '';
let lean = '';
let packages: PublicPackage[] = [];
const tarballs: Tarball[] = [];
let sandbox: RunningSandbox | undefined;
let installOutput = '';
let prebuild: LocalPrebuild;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'liveminutes-packing-'));
  consumers = join(scratch, 'consumers');
  lean = join(scratch, 'lean');
  packages = await publicPackages();
  for (const pkg of packages) tarballs.push(await pack(pkg, join(scratch, 'tarballs')));
  console.log(
    ['packed sizes:', ...tarballs.map((t) => `  ${t.pkg.name}@${t.pkg.version}: ${formatBytes(t.packedBytes)} packed, ${formatBytes(t.unpackedBytes)} unpacked, ${t.files.length} files`)].join('\n'),
  );
});

afterAll(async () => {
  await sandbox?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('tarballs', () => {
  it('packs every public package of the workspace', () => {
    expect(packages.map((p) => p.name)).toEqual([
      '@org/liveminutes-client',
      '@org/liveminutes-conformance',
      '@org/liveminutes-sandbox',
      '@org/liveminutes-spec',
    ]);
  });

  it('hold every entry point their manifest names, a README and a license field', () => {
    for (const tarball of tarballs) {
      const paths = new Set(tarball.files.map((f) => f.path));
      const missing = entryPoints(tarball.pkg.manifest).filter((entry) => !paths.has(entry));
      expect(missing, tarball.pkg.name).toEqual([]);
      expect(paths.has('package.json')).toBe(true);
      expect(paths.has('README.md'), `${tarball.pkg.name} README.md`).toBe(true);
    }
  });

  it('hold nothing users do not need (sources, tests, configs, build leftovers)', () => {
    for (const tarball of tarballs) {
      const extra = tarball.files.map((f) => f.path).filter((path) => NOT_FOR_USERS.some((pattern) => pattern.test(path)));
      expect(extra, tarball.pkg.name).toEqual([]);
    }
  });

  it('resolve every relative import of their JavaScript inside the tarball', async () => {
    for (const tarball of tarballs) {
      const unpacked = join(scratch, 'unpacked', tarball.pkg.name.replace('/', '__'));
      await mkdir(unpacked, { recursive: true });
      await run('tar', ['-xzf', tarball.file, '-C', unpacked, '--strip-components=1']);
      expect(await unresolvedImports(unpacked, tarball.files), tarball.pkg.name).toEqual([]);
    }
  });

  it('name published versions of each other, never the workspace protocol', async () => {
    for (const tarball of tarballs) {
      const { stdout } = await run('tar', ['-xzOf', tarball.file, 'package/package.json']);
      expect(stdout, tarball.pkg.name).not.toContain('workspace:');
    }
  });
});

describe('installed outside the workspace', () => {
  beforeAll(async () => {
    const started = Date.now();
    const install = await installConsumers(consumers, tarballs);
    installOutput = `${install.stdout}${install.stderr}`;
    prebuild = install.prebuild;
    console.log(`npm install of the tarballs: ${((Date.now() - started) / 1000).toFixed(0)} s; better-sqlite3 offered as ${prebuild.file}`);
    sandbox = await startSandboxBin(consumers, [
      '--db',
      join(scratch, 'sandbox.db'),
      '--account',
      `${ACCOUNT.accountSid}:${ACCOUNT.authToken}`,
      '--account',
      `${SECOND.accountSid}:${SECOND.authToken}`,
    ]);
  });

  it('install without engine warnings', () => {
    expect(installOutput, `npm on Node ${process.versions.node}`).not.toMatch(/EBADENGINE|Unsupported engine/);
  });

  it("take better-sqlite3's binary from the offered prebuild instead of compiling it", async () => {
    const installed = join(consumers, 'node_modules', 'better-sqlite3');
    const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
    expect(await sha256(join(installed, 'build', 'Release', 'better_sqlite3.node'))).toBe(await sha256(prebuild.addon));
    expect(existsSync(join(installed, 'build', 'Release', 'obj.target')), 'node-gyp left objects: it compiled').toBe(false);
  });

  it('are real copies from the tarballs, not links into the workspace', async () => {
    for (const { name, version } of packages) {
      const dir = join(consumers, 'node_modules', name);
      expect((await lstat(dir)).isSymbolicLink(), name).toBe(false);
      expect((await realpath(dir)).startsWith(workspaceRoot), name).toBe(false);
      const { stdout } = await run('node', ['-p', `require('${name}/package.json').version`], { cwd: consumers });
      expect(stdout.trim()).toBe(version);
    }
  });

  const env = () => ({ LM_BASE_URL: sandbox?.url ?? '', LM_SID: ACCOUNT.accountSid, LM_TOKEN: ACCOUNT.authToken });
  const formats = urlFormats();

  function expectWorkingCalls(result: Record<string, unknown>, prefix: string) {
    expect(result.meetingKey).toBe(`${prefix}-m`);
    expect(result.meetingUrl).toMatch(formats.meetingUrl);
    expect(result.hostUrl).toMatch(formats.entryUrl);
    expect(result.participantUrl).toMatch(formats.entryUrl);
    expect(result.participantUrl).not.toBe(result.hostUrl);
    expect(result.sameUrl).toBe(true);
    expect(result.meetingStatus).toBe(lifecycle('meeting').initial);
    expect(result.participantStatus).toBe(lifecycle('participant').initial);
    expect(result.authError).toBe('auth_failed');
    expect(result.goneError).toBe('meeting_not_found');
    expect(result.specVersion).toBe(loadSpec().info.version);
    expect(result.exports).toEqual(['function', 'function', 'function']);
  }

  it('an ESM project imports every package and the client drives the sandbox', async () => {
    const result = await runCheck(consumers, 'node', ['esm/check.mjs'], { ...env(), LM_PREFIX: 'esm' });
    expectWorkingCalls(result, 'esm');
  });

  it('a CommonJS project requires every package and the client drives the sandbox', async () => {
    const result = await runCheck(consumers, 'node', ['cjs/check.cjs'], { ...env(), LM_PREFIX: 'cjs' });
    expectWorkingCalls(result, 'cjs');
  });

  it('a TypeScript project (moduleResolution node16) compiles against the declarations, and the docs sample runs', async () => {
    // The reference's TypeScript sample for createMeeting, pointed at this sandbox.
    const example = resolveRefs(loadSpec(), getOperation('createMeeting').operation.requestBody.content['application/x-www-form-urlencoded']?.examples ?? {});
    const form = Object.fromEntries(
      Object.entries((Object.values(example)[0] as { value: Record<string, unknown> }).value).map(([k, v]) => [k, String(v)]),
    );
    const sample = codeSamples({ operationId: 'createMeeting', baseUrl: sandbox?.url ?? '', form, credentials: ACCOUNT }).find(
      (s) => s.label === 'TypeScript',
    );
    await writeFile(join(consumers, 'ts', 'sample.ts'), `${sample?.source}\nexport {};\n`);
    await run(join(consumers, 'node_modules', '.bin', 'tsc'), ['-p', 'ts'], { cwd: consumers }).catch((error: { stdout?: string }) => {
      throw new Error(`tsc failed:\n${error.stdout}`);
    });
    const result = await runCheck(consumers, 'node', ['ts/out/check.js'], { ...env(), LM_PREFIX: 'ts' });
    expectWorkingCalls(result, 'ts');
    const { stdout } = await run('node', ['ts/out/sample.js'], { cwd: consumers });
    expect(stdout).toContain(`meetingKey: '${form.meetingKey}'`);
    expect(stdout).toMatch(/hostUrl: 'http:\/\/127\.0\.0\.1:\d+\/e\/LIVE[0-9A-Z]{20}'/);
  });

  describe('the conformance tarball alone (a staging-only install)', () => {
    let install: LeanInstall;
    const cli = () => join(lean, 'node_modules', '.bin', 'liveminutes-conformance');
    const credentials = () => ['--account-sid', ACCOUNT.accountSid, '--auth-token', ACCOUNT.authToken];
    /** Runs the lean install's CLI; resolves to its exit code and output (a non-zero exit is an outcome, not an error). */
    const conformance = (args: string[]) =>
      run(cli(), args, { cwd: lean, maxBuffer: 32 << 20 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { stdout?: string; stderr?: string; code?: number }) => ({ code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
      );

    beforeAll(async () => {
      install = await installLean(lean, tarballs);
      console.log(
        `staging-only install of the conformance tarball: ${install.seconds.toFixed(1)} s, ${formatBytes(install.bytes)} in node_modules, ` +
          `${install.packages.length} packages (${install.packages.join(', ')}), native files: ${install.nativeFiles.length}`,
      );
    });

    it('installs without the optional peers, engine warnings or a native build, in under 10 MB', () => {
      expect(install.packages).toContain('@org/liveminutes-conformance');
      expect(install.packages).not.toContain('@org/liveminutes-sandbox');
      expect(install.packages).not.toContain('@pact-foundation/pact');
      expect(install.packages).not.toContain('better-sqlite3');
      expect(install.nativeFiles).toEqual([]);
      expect(install.output).not.toMatch(/EBADENGINE|Unsupported engine|gyp/);
      expect(install.bytes).toBeLessThan(10 * 1024 * 1024);
    });

    it('passes against the sandbox started from its own tarball', async () => {
      const args = ['--base-url', sandbox?.url ?? '', ...credentials(), '--second-account', `${SECOND.accountSid}:${SECOND.authToken}`, '--entry-pages', '--rate', '500', '--reporter', 'json'];
      const result = await conformance(args);
      expect(result.code, `${result.stderr}\n${result.stdout.slice(0, 4000)}`).toBe(0);
      const report = JSON.parse(result.stdout) as { ok: boolean; specVersion: string; checks: Array<{ status?: string }>; summary: Record<string, number> };
      expect(report.ok).toBe(true);
      expect(report.specVersion).toBe(loadSpec().info.version);
      expect(report.checks.length).toBeGreaterThan(10);
      console.log(`conformance from the lean install: ${JSON.stringify(report.summary)}`);
    });

    it.each([
      ['a run without --base-url', [], '@org/liveminutes-sandbox'],
      ['the pact subcommand', ['pact', '--base-url', 'http://127.0.0.1:9', '--account-sid', 'ACpacking', '--auth-token', 'packing-token-3f9a1c', '--pact-dir', '.'], '@pact-foundation/pact'],
    ])('%s stops at once with a usage error naming the package to add', async (_name, args, peer) => {
      const result = await conformance(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`npm install --save-dev ${peer}`);
      expect(result.stderr + result.stdout).not.toContain(ACCOUNT.authToken);
      expect(result.stdout).toBe('');
    });
  });
});
