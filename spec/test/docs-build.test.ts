/**
 * The docs build: offline pages, the versions from release tags, published
 * tarballs and the working tree, the latest alias, the index with changelog
 * links, released versions never rewritten; plus sync-version and the helpers.
 * Multi-version runs use a scratch git repository with real tags.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDocs, builtVersions } from '../docs/build.js';
import { escapeHtml, renderMarkdown } from '../docs/markdown.js';
import { externalReferences, makeOffline } from '../docs/offline.js';
import { syncSpecVersion } from '../docs/sync-version.js';
import { compareVersionsDesc } from '../docs/versions.js';

const run = promisify(execFile);
const specDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = () => undefined;
let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'liveminutes-docs-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A repository holding a copy of the spec package's sources, with git identity set. */
async function scratchRepo(name: string, version: string): Promise<{ repo: string; spec: string }> {
  const repo = join(scratch, name);
  const spec = join(repo, 'spec');
  await mkdir(spec, { recursive: true });
  await cp(join(specDir, 'openapi'), join(spec, 'openapi'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(specDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(spec, 'package.json'), JSON.stringify({ ...manifest, version }, null, 2));
  await syncSpecVersion(spec);
  const git = (...args: string[]) => run('git', ['-C', repo, ...args]);
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'docs-test@example.invalid');
  await git('config', 'user.name', 'docs test');
  await git('config', 'commit.gpgsign', 'false');
  await git('config', 'tag.gpgsign', 'false');
  return { repo, spec };
}

async function commitAndTag(repo: string, tag?: string): Promise<void> {
  await run('git', ['-C', repo, 'add', '-A']);
  await run('git', ['-C', repo, 'commit', '-q', '-m', 'release']);
  if (tag) await run('git', ['-C', repo, 'tag', tag]);
}

async function setSummary(spec: string, summary: string): Promise<void> {
  const file = join(spec, 'openapi', 'openapi.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^ {2}summary: .*$/m, `  summary: ${summary}`));
}

describe('offline pages', () => {
  it('neutralises the CDN, icon and telemetry URLs and adds a CSP', () => {
    const html = makeOffline(
      '<html><head><title>x</title></head><body><script>const a=`https://cdn.redoc.ly/redoc/logo-mini-full.svg`,b="https://otel.cloud.redocly.com/v1/traces",c=`https://cdn.redocly.com/icons/fa/7.0.0`</script><a href="https://liveminutes.com">site</a></body></html>',
    );
    expect(externalReferences(html)).toEqual([]);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain('href="https://liveminutes.com"');
  });

  it('finds resources, stylesheets, fonts and CSS imports from other hosts', () => {
    const found = externalReferences(
      `<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><script src="//unpkg.com/x.js"></script>` +
        `<style>@import "https://example.com/a.css"; p{background:url(https://example.com/b.png)}</style><img src="/local.png">`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'https://fonts.googleapis.com/css?family=Roboto',
        '//unpkg.com/x.js',
        'https://example.com/a.css',
        'https://example.com/b.png',
      ]),
    );
    expect(found.some((url) => url.includes('local.png'))).toBe(false);
  });
});

