/**
 * @module docs/sync-version
 * Keeps the spec's `info.version` equal to the spec package's version. Run
 * after `changeset version` (see CONTRIBUTING.md); it edits only that one line
 * of `openapi/openapi.yaml` (and of `openapi/control.yaml`, the sandbox control
 * API's document), so comments and formatting stay as they are.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Writes the package version into `openapi/openapi.yaml` and returns both versions.
 * @example
 * await syncSpecVersion('spec'); // { from: '0.1.0', to: '0.2.0', changed: true }
 */
export async function syncSpecVersion(specDir: string): Promise<{ from: string; to: string; changed: boolean }> {
  const manifest = JSON.parse(await readFile(join(specDir, 'package.json'), 'utf8')) as { version?: unknown };
  const to = manifest.version;
  if (typeof to !== 'string' || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(to)) {
    throw new Error(`package.json has no valid version (got ${JSON.stringify(to)})`);
  }
  const api = await syncFile(join(specDir, 'openapi', 'openapi.yaml'), to);
  // The sandbox control API's document (newer specs only) follows the same version.
  const control = join(specDir, 'openapi', 'control.yaml');
  const other = existsSync(control) ? await syncFile(control, to) : undefined;
  return { from: api.from, to, changed: api.changed || other?.changed === true };
}

async function syncFile(file: string, to: string): Promise<{ from: string; changed: boolean }> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const infoAt = lines.findIndex((line) => /^info:\s*$/.test(line));
  if (infoAt < 0) throw new Error(`${file} has no top-level info block`);
  let versionAt = -1;
  for (let i = infoAt + 1; i < lines.length && !/^\S/.test(lines[i] ?? ''); i++) {
    if (/^ {2}version:/.test(lines[i] ?? '')) {
      versionAt = i;
      break;
    }
  }
  if (versionAt < 0) throw new Error(`${file} has no info.version`);
  const from = String((parse(text) as { info: { version: unknown } }).info.version);
  lines[versionAt] = `  version: ${to}`;
  const updated = lines.join('\n');
  const check = parse(updated) as { info: { version: unknown } };
  if (String(check.info.version) !== to) throw new Error(`Writing info.version ${to} into ${file} failed`);
  if (updated !== text) await writeFile(file, updated);
  return { from, changed: updated !== text };
}
