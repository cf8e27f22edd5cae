/**
 * Fresh projects outside the workspace that install the tarballs with npm:
 * one install directory (node_modules) shared by three projects, ESM,
 * CommonJS and TypeScript (node16), so better-sqlite3 compiles once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
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
export async function installConsumers(root: string, tarballs: readonly Tarball[]): Promise<void> {
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
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
    maxBuffer: 32 << 20,
    timeout: 15 * 60_000,
  });
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
