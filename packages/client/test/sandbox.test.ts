import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  ValidationError,
  createClient,
  type LiveMinutesClient,
} from '../src/index.js';

// The reference server, for real: the README's example and the client's mapping of real answers.
const root = fileURLToPath(new URL('..', import.meta.url));
const documentAccount = { accountSid: 'trw76p0066423', authToken: 'eurn568nfkkg9862iomdnnv987iir' };
let sandbox: Sandbox;
let lm: LiveMinutesClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, logger: false });
  lm = createClient({ ...documentAccount, baseUrl: sandbox.url });
});
afterAll(() => sandbox.close());

describe('against the sandbox', () => {
  it('the README\'s first example runs as written (with the sandbox\'s port)', async () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("from '@org/liveminutes-client'");
    expect(readme.trimStart().split('```js')[0]?.split('\n').filter((line) => line.trim()).length).toBeLessThan(5);
    mkdirSync(`${root}test-artifacts`, { recursive: true });
    const file = `${root}test-artifacts/readme-example.mjs`;
    writeFileSync(file, (example ?? '').replace('http://127.0.0.1:4010', sandbox.url));
    // A fresh Node process on a busy machine can take tens of seconds to start: a generous bound, not a race.
    const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: root, timeout: 150_000 });
    expect(stdout).toMatch(new RegExp(`${sandbox.url}/[0-9A-Z]{6} ${sandbox.url}/e/LIVE[0-9A-Z]{20} ${sandbox.url}/e/LIVE[0-9A-Z]{20}`));
    expect(stdout).toContain("name: 'start'");
    expect(stdout.trim().endsWith('meeting_not_found')).toBe(true);
  }, 180_000);

  it('all 8 operations, with the real answers mapped', async () => {
    const { meetingKey, meetingUrl, hostUrl } = await lm.createMeeting({ meetingKey: '', hostid: 'host-1', time: new Date(), duration: 30 });
    expect(meetingKey).not.toBe('');
    await expect(lm.createMeeting({ meetingKey, hostid: 'host-1' })).resolves.toStrictEqual({ meetingKey, meetingUrl, hostUrl });
    await expect(lm.createMeeting({ meetingKey, hostid: 'host-2' })).rejects.toBeInstanceOf(ConflictError);
    const { participantUrl } = await lm.addParticipant({ meetingKey, puid: 'p-1', nickname: 'Ann' });
    await expect(lm.getParticipantUrl({ meetingKey, puid: 'p-1' })).resolves.toStrictEqual({ participantUrl });
    await expect(lm.getMeetingUrl({ meetingKey })).resolves.toStrictEqual({ meetingUrl });
    await expect(lm.getMeetingStatus({ meetingKey })).resolves.toMatchObject({ status: '1', name: 'start' });
    await expect(lm.getParticipantStatus({ meetingKey, puid: 'p-1' })).resolves.toMatchObject({ status: '2', name: 'accept' });
    await expect(lm.cancelParticipant({ meetingKey, puid: 'p-1' })).resolves.toStrictEqual({ meetingKey });
    await expect(lm.getParticipantUrl({ meetingKey, puid: 'p-1' })).rejects.toMatchObject({ code: 'participant_not_found', name: 'NotFoundError' });
    await expect(lm.cancelMeeting({ meetingKey })).resolves.toStrictEqual({ meetingKey });
    await expect(lm.getMeetingStatus({ meetingKey })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a wrong AuthToken is an AuthenticationError', async () => {
    const wrong = createClient({ ...documentAccount, authToken: 'wrong-token', baseUrl: sandbox.url });
    await expect(wrong.getMeetingUrl({ meetingKey: 'abcdef' })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('the server\'s own invalid_parameter (through raw, past the client\'s checks) is read too', async () => {
    const { data } = await lm.raw.POST('/createMeeting', { body: { meetingKey: '', hostid: 'x'.repeat(51) } });
    expect(data).toMatchObject({ resultcode: 0, error: 'invalid_parameter', param: 'hostid' });
    await expect(lm.createMeeting({ meetingKey: '', hostid: 'x'.repeat(51) })).rejects.toBeInstanceOf(ValidationError);
  });
});
