import { defineConfig } from 'tsup';

// The docs tool (build, sync-version) runs with plain node from dist/docs-tool/,
// which stays out of the published files; its dependencies resolve from the spec package.
export default defineConfig({
  entry: { cli: 'docs/cli.ts' },
  outDir: 'dist/docs-tool',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  dts: false,
  sourcemap: false,
  skipNodeModulesBundle: true,
  // The workspace's private helpers (escapeHtml) are TypeScript source: bundled.
  noExternal: ['@org/liveminutes-internal'],
  tsconfig: 'tsconfig.json',
});
