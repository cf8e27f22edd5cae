import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS with declarations.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    shims: true,
    target: 'node20',
    // The workspace's private helpers are bundled, never a dependency of the published package.
    noExternal: ['@org/liveminutes-internal'],
  },
  {
    // The command (bin/liveminutes-conformance.js imports it): ESM only.
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    shims: true,
    target: 'node20',
    // The workspace's private helpers are bundled, never a dependency of the published package.
    noExternal: ['@org/liveminutes-internal'],
  },
]);