describe('changelog rendering', () => {
  it('renders a changesets changelog with version anchors and escapes markup', () => {
    const html = renderMarkdown(
      '# @org/liveminutes-spec\n\n## 0.2.0\n\n### Minor Changes\n\n- abc123: Adds `getThing`, see [notes](https://x.test/n).\n  Second line <script>alert(1)</script>\n  - nested\n\n## 0.1.0\n\n- First release',
    );
    expect(html).toContain('<h2 id="v0.2.0">0.2.0</h2>');
    expect(html).toContain('<h2 id="v0.1.0">0.1.0</h2>');
    expect(html).toContain('<code>getThing</code>');
    expect(html).toContain('<a href="https://x.test/n">notes</a>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html.match(/<ul>/g)).toHaveLength(3);
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('orders versions newest first', () => {
    expect(['0.1.0', '0.10.0', '0.2.0-beta.1', '0.2.0', '1.0.0'].sort(compareVersionsDesc)).toEqual([
      '1.0.0',
      '0.10.0',
      '0.2.0',
      '0.2.0-beta.1',
      '0.1.0',
    ]);
  });
});

describe('sync-version', () => {
  it("writes the package version into info.version and changes nothing else", async () => {
    const { spec } = await scratchRepo('sync', '0.1.0');
    const file = join(spec, 'openapi', 'openapi.yaml');
    const before = await readFile(file, 'utf8');
    const manifest = JSON.parse(await readFile(join(spec, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(spec, 'package.json'), JSON.stringify({ ...manifest, version: '1.2.3-rc.1' }));
    expect(await syncSpecVersion(spec)).toEqual({ from: '0.1.0', to: '1.2.3-rc.1', changed: true });
    const after = await readFile(file, 'utf8');
    expect((parse(after) as { info: { version: string } }).info.version).toBe('1.2.3-rc.1');
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toEqual(['  version: 1.2.3-rc.1']);
    expect((parse(await readFile(join(spec, 'openapi', 'control.yaml'), 'utf8')) as { info: { version: string } }).info.version).toBe('1.2.3-rc.1');
    expect(await syncSpecVersion(spec)).toEqual({ from: '1.2.3-rc.1', to: '1.2.3-rc.1', changed: false });
  });

  it('refuses a package without a valid version and leaves the spec alone', async () => {
    const { spec } = await scratchRepo('sync-bad', '0.1.0');
    const before = await readFile(join(spec, 'openapi', 'openapi.yaml'), 'utf8');
    await writeFile(join(spec, 'package.json'), JSON.stringify({ name: '@org/liveminutes-spec', version: 'next' }));
    await expect(syncSpecVersion(spec)).rejects.toThrow(/no valid version/);
    expect(await readFile(join(spec, 'openapi', 'openapi.yaml'), 'utf8')).toBe(before);
  });
});

// Each build runs redocly and git in child processes: minutes on a busy machine (repeat runs at load 40).
describe('versioned build', { timeout: 300_000 }, () => {
  it('builds the working version only when there is no release tag', async () => {
    const { spec } = await scratchRepo('untagged', '0.1.0');
    await commitAndTag(join(spec, '..'));
    const out = join(scratch, 'untagged-out');
    const result = await buildDocs({ specDir: spec, toolDir: specDir, outDir: out, log: quiet });
    expect(result.versions.map((v) => [v.version, v.action, v.released, v.origin])).toEqual([['0.1.0', 'built', false, 'working']]);
    expect(result.latest).toBe('0.1.0');
    expect(await builtVersions(out)).toEqual(['0.1.0']);
    const html = await readFile(join(out, 'v0.1.0', 'index.html'), 'utf8');
    expect(externalReferences(html)).toEqual([]);
    expect(html).toContain('LiveMinutes API 0.1.0 reference');
    expect(html).toContain('control/index.html');
    const control = await readFile(join(out, 'v0.1.0', 'control', 'index.html'), 'utf8');
    expect(control).toContain('LiveMinutes sandbox control API 0.1.0 reference');
    expect(externalReferences(control)).toEqual([]);
    expect(existsSync(join(out, 'v0.1.0', 'control', 'liveminutes-control.openapi.json'))).toBe(true);
    expect(await readFile(join(out, 'latest', 'index.html'), 'utf8')).toBe(html);
    const bundled = JSON.parse(await readFile(join(out, 'v0.1.0', 'liveminutes.openapi.json'), 'utf8')) as { info: { version: string } };
    expect(bundled.info.version).toBe('0.1.0');
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="v0.1.0/index.html"');
    expect(index).toContain('no changelog yet');
  });

  it('builds tagged releases from the tag, the working version from the tree, and never rewrites a release', async () => {
    const { repo, spec } = await scratchRepo('tagged', '0.0.9');
    await setSummary(spec, 'Released summary of 0.0.9.');
    await commitAndTag(repo, '@org/liveminutes-spec@0.0.9');
    // The next version is being prepared: new summary, bumped version, changelog.
    await setSummary(spec, 'Working summary of 0.1.0.');
    const manifest = JSON.parse(await readFile(join(spec, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(spec, 'package.json'), JSON.stringify({ ...manifest, version: '0.1.0' }, null, 2));
    await syncSpecVersion(spec);
    await writeFile(join(spec, 'CHANGELOG.md'), '# @org/liveminutes-spec\n\n## 0.1.0\n\n- Second\n\n## 0.0.9\n\n- First\n');
    await commitAndTag(repo);

    const out = join(scratch, 'tagged-out');
    const first = await buildDocs({ specDir: spec, toolDir: specDir, outDir: out, log: quiet });
    expect(first.versions.map((v) => [v.version, v.action, v.released, v.origin])).toEqual([
      ['0.1.0', 'built', false, 'working'],
      ['0.0.9', 'built', true, 'tag'],
    ]);
    const released = await readFile(join(out, 'v0.0.9', 'index.html'), 'utf8');
    expect(released).toContain('Released summary of 0.0.9.');
    expect(released).not.toContain('Working summary');
    expect(await readFile(join(out, 'v0.1.0', 'index.html'), 'utf8')).toContain('Working summary of 0.1.0.');
    expect(first.latest).toBe('0.1.0');

    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index.indexOf('data-version="0.1.0"')).toBeLessThan(index.indexOf('data-version="0.0.9"'));
    expect(index).toContain('href="changelog.html#v0.1.0"');
    expect(index).toContain('href="changelog.html#v0.0.9"');
    expect(await readFile(join(out, 'changelog.html'), 'utf8')).toContain('<h2 id="v0.0.9">0.0.9</h2>');

    // A second run keeps the released page byte for byte and rebuilds the working one.
    await appendFile(join(out, 'v0.0.9', 'index.html'), '<!-- released marker -->');
    await appendFile(join(out, 'v0.1.0', 'index.html'), '<!-- working marker -->');
    const second = await buildDocs({ specDir: spec, toolDir: specDir, outDir: out, log: quiet });
    expect(second.versions.map((v) => [v.version, v.action])).toEqual([
      ['0.1.0', 'built'],
      ['0.0.9', 'kept'],
    ]);
    expect(await readFile(join(out, 'v0.0.9', 'index.html'), 'utf8')).toContain('<!-- released marker -->');
    expect(await readFile(join(out, 'v0.1.0', 'index.html'), 'utf8')).not.toContain('<!-- working marker -->');

    // Once 0.1.0 is tagged it is released: its page is kept from then on.
    await run('git', ['-C', repo, 'tag', '@org/liveminutes-spec@0.1.0']);
    await appendFile(join(out, 'v0.1.0', 'index.html'), '<!-- now released -->');
    const third = await buildDocs({ specDir: spec, toolDir: specDir, outDir: out, log: quiet });
    expect(third.versions.map((v) => [v.version, v.action, v.released])).toEqual([
      ['0.1.0', 'kept', true],
      ['0.0.9', 'kept', true],
    ]);
    expect(await readFile(join(out, 'v0.1.0', 'index.html'), 'utf8')).toContain('<!-- now released -->');
  });

  it('documents a published package tarball from its bundled spec', async () => {
    const { repo, spec } = await scratchRepo('tarball', '0.1.0');
    await commitAndTag(repo);
    const pack = join(scratch, 'pack');
    await mkdir(join(pack, 'package', 'dist'), { recursive: true });
    const bundled = JSON.parse(await readFile(join(specDir, 'dist', 'liveminutes.openapi.json'), 'utf8')) as {
      info: Record<string, unknown>;
    };
    bundled.info = { ...bundled.info, version: '0.0.5', summary: 'Published summary of 0.0.5.' };
    await writeFile(join(pack, 'package', 'dist', 'liveminutes.openapi.json'), JSON.stringify(bundled));
    await writeFile(join(pack, 'package', 'package.json'), JSON.stringify({ name: '@org/liveminutes-spec', version: '0.0.5' }));
    const tarball = join(scratch, 'liveminutes-spec-0.0.5.tgz');
    await run('tar', ['-czf', tarball, '-C', pack, 'package']);

    const out = join(scratch, 'tarball-out');
    const result = await buildDocs({ specDir: spec, toolDir: specDir, outDir: out, packages: [tarball], log: quiet });
    expect(result.versions.map((v) => [v.version, v.released, v.origin])).toEqual([
      ['0.1.0', false, 'working'],
      ['0.0.5', true, 'package'],
    ]);
    expect(await readFile(join(out, 'v0.0.5', 'index.html'), 'utf8')).toContain('Published summary of 0.0.5.');
  });

  it('refuses to build when info.version does not follow the package version', async () => {
    const { repo, spec } = await scratchRepo('mismatch', '0.1.0');
    await commitAndTag(repo);
    const manifest = JSON.parse(await readFile(join(spec, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(spec, 'package.json'), JSON.stringify({ ...manifest, version: '0.2.0' }));
    const out = join(scratch, 'mismatch-out');
    await expect(buildDocs({ specDir: spec, toolDir: specDir, outDir: out, log: quiet })).rejects.toThrow(/sync-version/);
    expect(existsSync(join(out, 'v0.2.0'))).toBe(false);
  });
});
