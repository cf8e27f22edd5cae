import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

// Runtime-neutral output (no node: imports, no shims): Node >= 20, Bun, Deno, Workers, browsers.
// The spec's value checks (calendar time, number bounds) are bundled from their source, so the
// client has one definition of them and no runtime dependency on the spec package. The workspace's
// private helpers (@org/liveminutes-internal: the redactor) are bundled the same way.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  platform: 'neutral',
  target: 'es2022',
  noExternal: ['@org/liveminutes-spec', '@org/liveminutes-internal'],
  esbuildOptions(options) {
    options.alias = { '@org/liveminutes-spec/values': fileURLToPath(new URL('../../spec/src/values.ts', import.meta.url)) };
  },
});
