import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/validation.ts', 'src/values.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: false,
  sourcemap: true,
  shims: true,
  target: 'node20',
});
