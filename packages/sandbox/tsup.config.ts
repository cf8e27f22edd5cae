import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    shims: true,
    target: 'node20',
    // The workspace's private helpers are bundled, never a dependency of the published package.
    noExternal: ['@org/liveminutes-internal'],
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    // The workspace's private helpers are bundled, never a dependency of the published package.
    noExternal: ['@org/liveminutes-internal'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
