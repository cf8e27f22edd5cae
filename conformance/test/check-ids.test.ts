/**
 * Check ids are stable: CI configurations select checks by id (`--only`,
 * `--skip`), so a rename or a level change must be deliberate. The list lives
 * in test/checks.txt (id, level, rule, title); update it with `vitest -u`.
 */
import { describe, expect, it } from 'vitest';
import { allChecks } from '../src/index.js';

describe('the check list', () => {
  it('matches test/checks.txt', async () => {
    const lines = allChecks().map((check) => `${check.id}\t${check.level}\t${check.rule}\t${check.title}`);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./checks.txt');
  });
});
