/**
 * The sandbox as the speed bench and the CPU guard run it:
 *
 *   node --import tsx bench/sandbox-server.ts --db FILE|URL [--account SID:TOKEN ...] [--db-pool N]
 *
 * `startSandbox` as the CLI calls it, quotas out of the way, with a logger that
 * only counts the answered requests (the CLI's `--quiet` has no logger at all:
 * the count costs a function call per request). Prints `listening on <url>`;
 * answers the parent's `report` message (IPC) with {@link ServerReport}.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/index.js';
import { serveReports } from './server-report.js';

const { values } = parseArgs({
  options: { db: { type: 'string' }, account: { type: 'string', multiple: true }, 'db-pool': { type: 'string' } },
});
if (!values.db) {
  process.stderr.write('Usage: sandbox-server.ts --db FILE|URL [--account SID:TOKEN ...] [--db-pool N]\n');
  process.exit(2);
}
const accounts = values.account?.map((pair) => ({ accountSid: pair.slice(0, pair.indexOf(':')), authToken: pair.slice(pair.indexOf(':') + 1) }));
const answered = serveReports();
const sandbox = await startSandbox({
  port: 0,
  db: values.db,
  ...(accounts && { accounts }),
  ...(values['db-pool'] && { dbPoolSize: Number(values['db-pool']) }),
  limits: { users: 1_000_000_000, sessions: 1_000_000_000 },
  logger: () => answered.count++,
});
process.stdout.write(`sandbox listening on ${sandbox.url}\n`);
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
