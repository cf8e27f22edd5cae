#!/usr/bin/env node
// The published command: the CLI lives in dist/cli.js (built by `pnpm build`).
import('../dist/cli.js').then((cli) => cli.main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
