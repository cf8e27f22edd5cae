/**
 * @module check-generated
 * Fails when `src/generated/control-api.ts` differs from what the spec's
 * control API document generates now (part of `check-types`): the file is
 * committed so that a change to the helper's types shows in review. Regenerates
 * into a temporary directory with the same command as `generate`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'liveminutes-sandbox-generated-'));
try {
  execFileSync(here('../node_modules/.bin/openapi-typescript'), ['../../spec/dist/liveminutes-control.openapi.json', '-o', join(dir, 'control-api.ts')], {
    cwd: here('..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (readFileSync(join(dir, 'control-api.ts'), 'utf8') !== readFileSync(here('../src/generated/control-api.ts'), 'utf8')) {
    console.error('src/generated/control-api.ts differs from the spec: run `pnpm --filter @org/liveminutes-sandbox generate` and commit the result.');
    process.exitCode = 1;
  } else console.log('src/generated/ matches the spec');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
