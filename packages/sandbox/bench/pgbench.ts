/**
 * pgbench on the sandbox's own tables, with the SQL shapes the sandbox runs:
 * the point read of getMeetingStatus, and the quota transaction of a create
 * (BEGIN; UPDATE the account's usage row; INSERT the meeting; COMMIT) on one
 * hot account or spread over 50. What PostgreSQL itself does on this machine,
 * for the sandbox's rows to be read against.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one pgbench run measured. */
export interface PgbenchResult {
  readonly tps: number;
  /** Average latency, ms (pgbench reports no percentiles without a per-transaction log). */
  readonly latency: number;
  readonly failed: number;
}

/** True when the `pgbench` command is on PATH. */
export function hasPgbench(): boolean {
  try {
    execFileSync('pgbench', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const newMeeting = (account: string) => `INSERT INTO meetings (account_sid, meeting_key, code, host_token, host_id, status, created_at, updated_at)
  VALUES (${account}, md5(random()::text), md5(random()::text), md5(random()::text), 'h', '1', now()::text, now()::text);`;

/** The scripts, by name; `accountSid` is the account the sandbox's reads use. */
export function pgbenchScripts(accountSid: string, seeded: number): Record<'pointRead' | 'hotRow' | 'spread', string> {
  const quota = (account: string) => `BEGIN;
UPDATE account_usage SET sessions = sessions + 1 WHERE account_sid = ${account};
${newMeeting(account)}
END;`;
  return {
    pointRead: `\\set n random(0, ${seeded - 1})
SELECT m.meeting_key, m.code, m.status FROM meetings m WHERE m.account_sid = '${accountSid}' AND m.meeting_key = 'seed-' || :n AND m.cancelled = false;`,
    hotRow: quota(`'pgbench-hot'`),
    spread: `\\set a random(1, 50)\n${quota(`'pgbench-' || :a`)}`,
  };
}

/** The usage rows the quota scripts update. */
export const PGBENCH_ACCOUNTS_SQL = `INSERT INTO account_usage (account_sid)
  SELECT 'pgbench-hot' UNION ALL SELECT 'pgbench-' || i FROM generate_series(1, 50) AS i ON CONFLICT DO NOTHING`;

/**
 * Runs one script with `clients` connections for `seconds` (prepared statements, no vacuum).
 * The URL's password goes through PGPASSWORD, not the command line.
 * @example
 * const { tps } = await runPgbench(url, scripts.hotRow, 3, 50);
 */
export function runPgbench(databaseUrl: string, sql: string, seconds: number, clients: number): Promise<PgbenchResult> {
  const file = join(mkdtempSync(join(tmpdir(), 'lm-pgbench-')), 'script.sql');
  writeFileSync(file, sql);
  const url = new URL(databaseUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  url.password = '';
  const args = ['-n', '-M', 'prepared', '-f', file, '-c', String(clients), '-j', '2', '-T', String(seconds), url.href];
  return new Promise((resolve, reject) => {
    execFile('pgbench', args, { env }, (error, stdout, stderr) => {
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
      const latency = /latency average = ([\d.]+) ms/.exec(stdout);
      const failed = /number of failed transactions: (\d+)/.exec(stdout);
      if (error || !tps || !latency) return reject(new Error(`pgbench failed: ${error?.message ?? ''} ${stderr}`));
      resolve({ tps: Number(tps[1]), latency: Number(latency[1]), failed: Number(failed?.[1] ?? 0) });
    });
  });
}
