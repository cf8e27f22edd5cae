/**
 * The built command's report output: `--reporter html --out FILE` writes the
 * page, and bad output options are usage errors (exit 2) reported before the
 * run sends a request or writes anything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORTERS } from '../src/index.js';
import { EXIT } from '../src/cli.js';

const bin = fileURLToPath(new URL('../bin/liveminutes-conformance.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lmc-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('liveminutes-conformance report output', () => {
  it('--reporter html --out FILE writes one page with the verdict', async () => {
    const out = join(dir, 'report.html');
    const result = await cli(['--reporter', 'html', '--out', out, '--only', 'success.*', '--quiet']);
    expect(result.code, result.stderr).toBe(EXIT.passed);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<span class="verdict passed" id="verdict">PASSED</span>');
    expect(result.stdout).toContain('PASSED');
  });

  it.each([
    ['an unknown reporter', ['--reporter', 'pdf'], `--reporter must be one of ${REPORTERS.join(', ')}, got "pdf"`],
    ['two report documents', ['--reporter', 'html', '--reporter', 'junit', '--out', join(dir, 'both')], '--reporter html and junit: one run writes one report document'],
    ['--out in a missing directory', ['--reporter', 'html', '--out', join(dir, 'missing', 'report.html')], `the directory ${join(dir, 'missing')} does not exist`],
    ['--out naming a directory', ['--reporter', 'html', '--out', dir], `--out ${dir} is a directory`],
  ])('%s is a usage error before the run', async (_name, args, message) => {
    const before = readdirSync(dir);
    // A --base-url nobody listens on: had the run started, the error would be a connection one.
    const result = await cli([...args, '--base-url', 'http://127.0.0.1:9', '--account-sid', 'ACout', '--auth-token', 'out-token-5f2']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('Cannot reach');
    expect(result.stderr + result.stdout).not.toContain('out-token-5f2');
    expect(result.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(before);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
