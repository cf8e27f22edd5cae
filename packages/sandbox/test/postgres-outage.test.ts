/**
 * PostgreSQL going away and coming back, and a database that cannot be opened
 * at start: failures keep the API's JSON failure shape (`internal_error`), the
 * sandbox recovers by itself, a bad URL or password is one line and exit 1,
 * and the database password is never printed or logged.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { call, schemaErrors } from './helpers.js';
import { adminQuery, createTestDatabase } from './postgres.js';
import { runCli, startCli, type CliProcess } from './process.js';

// Real processes and a real database on a shared, loaded machine: generous limits (nothing here waits on a clock).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const db = await createTestDatabase('outage');
const PASSWORD = decodeURIComponent(new URL(db.url).password);
const running: CliProcess[] = [];
afterAll(async () => {
  for (const cli of running) cli.child.kill('SIGKILL');
  await Promise.all(running.map((cli) => cli.exited));
  // Whatever a failed test left, the database must accept connections to be dropped.
  await adminQuery(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS true`);
});

/** The database stops accepting connections and every open one is cut, as in a restart or failover. */
async function takeDatabaseAway(): Promise<void> {
  await adminQuery(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS false`);
  await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
}

describe('PostgreSQL outages', () => {
  it('while the database is gone every call answers internal_error in the failure shape; it recovers when the database returns', async () => {
    const cli = await startCli(['--port', '0', '--db', db.url, '--db-pool', '3']);
    running.push(cli);
    const made = await call(cli, 'createMeeting', { meetingKey: 'before', hostid: 'h' });
    expect(made.body.resultcode).toBe(1);
    // Writes in flight when the connections are cut: connections checked out mid-transaction die too.
    let loading = true;
    const answers: unknown[] = [];
    const load = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; loading; i++) answers.push((await call(cli, 'createMeeting', { meetingKey: `load-${w}-${i}`, hostid: 'h' })).body);
    });
    while (answers.length < 20) await Promise.race(load.concat(new Promise<void>((resolve) => setImmediate(resolve))));
    await takeDatabaseAway();
    loading = false;
    await Promise.all(load);
    expect(cli.child.exitCode).toBeNull();
    // Every answer kept the JSON shape: a success, or internal_error once the database was gone.
    for (const body of answers) expect(body).toMatchObject({ resultcode: expect.any(Number) });
    try {
      for (const [operation, params] of [
        ['createMeeting', { meetingKey: 'during', hostid: 'h' }],
        ['getMeetingStatus', { meetingKey: 'before' }],
        ['addParticipant', { meetingKey: 'before', puid: 'p' }],
        ['cancelMeeting', { meetingKey: 'before' }],
      ] as const) {
        const res = await call(cli, operation, params);
        expect(res.status, operation).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(res.body, operation).toMatchObject({ resultcode: 0, error: 'internal_error' });
        expect(schemaErrors(operation, 'failure', res.body)).toBeUndefined();
      }
      // An entry page has no API answer to give: a 500 with the same JSON failure shape.
      const page = await fetch(new URL(new URL(String(made.body.hostUrl)).pathname, cli.url));
      expect(page.status).toBe(500);
      expect(page.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await page.json()).toMatchObject({ resultcode: 0, error: 'internal_error' });
    } finally {
      await adminQuery(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS true`);
    }
    // Back: the pool opens new connections on the next calls; nothing written during the outage.
    let status = await call(cli, 'getMeetingStatus', { meetingKey: 'before' });
    for (let attempt = 1; status.body.error === 'internal_error' && attempt < 10; attempt++) {
      status = await call(cli, 'getMeetingStatus', { meetingKey: 'before' });
    }
    expect(status.body).toEqual({ resultcode: 1, status: '1' });
    expect((await call(cli, 'getMeetingStatus', { meetingKey: 'during' })).body).toMatchObject({ resultcode: 0, error: 'meeting_not_found' });
    expect((await call(cli, 'createMeeting', { meetingKey: 'after', hostid: 'h' })).body.resultcode).toBe(1);
    // The request log said internal_error, and never the password.
    expect(cli.stderr()).toContain('error=internal_error');
    expect(cli.stdout() + cli.stderr()).not.toContain(PASSWORD);
  });
});

describe('a database that cannot be opened at start', () => {
  const wrongPassword = new URL(db.url);
  wrongPassword.password = 'not-the-Pa55word';
  const unknownDatabase = new URL(db.url);
  unknownDatabase.pathname = '/lm_no_such_database';
  const closedPort = new URL(db.url);
  closedPort.port = '1';
  it.each([
    ['a wrong password', wrongPassword.href, 'not-the-Pa55word', /password authentication failed/],
    ['an unknown database', unknownDatabase.href, PASSWORD, /does not exist/],
    ['a port where nothing listens', closedPort.href, PASSWORD, /ECONNREFUSED/],
    ['a malformed URL', 'postgres://user:sec%ret@[bad/db', 'sec%ret', /cannot open the PostgreSQL database/],
  ])('%s: one line on stderr, exit code 1, no password', async (_, url, secret, reason) => {
    const run = runCli(['--port', '0', '--db', url]);
    const { code } = await run.exited;
    const { stdout, stderr } = run.output();
    expect(code).toBe(1);
    expect(stderr).toMatch(/^liveminutes-sandbox: cannot open the PostgreSQL database \S+: .+\n$/);
    expect(stderr).toMatch(reason);
    expect(stdout + stderr).not.toContain(secret);
    expect(stdout).toBe('');
  });
});

describe('secrets', () => {
  it('the URL from LIVEMINUTES_SANDBOX_DB is printed without its password, and nothing logs it', async () => {
    const cli = await startCli(['--port', '0'], undefined, { ...process.env, LIVEMINUTES_SANDBOX_DB: db.url });
    running.push(cli);
    const redacted = new URL(db.url);
    redacted.password = '***';
    expect(cli.stdout()).toContain(`database:   ${redacted.href.replace('%2A%2A%2A', '***')}`);
    expect((await call(cli, 'createMeeting', { meetingKey: 'env', hostid: 'h' })).body.resultcode).toBe(1);
    expect((await call(cli, 'getMeetingStatus', { meetingKey: 'nope' })).body.error).toBe('meeting_not_found');
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
    expect(cli.stdout() + cli.stderr()).not.toContain(PASSWORD);
  });
});
