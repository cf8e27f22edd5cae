import { defineConfig } from 'tsup';

// Runtime-neutral output (no node: imports, no shims): Node >= 20, Bun, Deno, Workers, browsers.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  platform: 'neutral',
  target: 'es2022',
});
