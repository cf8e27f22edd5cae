import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { testTriggerPrefix, testTriggers } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { basic, call, SID, TOKEN, tempDir } from './helpers.js';
import { runCli, startCli } from './process.js';

const dir = tempDir();

describe('liveminutes-sandbox CLI', () => {
  it('prints its URL and the default AccountSid, never the token', async () => {
    const cli = await startCli(['--port', '0', '--quiet']);
    try {
      expect(cli.stdout()).toContain(SID);
      expect(cli.stdout()).toContain('database:   :memory:');
      expect(cli.stdout() + cli.stderr()).not.toContain(TOKEN);
      expect((await call(cli, 'createMeeting', { meetingKey: '', hostid: 'h' })).body.resultcode).toBe(1);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('uses the --account pairs instead of the default, prints their sids only, logs without secrets', async () => {
    const cli = await startCli(['--port', '0', '--account', 'AC1:tok-secret-one', '--account', 'AC2:tok-secret-two', '--db', join(dir, 'accounts.db')]);
    try {
      expect(cli.stdout()).toMatch(/account:\s+AC1/);
      expect(cli.stdout()).toMatch(/account:\s+AC2/);
      expect((await call(cli, 'createMeeting', { meetingKey: 'k', hostid: 'h' }, { auth: basic('AC1', 'tok-secret-one') })).body.resultcode).toBe(1);
      expect((await call(cli, 'getMeetingStatus', { meetingKey: 'k' }, { auth: basic('AC2', 'tok-secret-two') })).body.error).toBe('meeting_not_found');
      expect((await call(cli, 'getMeetingStatus', { meetingKey: 'k' })).body.error).toBe('auth_failed');
      // The log line is written after the answer: wait for it rather than for a while.
      await cli.stderrContains('POST getMeetingStatus 200 resultcode=0 error=auth_failed');
      expect(cli.stderr()).toContain('POST createMeeting 200 resultcode=1');
      for (const secret of ['tok-secret-one', 'tok-secret-two', TOKEN]) expect(cli.stdout() + cli.stderr()).not.toContain(secret);
    } finally {
      cli.child.kill('SIGINT');
      expect((await cli.exited).code).toBe(0);
    }
  });

  it('--limits sets every account\'s quotas', async () => {
    const cli = await startCli(['--port', '0', '--quiet', '--limits', 'users=2,sessions=1']);
    try {
      expect(cli.stdout()).toContain('limits:     users=2,sessions=1 per account');
      expect((await call(cli, 'createMeeting', { meetingKey: 'q1', hostid: 'h' })).body.resultcode).toBe(1);
      expect((await call(cli, 'createMeeting', { meetingKey: 'q2', hostid: 'h' })).body.error).toBe('limit_exceeded');
      expect((await call(cli, 'addParticipant', { meetingKey: 'q1', puid: 'p1' })).body.resultcode).toBe(1);
      expect((await call(cli, 'addParticipant', { meetingKey: 'q1', puid: 'p2' })).body.error).toBe('limit_exceeded');
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('honours the test triggers by default and not with --no-test-triggers, and says which', async () => {
    const trigger = testTriggers().find((t) => t.operation === 'createMeeting' && 'error' in t.effect && t.effect.error === 'limit_exceeded')!;
    for (const [flags, expected] of [
      [[], { resultcode: 0, error: 'limit_exceeded' }],
      [['--no-test-triggers'], { resultcode: 1 }],
    ] as const) {
      const cli = await startCli(['--port', '0', '--quiet', ...flags]);
      try {
        expect(cli.stdout()).toContain(flags.length === 0 ? `test triggers: on (values starting with ${testTriggerPrefix()})` : 'test triggers: off');
        expect((await call(cli, 'createMeeting', { [trigger.param]: trigger.value, hostid: 'h' })).body).toMatchObject(expected);
      } finally {
        cli.child.kill('SIGTERM');
        await cli.exited;
      }
    }
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--account', 'no-colon']],
    [['--account', ':token']],
    [['--bogus']],
    [['--limits', 'users=0']],
    [['--limits', 'seats=3']],
  ])('refuses %j with exit code 2 and the usage', async (args) => {
    const run = runCli(args);
    expect((await run.exited).code).toBe(2);
    expect(run.output().stderr).toContain('Usage: liveminutes-sandbox');
  });

  it('SIGTERM stops accepting, finishes the request in flight, then closes the database', async () => {
    const db = join(dir, 'graceful.db');
    const cli = await startCli(['--port', '0', '--db', db, '--quiet']);
    const { port } = new URL(cli.url);
    const body = 'meetingKey=in-flight&hostid=h';
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    // Expect: 100-continue makes the server say when it has read the headers: from then on the
    // request is in flight (an event, where a sleep would race a busy machine).
    const continued = new Promise<void>((resolve) => socket.on('data', () => {
      if (response.includes('100 Continue')) resolve();
    }));
    socket.write(
      `POST /createMeeting HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await continued;
    socket.write(body.slice(0, 10));
    cli.child.kill('SIGTERM');
    await cli.stderrContains('SIGTERM: finishing in-flight requests');
    // No new connections once closing (the listening socket closes in the same turn as that line).
    const probe = () =>
      new Promise<boolean>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
    let refused = await probe();
    for (let i = 0; !refused && i < 100; i++) refused = await new Promise((resolve) => setImmediate(resolve)).then(probe);
    expect(refused).toBe(true);
    expect(existsSync(db)).toBe(true);
    socket.write(body.slice(10));
    const exit = await cli.exited;
    expect(exit.code).toBe(0);
    expect(response).toContain('HTTP/1.1 200');
    expect(response).toContain('"resultcode":1');
    // A clean close checkpoints the WAL and removes it.
    expect(existsSync(`${db}-wal`)).toBe(false);
    const again = await startCli(['--port', '0', '--db', db, '--quiet']);
    try {
      expect((await call(again, 'getMeetingStatus', { meetingKey: 'in-flight' })).body).toEqual({ resultcode: 1, status: '1' });
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});

describe('startSandbox', () => {
  it('refuses a bad publicUrl or account list and leaves nothing listening', async () => {
    const { startSandbox } = await import('../src/index.js');
    await expect(startSandbox({ publicUrl: 'ftp://example.com', logger: false })).rejects.toThrow(/http/);
    await expect(startSandbox({ publicUrl: 'not a url', logger: false })).rejects.toThrow();
    await expect(startSandbox({ accounts: [], logger: false })).rejects.toThrow(/account/);
  });

  it('close() is idempotent', async () => {
    const { startSandbox } = await import('../src/index.js');
    const sandbox = await startSandbox({ logger: false });
    await Promise.all([sandbox.close(), sandbox.close()]);
    await sandbox.close();
    // The database is closed: the store refuses work.
    await expect(sandbox.store.usage('AC')).rejects.toThrow();
  });
});
