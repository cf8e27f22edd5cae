import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConformanceError } from './errors.js';
import { isMissingPackage, loadOptionalPeer, OPTIONAL_PEERS } from './optional-peer.js';

// Node's own error for an import outside the workspace, where no peer can be found (vitest would resolve it from the workspace).
const dir = mkdtempSync(join(tmpdir(), 'lmc-peer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function importerOf(specifier: string): () => Promise<unknown> {
  const script = `import(${JSON.stringify(specifier)}).then(() => console.log('{}'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`;
  const { code, message } = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' })) as { code?: string; message?: string };
  expect(code, `${specifier} was found from ${dir}`).toBe('ERR_MODULE_NOT_FOUND');
  return () => Promise.reject(Object.assign(new Error(message), { code }));
}

describe('optional peers', () => {
  it.each(Object.entries(OPTIONAL_PEERS))('a missing %s is a usage error naming the package to add', async (peer, { name }) => {
    const error = await loadOptionalPeer(peer as keyof typeof OPTIONAL_PEERS, importerOf(name)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as ConformanceError).kind).toBe('usage');
    expect((error as Error).message).toContain(`npm install --save-dev ${name}`);
  });

  it('rethrows a package missing inside the peer (not the peer itself) as it is', async () => {
    const load = importerOf(`${OPTIONAL_PEERS.pact.name}-core`);
    const error = await loadOptionalPeer('pact', load).catch((thrown: unknown) => thrown);
    expect(error).not.toBeInstanceOf(ConformanceError);
    expect(isMissingPackage(error, `${OPTIONAL_PEERS.pact.name}-core`)).toBe(true);
  });

  it('passes other failures and successes through', async () => {
    const boom = new Error('boom');
    await expect(loadOptionalPeer('sandbox', () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(loadOptionalPeer('sandbox', () => Promise.resolve(42))).resolves.toBe(42);
    expect(isMissingPackage(undefined, 'x')).toBe(false);
  });
});
