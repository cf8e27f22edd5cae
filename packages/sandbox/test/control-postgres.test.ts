/**
 * Accounts the control API creates are kept in the store: with two sandbox
 * processes (the CLI, as deployed) on one PostgreSQL database, an account made
 * through one works through the other, API, control API and dashboard alike,
 * with its own quotas; a reset through either empties it for both.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sandboxControl } from '../src/index.js';
import { basic, call, SID, TOKEN } from './helpers.js';
import { createTestDatabase } from './postgres.js';
import { startCli, type CliProcess } from './process.js';

// Real processes and a real database on a shared, loaded machine: generous limits (nothing here waits on a clock).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const db = await createTestDatabase('control_accounts');
const running: CliProcess[] = [];
afterAll(async () => {
  for (const cli of running) cli.child.kill('SIGKILL');
  await Promise.all(running.map((cli) => cli.exited));
});

describe('accounts created through the control API, two processes on one PostgreSQL database', () => {
  it('work through the other process, with their quotas, and a reset there empties them for both', async () => {
    const [a, b] = await Promise.all(
      [0, 1].map(async () => {
        const cli = await startCli(['--port', '0', '--quiet', '--db', db.url, '--db-pool', '2']);
        running.push(cli);
        return cli;
      }),
    );
    const account = await sandboxControl({ baseUrl: a!.url, accountSid: SID, authToken: TOKEN }).createAccount({ limits: { sessions: 1 } });
    const auth = { auth: basic(account.accountSid, account.authToken) };
    expect((await call(b!, 'createMeeting', { meetingKey: 'shared', hostid: 'h' }, auth)).body.resultcode).toBe(1);
    expect((await call(a!, 'createMeeting', { meetingKey: 'second', hostid: 'h' }, auth)).body.error).toBe('limit_exceeded');
    expect((await call(b!, 'createMeeting', { meetingKey: 'second', hostid: 'h' }, auth)).body.error).toBe('limit_exceeded');
    expect(await sandboxControl({ baseUrl: b!.url, ...account }).moveMeeting({ meetingKey: 'shared', action: 'start' })).toMatchObject({ to: '8' });
    expect((await call(a!, 'getMeetingStatus', { meetingKey: 'shared' }, auth)).body).toEqual({ resultcode: 1, status: '8' });
    expect((await fetch(`${b!.url}/`, { headers: { authorization: auth.auth } })).status).toBe(200);
    // A wrong token for the stored account fails on a process that has not learnt it yet, and on one that has.
    const wrong = { auth: basic(account.accountSid, `${account.authToken}x`) };
    for (const cli of [a!, b!]) expect((await call(cli, 'getMeetingStatus', { meetingKey: 'shared' }, wrong)).body.error).toBe('auth_failed');
    expect(await sandboxControl({ baseUrl: b!.url, ...account }).resetAccount()).toEqual({ accountSid: account.accountSid, deletedMeetings: 1 });
    expect((await call(a!, 'getMeetingStatus', { meetingKey: 'shared' }, auth)).body.error).toBe('meeting_not_found');
    expect((await call(a!, 'createMeeting', { meetingKey: 'again', hostid: 'h' }, auth)).body.resultcode).toBe(1);
    // The database holds the token's digest, never the token.
    const rows = await db.query<{ token_digest: string }>('SELECT token_digest FROM accounts WHERE account_sid = $1', [account.accountSid]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(await db.query('SELECT * FROM accounts'))).not.toContain(account.authToken);
    for (const cli of [a!, b!]) expect(cli.stdout() + cli.stderr()).not.toContain(account.authToken);
  });
});
