/**
 * Applications in other languages behind the observing proxy: a PHP (curl) and
 * a Python (urllib) integration with one deliberate mistake each get exactly
 * that finding, with the right rule, blamed on the client; without a mistake,
 * none at all, in front of a correct sandbox.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeWhile } from '../support/observe-while.js';

const run = promisify(execFile);
const account = { accountSid: `ACapp${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const APPS = {
  php: ['php', fileURLToPath(new URL('../fixtures/apps/app.php', import.meta.url))],
  python: ['python3', fileURLToPath(new URL('../fixtures/apps/app.py', import.meta.url))],
} as const;

/** Each mistake, the rule it breaks and the traffic check that finds it. */
const MISTAKES = [
  ['get', 'transport.post-path', 'request.method'],
  ['json', 'transport.form-body', 'request.content-type'],
  ['long-puid', 'param.user-id-length', 'request.parameters'],
  ['repeated', 'transport.repeated-parameter', 'request.repeated-parameter'],
  ['bad-time', 'param.time-format', 'request.parameters'],
  ['no-credentials', 'auth.basic', 'request.credentials'],
] as const;

let sandbox: Sandbox;
let runs = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [account], logger: false });
});
afterAll(async () => {
  await sandbox.close();
});

async function observeApp(app: keyof typeof APPS, mistake: string) {
  runs += 1;
  const [command, script] = APPS[app];
  const env = { ...process.env, LM_SID: account.accountSid, LM_TOKEN: account.authToken, LM_MISTAKE: mistake, LM_RUN: `${app}${runs}-${mistake}` };
  const { report } = await observeWhile(sandbox.url, async (url) => {
    const { stdout } = await run(command, [script], { env: { ...env, LM_BASE_URL: url }, timeout: 60_000 });
    // The app ran its whole flow through the proxy (bad-time makes createMeeting fail on purpose).
    expect(stdout.trim()).toBe(mistake === 'bad-time' ? 'not created' : 'created');
  });
  return report;
}

describe.each(Object.keys(APPS) as Array<keyof typeof APPS>)('a %s application behind the proxy', (app) => {
  it('without mistakes: no finding, every exchange seen', { timeout: 120_000 }, async () => {
    const report = await observeApp(app, 'none');
    expect(report.findings).toEqual([]);
    expect(report.exchanges).toBe(8);
    expect(report.ok).toBe(true);
  });

  it.each(MISTAKES)('with the mistake %s: one finding of %s, on the client', { timeout: 120_000 }, async (mistake, rule, check) => {
    const report = await observeApp(app, mistake);
    expect(report.findings.map((finding) => ({ rule: finding.rule, side: finding.side, check: finding.check }))).toEqual([{ rule, side: 'client', check }]);
    expect(report.counts[rule]).toMatchObject({ client: 1, server: 0 });
    expect(report.ok).toBe(report.findings[0]?.level !== 'MUST');
    expect(JSON.stringify(report)).not.toContain(account.authToken);
  });
});
