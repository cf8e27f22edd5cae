/**
 * Packing every public workspace package: where they are, `pnpm pack`, and
 * what each tarball holds (paths and sizes, read with tar).
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  readonly path: string;
  readonly manifest: PackageManifest;
}

export interface PackageManifest {
  name: string;
  version: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  files?: string[];
}

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface Tarball {
  readonly pkg: PublicPackage;
  readonly file: string;
  readonly packedBytes: number;
  readonly unpackedBytes: number;
  readonly files: readonly PackedFile[];
}

/** The workspace's packages that are not private, from `pnpm ls`. */
export async function publicPackages(): Promise<PublicPackage[]> {
  const { stdout } = await run('pnpm', ['-r', 'ls', '--json', '--depth', '-1'], { cwd: workspaceRoot });
  const listed = JSON.parse(stdout) as Array<{ name: string; version?: string; path: string; private?: boolean }>;
  const packages: PublicPackage[] = [];
  for (const entry of listed.filter((p) => p.private === false)) {
    const manifest = JSON.parse(await readFile(join(entry.path, 'package.json'), 'utf8')) as PackageManifest;
    packages.push({ name: entry.name, version: manifest.version, path: entry.path, manifest });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

/** `pnpm pack` (which turns `workspace:*` into versions) into `destination`. */
export async function pack(pkg: PublicPackage, destination: string): Promise<Tarball> {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: pkg.path, maxBuffer: 8 << 20 });
  const { filename } = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { filename: string };
  const listing = await run('tar', ['-tzvf', filename], { maxBuffer: 8 << 20 });
  const files = listing.stdout
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('d'))
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      return { size: Number(parts[2]), path: (parts.slice(5).join(' ') || '').replace(/^package\//, '') };
    });
  return {
    pkg,
    file: filename,
    packedBytes: (await stat(filename)).size,
    unpackedBytes: files.reduce((sum, f) => sum + f.size, 0),
    files,
  };
}

/** Every file a manifest points at: main, module, types, bin and every `exports` target. */
export function entryPoints(manifest: PackageManifest): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') found.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') for (const child of Object.values(value)) add(child);
  };
  add(manifest.main);
  add(manifest.module);
  add(manifest.types);
  add(manifest.bin);
  add(manifest.exports);
  return [...found].filter((path) => !path.includes('*'));
}

/** Paths that users never need: sources, tests, configs, build and test leftovers. */
export const NOT_FOR_USERS: readonly RegExp[] = [
  /^src\//,
  /^test\//,
  /^bench\//,
  /(^|\/)[^/]+\.test\.[cm]?[jt]s$/,
  /(^|\/)[^/]+\.test-d\.ts$/,
  /^tsconfig[^/]*\.json$/,
  /^(vitest|tsup|eslint)[^/]*\.config\.[cm]?[jt]s$/,
  /(^|\/)\.test-results\//,
  /(^|\/)test-artifacts\//,
  /(^|\/)node_modules\//,
  /\.tsbuildinfo$/,
  /\.db(-wal|-shm)?$/,
  /^dist\/docs(-tool)?\//,
  /^pacts\//,
  /^openapi\//,
];

/**
 * Relative imports of the packed JavaScript that point at no packed file
 * (for example a tsup chunk left out by `files`), read from the unpacked tarball.
 */
export async function unresolvedImports(unpacked: string, files: readonly PackedFile[]): Promise<string[]> {
  const present = new Set(files.map((f) => f.path));
  const missing: string[] = [];
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](\.\.?\/[^"']+)["']/g;
  for (const file of files.filter((f) => /\.(c|m)?js$/.test(f.path))) {
    const source = await readFile(join(unpacked, file.path), 'utf8');
    for (const match of source.matchAll(specifier)) {
      const target = posix.normalize(posix.join(posix.dirname(file.path), match[1] ?? ''));
      if (!present.has(target)) missing.push(`${file.path} -> ${match[1]}`);
    }
  }
  return missing;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}
