import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

// The published builds (turbo's test task depends on build), loaded as users load them.
const root = fileURLToPath(new URL('..', import.meta.url));
type Module = typeof import('../src/index.js');
const builds: Array<[string, () => Promise<Module>]> = [
  ['ESM dist/index.js', () => import(`${root}dist/index.js`) as Promise<Module>],
  ['CJS dist/index.cjs', async () => createRequire(import.meta.url)(`${root}dist/index.cjs`) as Module],
];

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

describe.each(builds)('%s', (_, load) => {
  it('calls an operation and maps a failure to its class', async () => {
    const { createClient, NotFoundError, LiveMinutesError } = await load();
    const lm = createClient({ accountSid: 'AC1', authToken: 'token-1', baseUrl: server.baseUrl });
    server.reply(() => ({ json: { resultcode: 1, status: '12' } }));
    await expect(lm.getMeetingStatus({ meetingKey: 'abcdef' })).resolves.toMatchObject({ status: '12', name: 'finish' });
    server.reply(() => ({ json: { resultcode: 0, error: 'meeting_not_found' } }));
    const error = await lm.getMeetingUrl({ meetingKey: 'abcdef' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(LiveMinutesError);
    expect((error as Error).name).toBe('NotFoundError');
  });
});

describe('portability', () => {
  const runtimeFiles = [
    ...readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${root}src/${f}`),
    `${root}dist/index.js`,
    `${root}dist/index.cjs`,
  ];
  it.each(runtimeFiles.map((f) => [f.slice(root.length), f]))('%s imports nothing from node: and uses no Buffer/process', (_, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/from ['"]node:|require\(['"]node:|\bBuffer\.|\bprocess\./);
  });
});
