/**
 * @module docs/render
 * Renders one version's HTML reference: bundle the spec with Redocly, add the
 * generated samples and tables, build a Redoc page with its scripts inlined,
 * then make it offline; the same for the sandbox control API's document.
 * Fails if any reference to another host remains.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { enrichForDocs } from './enrich.js';
import { externalReferences, makeOffline } from './offline.js';

const run = promisify(execFile);

/** What {@link renderReference} needs. */
export interface RenderOptions {
  /** The spec's root document (YAML or JSON; may hold relative `$ref`s). */
  readonly root: string;
  /** Directory that receives `index.html` and `liveminutes.openapi.json`. */
  readonly outDir: string;
  /** Scratch directory for this version. */
  readonly workDir: string;
  /** The spec package directory whose node_modules hold `@redocly/cli`. */
  readonly toolDir: string;
  /** Redocly config with the reference's options (`docs/redocly.docs.yaml`). */
  readonly config: string;
}

/** Absolute path of the Redocly CLI entry point installed for the spec package. */
export function redoclyBin(toolDir: string): string {
  const require = createRequire(join(toolDir, 'package.json'));
  const manifestPath = require.resolve('@redocly/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin.redocly ?? Object.values(manifest.bin)[0] ?? '');
  return join(dirname(manifestPath), bin);
}

async function redocly(toolDir: string, args: string[]): Promise<void> {
  try {
    await run(process.execPath, [redoclyBin(toolDir), ...args], {
      cwd: toolDir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`redocly ${args[0]} failed:\n${stderr || stdout || String(error)}`, { cause: error });
  }
}

/**
 * The sandbox control API's document beside a version's root, if that version
 * has one: `control.yaml` beside `openapi.yaml`, or a published package's
 * bundled `liveminutes-control.openapi.json`.
 */
export function controlRoot(root: string): string | undefined {
  const candidate = join(dirname(root), root.endsWith('.json') ? 'liveminutes-control.openapi.json' : 'control.yaml');
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * Renders the reference for one version into `outDir/index.html`, and the
 * control API's, when the version has one, into `outDir/control/index.html`.
 * @example
 * await renderReference({ root: 'openapi/openapi.yaml', outDir: 'dist/docs/v0.1.0', workDir: '/tmp/v0.1.0', toolDir: '.', config: 'docs/redocly.docs.yaml' });
 */
export async function renderReference(options: RenderOptions): Promise<{ title: string; version: string }> {
  const control = controlRoot(options.root);
  const link = control
    ? '## Control API\n\nThe sandbox\'s control API (moves, account reset, fresh accounts, recent calls) has its own reference: [control/index.html](control/index.html).'
    : undefined;
  const main = await renderPage(options, 'liveminutes.openapi.json', (spec) => {
    const doc = enrichForDocs(spec);
    const info = doc.info as { description?: string };
    if (link) info.description = `${String(info.description ?? '').trimEnd()}\n\n${link}\n`;
    return doc;
  });
  if (control) {
    const { outDir, workDir } = options;
    await renderPage({ ...options, root: control, outDir: join(outDir, 'control'), workDir: join(workDir, 'control') }, 'liveminutes-control.openapi.json', (spec) => spec);
  }
  return main;
}

async function renderPage(
  options: RenderOptions,
  bundleName: string,
  enrich: (spec: Record<string, unknown>) => Record<string, unknown>,
): Promise<{ title: string; version: string }> {
  const { root, outDir, workDir, toolDir, config } = options;
  await mkdir(workDir, { recursive: true });
  await mkdir(outDir, { recursive: true });
  const bundled = join(workDir, 'bundled.json');
  await redocly(toolDir, ['bundle', root, '--config', config, '-o', bundled]);
  const spec = JSON.parse(await readFile(bundled, 'utf8')) as { info?: { title?: string; version?: string } };
  const enriched = join(workDir, 'reference.json');
  await writeFile(enriched, JSON.stringify(enrich(spec as Record<string, unknown>)));
  const title = `${spec.info?.title ?? 'API'} ${spec.info?.version ?? ''} reference`.replace(/\s+/g, ' ');
  const raw = join(workDir, 'redoc.html');
  await redocly(toolDir, ['build-docs', enriched, '--config', config, '--inlineBundle', '--title', title, '-o', raw]);
  const html = makeOffline(await readFile(raw, 'utf8'));
  const leftovers = externalReferences(html);
  if (leftovers.length > 0) throw new Error(`The reference would still contact other hosts: ${leftovers.join(', ')}`);
  await writeFile(join(outDir, 'index.html'), html);
  await copyFile(bundled, join(outDir, bundleName));
  return { title, version: spec.info?.version ?? '' };
}
