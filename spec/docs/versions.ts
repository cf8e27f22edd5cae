/**
 * @module docs/versions
 * Where each version of the spec comes from: a release tag
 * (`@org/liveminutes-spec@X.Y.Z`, its `spec/openapi` read with `git archive`),
 * a published package tarball (its bundled `dist/liveminutes.openapi.json`), or
 * the working tree (the package's current version).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One version to document, and how to get its spec. */
export interface VersionSource {
  readonly version: string;
  /** Released versions are frozen: their reference is never rebuilt once it exists. */
  readonly released: boolean;
  readonly origin: 'tag' | 'package' | 'working';
  /** Human description of the origin, e.g. the tag name or the tarball path. */
  readonly from: string;
  /** Writes the version's spec under `workDir` and returns the path of its root document. */
  extract(workDir: string): Promise<string>;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/**
 * Orders versions newest first (prereleases below their release).
 * @example
 * ['0.1.0', '0.10.0', '0.2.0-beta.1'].sort(compareVersionsDesc); // ['0.10.0', '0.2.0-beta.1', '0.1.0']
 */
export function compareVersionsDesc(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return b.localeCompare(a);
  for (let i = 1; i <= 3; i++) {
    const diff = Number(pb[i]) - Number(pa[i]);
    if (diff !== 0) return diff;
  }
  if (pa[4] === pb[4]) return 0;
  if (!pa[4]) return -1;
  if (!pb[4]) return 1;
  return pb[4].localeCompare(pa[4], 'en', { numeric: true });
}

/** True for `X.Y.Z` and `X.Y.Z-pre` versions. */
export function isVersion(text: string): boolean {
  return SEMVER.test(text);
}

/**
 * The released versions of `packageName`, from the repository's tags.
 * @example
 * await releaseTags('/repo', '@org/liveminutes-spec'); // [{ tag: '@org/liveminutes-spec@0.1.0', version: '0.1.0' }]
 */
export async function releaseTags(repoRoot: string, packageName: string): Promise<Array<{ tag: string; version: string }>> {
  const { stdout } = await run('git', ['-C', repoRoot, 'tag', '--list', `${packageName}@*`]);
  return stdout
    .split('\n')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
    .map((tag) => ({ tag, version: tag.slice(packageName.length + 1) }))
    .filter(({ version }) => isVersion(version));
}

/** A version read from a release tag: the tag's `spec/openapi` tree. */
export function tagSource(repoRoot: string, specDir: string, tag: string, version: string): VersionSource {
  const specRel = relative(repoRoot, specDir).split('\\').join('/') || '.';
  return {
    version,
    released: true,
    origin: 'tag',
    from: tag,
    async extract(workDir) {
      await mkdir(workDir, { recursive: true });
      const archive = join(workDir, 'spec.tar');
      const tree = specRel === '.' ? 'openapi' : `${specRel}/openapi`;
      await run('git', ['-C', repoRoot, 'archive', '--format=tar', '-o', archive, `refs/tags/${tag}`, tree]);
      await run('tar', ['-xf', archive, '-C', workDir]);
      return join(workDir, tree, 'openapi.yaml');
    },
  };
}

/**
 * A version read from a published package tarball (`npm pack` / `pnpm pack` output).
 * @example
 * const source = await packageSource('liveminutes-spec-0.1.0.tgz', '/tmp/work');
 * source.version; // '0.1.0'
 */
export async function packageSource(tarball: string, workDir: string): Promise<VersionSource> {
  await mkdir(workDir, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', workDir]);
  const manifest = JSON.parse(await readFile(join(workDir, 'package', 'package.json'), 'utf8')) as { version?: string };
  const version = manifest.version ?? '';
  if (!isVersion(version)) throw new Error(`${tarball} has no valid package version`);
  const bundled = join(workDir, 'package', 'dist', 'liveminutes.openapi.json');
  return { version, released: true, origin: 'package', from: tarball, extract: async () => bundled };
}

/** The working tree's version: `spec/openapi/openapi.yaml` as it is now. */
export function workingSource(specDir: string, version: string, released: boolean): VersionSource {
  return {
    version,
    released,
    origin: 'working',
    from: 'working tree',
    extract: async () => join(specDir, 'openapi', 'openapi.yaml'),
  };
}
