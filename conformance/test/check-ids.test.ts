/**
 * Check ids are stable: CI configurations select checks by id (`--only`,
 * `--skip`), so a rename or a level change must be deliberate. The list lives
 * in test/checks.txt (id, level, rule, title); update it with `vitest -u`.
 * The README's table of checks covers every id `--list` prints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks, globToRegExp } from '../src/index.js';

describe('the check list', () => {
  it('matches test/checks.txt', async () => {
    const lines = allChecks().map((check) => `${check.id}\t${check.level}\t${check.rule}\t${check.title}`);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./checks.txt');
  });

  it("is covered by the README's table of checks, row by row", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## The checks'), readme.indexOf('\n## ', readme.indexOf('## The checks') + 1));
    // The first cell of each row names its ids: `auth.*`, `success.<operation>`, `transport.*`, `robustness.no-5xx`...
    const patterns = [...table.matchAll(/^\| (.+?) \|/gm)]
      .flatMap((row) => [...(row[1] ?? '').matchAll(/`([^`]+)`/g)].map((cell) => cell[1] ?? ''))
      .map((pattern) => globToRegExp(pattern.replace(/<[^>]+>/g, '*')));
    expect(patterns.length).toBeGreaterThan(5);
    expect(allChecks().map((check) => check.id).filter((id) => !patterns.some((pattern) => pattern.test(id)))).toEqual([]);
  });
});
