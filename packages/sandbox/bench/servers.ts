/**
 * The two servers the bench compares, each run in its own child process so
 * that the load generator does not share their event loop:
 * - `raw`: node:http reading the body and answering a fixed JSON;
 * - `sandbox`: startSandbox on a WAL database file, seeded with meetings.
 * Prints `READY <url>` once listening.
 */
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ACCOUNT, startSandbox } from '../src/index.js';

export const SEED_MEETINGS = 200;

async function main(kind: string | undefined): Promise<void> {
  if (kind === 'raw') {
    const payload = JSON.stringify({ resultcode: 1, status: '1' });
    const server = createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
        res.end(payload);
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      process.stdout.write(`READY http://127.0.0.1:${address.port}\n`);
    });
    return;
  }
  const db = join(mkdtempSync(join(tmpdir(), 'lm-bench-')), 'bench.db');
  const sandbox = await startSandbox({ db, logger: false, limits: { users: 1e9, sessions: 1e9 } });
  const limits = { users: 1e9, sessions: 1e9 };
  for (let i = 0; i < SEED_MEETINGS; i++) {
    await sandbox.store.createMeeting(DEFAULT_ACCOUNT.accountSid, { meetingKey: `seed-${i}`, hostId: `host-${i % 20}` }, limits);
    await sandbox.store.addParticipant(DEFAULT_ACCOUNT.accountSid, { meetingKey: `seed-${i}`, puid: 'p0' }, limits);
  }
  process.stdout.write(`READY ${sandbox.url}\n`);
}

void main(process.argv[2]);
