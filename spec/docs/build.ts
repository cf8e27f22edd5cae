/**
 * @module docs/build
 * Builds `dist/docs/`: one offline reference per version (`v{version}/`), a
 * `latest/` copy of the newest, `versions.json`, the index page and the
 * changelog. Released versions (tags, published tarballs) are built once and
 * never rewritten; the working version is rebuilt on every run.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { changelogPage, indexPage, type IndexEntry } from './index-page.js';
import { renderReference } from './render.js';
import {
  compareVersionsDesc,
  isVersion,
  packageSource,
  releaseTags,
  tagSource,
  workingSource,
  type VersionSource,
} from './versions.js';

const run = promisify(execFile);

/** Options of {@link buildDocs}. */
export interface BuildDocsOptions {
  /** The spec package directory (holds package.json, openapi/, docs/). */
  readonly specDir: string;
  /** Output directory; default `{specDir}/dist/docs`. */
  readonly outDir?: string;
  /** The git repository holding the release tags; default: the one around `specDir`. */
  readonly repoRoot?: string;
  /** Published spec package tarballs to document as released versions too. */
  readonly packages?: readonly string[];
  /**
   * The spec package that provides the tools (`@redocly/cli`, `docs/redocly.docs.yaml`);
   * default `specDir`. Tests point `specDir` at a scratch repository and keep this one.
   */
  readonly toolDir?: string;
  /** Progress lines; default `console.log`. */
  readonly log?: (line: string) => void;
}

/** What happened to one version. */
export interface VersionResult extends IndexEntry {
  readonly action: 'built' | 'kept';
  readonly origin: VersionSource['origin'];
}

/** The outcome of a build. */
export interface BuildDocsResult {
  readonly outDir: string;
  readonly versions: readonly VersionResult[];
  readonly latest: string | undefined;
}

interface Manifest {
  versions: Array<{ version: string; released: boolean; from: string }>;
}

async function gitRoot(dir: string): Promise<string | undefined> {
  try {
    return (await run('git', ['-C', dir, 'rev-parse', '--show-toplevel'])).stdout.trim();
  } catch {
    return undefined;
  }
}

async function readManifest(outDir: string): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(join(outDir, 'versions.json'), 'utf8')) as Manifest;
  } catch {
    return { versions: [] };
  }
}

async function workingVersion(specDir: string): Promise<{ name: string; version: string }> {
  const manifest = JSON.parse(await readFile(join(specDir, 'package.json'), 'utf8')) as { name: string; version: string };
  const openapi = parse(await readFile(join(specDir, 'openapi', 'openapi.yaml'), 'utf8')) as { info?: { version?: string } };
  if (openapi.info?.version !== manifest.version) {
    throw new Error(
      `openapi/openapi.yaml info.version (${openapi.info?.version}) differs from ${manifest.name} ${manifest.version}: run \`pnpm --filter ${manifest.name} run sync-version\``,
    );
  }
  return { name: manifest.name, version: manifest.version };
}

/**
 * Builds every version's reference, the `latest/` alias and the index.
 * @example
 * const result = await buildDocs({ specDir: process.cwd() });
 * result.versions.map((v) => `${v.action} v${v.version}`); // ['built v0.1.0']
 */
export async function buildDocs(options: BuildDocsOptions): Promise<BuildDocsResult> {
  const specDir = resolve(options.specDir);
  const outDir = resolve(options.outDir ?? join(specDir, 'dist', 'docs'));
  const log = options.log ?? ((line: string) => console.log(line));
  const toolDir = resolve(options.toolDir ?? specDir);
  const config = join(toolDir, 'docs', 'redocly.docs.yaml');
  const work = await mkdtemp(join(tmpdir(), 'liveminutes-docs-'));
  try {
    const { name, version } = await workingVersion(specDir);
    const repoRoot = options.repoRoot ?? (await gitRoot(specDir));
    const sources = new Map<string, VersionSource>();
    for (const [i, tarball] of (options.packages ?? []).entries()) {
      const source = await packageSource(resolve(tarball), join(work, `package-${i}`));
      sources.set(source.version, source);
    }
    // A tag wins over a tarball of the same version: it is what the repository released.
    for (const { tag, version: tagged } of repoRoot ? await releaseTags(repoRoot, name) : []) {
      sources.set(tagged, tagSource(repoRoot ?? specDir, specDir, tag, tagged));
    }
    if (!sources.has(version)) sources.set(version, workingSource(specDir, version, false));

    await mkdir(outDir, { recursive: true });
    const previous = await readManifest(outDir);
    // An unreleased version built earlier that is no longer the working one is stale.
    for (const entry of previous.versions) {
      if (!entry.released && !sources.has(entry.version)) await rm(join(outDir, `v${entry.version}`), { recursive: true, force: true });
    }

    const results: VersionResult[] = [];
    for (const source of [...sources.values()].sort((a, b) => compareVersionsDesc(a.version, b.version))) {
      const dir = join(outDir, `v${source.version}`);
      const entry = { version: source.version, released: source.released, from: source.from, origin: source.origin };
      if (source.released && existsSync(join(dir, 'index.html'))) {
        results.push({ ...entry, action: 'kept' });
        log(`kept  v${source.version} (released, ${source.from})`);
        continue;
      }
      const workDir = join(work, `v${source.version}`);
      const root = await source.extract(workDir);
      await rm(dir, { recursive: true, force: true });
      await renderReference({ root, outDir: dir, workDir, toolDir, config });
      results.push({ ...entry, action: 'built' });
      log(`built v${source.version} (${source.released ? 'released' : 'unreleased'}, ${source.from})`);
    }

    // Released versions built by earlier runs stay listed even when their source is gone.
    for (const entry of previous.versions) {
      if (entry.released && !sources.has(entry.version) && existsSync(join(outDir, `v${entry.version}`, 'index.html'))) {
        results.push({ ...entry, origin: 'tag', action: 'kept' });
      }
    }
    results.sort((a, b) => compareVersionsDesc(a.version, b.version));

    const latest = results[0]?.version;
    await rm(join(outDir, 'latest'), { recursive: true, force: true });
    if (latest) await cp(join(outDir, `v${latest}`), join(outDir, 'latest'), { recursive: true });

    const changelogPath = join(specDir, 'CHANGELOG.md');
    const changelog = existsSync(changelogPath) ? await readFile(changelogPath, 'utf8') : undefined;
    const title = 'LiveMinutes API';
    if (changelog !== undefined) {
      await writeFile(join(outDir, 'CHANGELOG.md'), changelog);
      await writeFile(join(outDir, 'changelog.html'), changelogPage(title, changelog));
    } else {
      await rm(join(outDir, 'changelog.html'), { force: true });
      await rm(join(outDir, 'CHANGELOG.md'), { force: true });
    }
    await writeFile(join(outDir, 'index.html'), indexPage({ title, entries: results, latest, changelog }));
    const manifest: Manifest = {
      versions: results.map(({ version: v, released, from }) => ({ version: v, released, from })),
    };
    await writeFile(join(outDir, 'versions.json'), `${JSON.stringify({ ...manifest, latest }, null, 2)}\n`);
    return { outDir, versions: results, latest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The version directories present in a docs output directory, newest first. */
export async function builtVersions(outDir: string): Promise<string[]> {
  const names = existsSync(outDir) ? await readdir(outDir) : [];
  return names
    .filter((n) => n.startsWith('v') && isVersion(n.slice(1)))
    .map((n) => n.slice(1))
    .sort(compareVersionsDesc);
}
