/**
 * @module docs/cli
 * `node dist/docs-tool/cli.js [build] [--out DIR] [--package TARBALL]...` builds the
 * versioned references; `node dist/docs-tool/cli.js sync-version` writes the
 * package version into `openapi/openapi.yaml`. Run from the spec package directory
 * (or pass `--spec-dir`).
 */
import { parseArgs } from 'node:util';
import { buildDocs } from './build.js';
import { syncSpecVersion } from './sync-version.js';

async function main(argv: string[]): Promise<void> {
  // `build` is the default, so that `pnpm run docs` builds and `pnpm run docs sync-version` syncs.
  const [command, ...rest] = argv[0] === undefined || argv[0].startsWith('--') ? ['build', ...argv] : argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      package: { type: 'string', multiple: true },
      'spec-dir': { type: 'string' },
    },
  });
  const specDir = values['spec-dir'] ?? process.cwd();
  if (command === 'build') {
    const result = await buildDocs({
      specDir,
      ...(values.out ? { outDir: values.out } : {}),
      ...(values.package ? { packages: values.package } : {}),
    });
    console.log(`docs: ${result.versions.length} version(s) in ${result.outDir}, latest v${result.latest}`);
  } else if (command === 'sync-version') {
    const { from, to, changed } = await syncSpecVersion(specDir);
    console.log(changed ? `openapi/openapi.yaml info.version ${from} -> ${to}` : `openapi/openapi.yaml info.version is ${to}`);
  } else {
    throw new Error(`Unknown command ${JSON.stringify(command)}: use build or sync-version`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
