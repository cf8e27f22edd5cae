/**
 * @module check-generated
 * Fails when `src/generated/` differs from what the spec generates now: the
 * generated files are committed, so that a change to the public types shows in
 * review, and this check (part of `check-types`) keeps them honest. Regenerates
 * into a temporary directory with the same commands as `generate`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'liveminutes-client-generated-'));
try {
  const run = (command: string, args: string[]): void => {
    execFileSync(here(`../node_modules/.bin/${command}`), args, { cwd: here('..'), stdio: ['ignore', 'ignore', 'inherit'] });
  };
  run('openapi-typescript', ['../../spec/dist/liveminutes.openapi.json', '-o', join(dir, 'openapi.ts')]);
  run('tsx', ['scripts/generate-spec-data.ts', '--out', join(dir, 'spec-data.ts')]);
  const stale = ['openapi.ts', 'spec-data.ts'].filter(
    (name) => readFileSync(join(dir, name), 'utf8') !== readFileSync(here(`../src/generated/${name}`), 'utf8'),
  );
  if (stale.length > 0) {
    console.error(`src/generated/${stale.join(', ')} differ from the spec: run \`pnpm --filter @org/liveminutes-client generate\` and commit the result.`);
    process.exitCode = 1;
  } else console.log('src/generated/ matches the spec');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
