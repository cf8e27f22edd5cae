/**
 * How long the dashboard takes to serve a page of an account with 10,000
 * meetings (made through the store), and how big the page is: the first page,
 * page 2, a search, and a page deep in the list. Run:
 * `tsx bench/dashboard-pages.ts [postgres://...]` (default: a SQLite file in a temp dir).
 * Times are medians of 20 requests after 3 warm-ups, one at a time on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../src/index.js';

const MEETINGS = 10_000;
const account = { accountSid: 'ACbench', authToken: 'bench-dashboard-token' };
const dir = mkdtempSync(join(tmpdir(), 'lm-dashboard-bench-'));
const db = process.argv[2] ?? join(dir, 'bench.db');
const sandbox = await startSandbox({ port: 0, db, accounts: [account], logger: false, limits: { sessions: MEETINGS, users: 1000 } });
try {
  const limits = { sessions: MEETINGS, users: 1000 };
  for (let start = 0; start < MEETINGS; start += 500) {
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        sandbox.store.createMeeting(account.accountSid, { meetingKey: `m-${start + i}`, hostId: `h${i % 9}`, title: `Meeting ${start + i}` }, limits),
      ),
    );
  }
  const authorization = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
  for (const path of ['/', '/?page=2', '/?q=m-999', '/?page=150']) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 23; i += 1) {
      const started = performance.now();
      const res = await fetch(`${sandbox.url}${path}`, { headers: { authorization } });
      bytes = (await res.arrayBuffer()).byteLength;
      if (i >= 3) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${sandbox.store.kind} ${path.padEnd(12)} ${(bytes / 1024).toFixed(1)} KiB  median ${times[10]!.toFixed(1)} ms  max ${times.at(-1)!.toFixed(1)} ms`);
  }
} finally {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
