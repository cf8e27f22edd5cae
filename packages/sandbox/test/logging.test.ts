import { describe, expect, it } from 'vitest';
import { formatRequestLog } from '../src/index.js';
import { basic, call, startTestSandbox, TOKEN } from './helpers.js';

describe('request logs', () => {
  it('one entry per request with method, operation, status, resultcode, error and ms; no credential, body or entry token', async () => {
    const sandbox = await startTestSandbox();
    const made = await call(sandbox, 'createMeeting', { meetingKey: 'log-key', hostid: 'log-host', title: 'log-title' });
    await call(sandbox, 'getMeetingStatus', { meetingKey: 'log-key' }, { auth: basic('trw76p0066423', 'wrong-token') });
    await call(sandbox, 'getMeetingStatus', { meetingKey: '' });
    await fetch(`${sandbox.url}/createMeeting`);
    await fetch(`${sandbox.url}/no-such-path-secret`);
    await fetch(String(made.body.hostUrl));
    expect(sandbox.logs).toHaveLength(6);
    expect(sandbox.logs.slice(0, 4)).toMatchObject([
      { method: 'POST', route: 'createMeeting', status: 200, resultcode: 1 },
      { method: 'POST', route: 'getMeetingStatus', status: 200, resultcode: 0, error: 'auth_failed' },
      { method: 'POST', route: 'getMeetingStatus', status: 200, resultcode: 0, error: 'invalid_parameter' },
      { method: 'GET', route: 'createMeeting', status: 405, resultcode: 0, error: 'method_not_allowed' },
    ]);
    expect(sandbox.logs[4]).toMatchObject({ method: 'GET', route: '(unknown)', status: 404 });
    expect(sandbox.logs[5]).toMatchObject({ method: 'GET', route: '/e/:token' });
    for (const entry of sandbox.logs) expect(entry.ms).toBeGreaterThanOrEqual(0);
    const text = sandbox.logs.map(formatRequestLog).join('\n');
    const token = String(made.body.hostUrl).split('/e/')[1]!;
    for (const secret of [TOKEN, 'wrong-token', 'log-key', 'log-host', 'log-title', 'secret', token, basic()]) {
      expect(text).not.toContain(secret);
    }
  });

  it('formats one line', () => {
    expect(formatRequestLog({ method: 'POST', route: 'createMeeting', status: 200, resultcode: 0, error: 'auth_failed', ms: 0.42 })).toBe(
      'POST createMeeting 200 resultcode=0 error=auth_failed 0.4ms',
    );
  });

  it('logger: false is silent and a throwing logger breaks nothing', async () => {
    const quiet = await startTestSandbox({ logger: false });
    expect((await call(quiet, 'createMeeting', { meetingKey: '', hostid: 'h' })).body.resultcode).toBe(1);
    const throwing = await startTestSandbox({ logger: () => { throw new Error('log sink down'); } });
    expect((await call(throwing, 'createMeeting', { meetingKey: '', hostid: 'h' })).body.resultcode).toBe(1);
  });
});
