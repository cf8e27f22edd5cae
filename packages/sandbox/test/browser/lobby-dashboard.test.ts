/**
 * The lobby, the cancelled pages and the dashboard in real Chromium,
 * JavaScript off, against a real sandbox (startSandbox, port 0, SQLite file)
 * with two accounts.
 */
import { getEnum } from '@org/liveminutes-spec';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../src/index.js';
import { basic, ok, startTestSandbox, uniqueKey } from '../helpers.js';
import { launchChromium, newContext, screenshot, startPartnerSite } from './chromium.js';

const OTHER = { accountSid: 'ACbrowser2', authToken: 'browser-second-token' };
const sandbox = await startTestSandbox({ accounts: [DEFAULT_ACCOUNT, OTHER] });
const browser = await launchChromium();
const anonymous = await newContext(browser);
const partner = await startPartnerSite();
const asOther = { auth: basic(OTHER.accountSid, OTHER.authToken) };

async function meeting(title: string, participants: string[] = [], options?: { auth: string }) {
  const meetingKey = uniqueKey('lobby');
  const made = await ok(sandbox, 'createMeeting', { meetingKey, hostid: 'host-9', title, time: '2027-03-04 05:06:07' }, options);
  expect(made.resultcode).toBe(1);
  const urls: Record<string, string> = {};
  for (const puid of participants) {
    const added = await ok(sandbox, 'addParticipant', { meetingKey, puid, nickname: `Nick ${puid}` }, options);
    expect(added.resultcode).toBe(1);
    urls[puid] = added.participantUrl!;
  }
  return { meetingKey, meetingUrl: made.meetingUrl!, hostUrl: made.hostUrl!, participantUrls: urls };
}

describe('lobby, cancelled pages and dashboard in Chromium', { timeout: 60_000 }, () => {
  it('shows the lobby with title, time, status and participant count, also inside an iframe', async () => {
    const m = await meeting('Quarterly <review>', ['a', 'b', 'c']);
    const status = getEnum('MeetingStatus').find((s) => s.value === '1')!;
    const page = await anonymous.newPage();
    const response = await page.goto(m.meetingUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.title()).toContain('Quarterly <review>');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Quarterly <review>');
    expect(await page.locator('time').getAttribute('datetime')).toBe('2027-03-04T05:06:07Z');
    expect(await page.locator('#meeting-status').textContent()).toContain(`${status.name} (status ${status.value}): ${status.description}`);
    expect(await page.locator('#participant-count').textContent()).toBe('3 participants');
    expect(await page.locator('button').count()).toBe(0);
    await screenshot(page, 'lobby');

    const embedded = await anonymous.newPage();
    await embedded.goto(partner.embedUrl(m.meetingUrl));
    const frame = embedded.frameLocator('iframe[title="LiveMinutes"]');
    expect(await frame.locator('#participant-count').textContent()).toBe('3 participants');
    await screenshot(embedded, 'lobby-iframe');
    await page.close();
    await embedded.close();
  });

  it('answers 410 with a clear page for a cancelled participant, and for every URL of a cancelled meeting', async () => {
    const m = await meeting('To cancel', ['stay', 'go']);
    expect((await ok(sandbox, 'cancelParticipant', { meetingKey: m.meetingKey, puid: 'go' })).resultcode).toBe(1);
    const page = await anonymous.newPage();
    const gone = await page.goto(m.participantUrls.go!);
    expect(gone?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Invitation cancelled');
    expect(await page.getByRole('alert').textContent()).toContain('cancelled');
    await screenshot(page, 'participant-cancelled-410');
    expect((await page.goto(m.participantUrls.stay!))?.status()).toBe(200);
    expect((await page.goto(m.meetingUrl))?.status()).toBe(200);
    expect(await page.locator('#participant-count').textContent()).toBe('1 participant');

    expect((await ok(sandbox, 'cancelMeeting', { meetingKey: m.meetingKey })).resultcode).toBe(1);
    for (const url of [m.hostUrl, m.participantUrls.stay!, m.meetingUrl]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(410);
      expect(await page.getByRole('alert').textContent()).toContain('cancelled');
    }
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Meeting cancelled');
    await screenshot(page, 'meeting-cancelled-410');
    await page.close();
  });

  it('asks for credentials on the dashboard, then lists only the signed-in account', async () => {
    const mine = await meeting('Mine on the dashboard', ['p-mine']);
    const theirs = await meeting('Theirs on the dashboard', ['p-theirs'], asOther);

    // Without credentials headless Chromium cancels the challenge (the navigation fails with
    // ERR_INVALID_AUTH_CREDENTIALS); with wrong ones it answers the challenge, then shows the 401 page.
    const challenged = async (page: Page) => {
      const answers: Response[] = [];
      page.on('response', (r) => {
        if (r.url() === `${sandbox.url}/`) answers.push(r);
      });
      await page.goto(`${sandbox.url}/`).catch((error: Error) => expect(error.message).toContain('ERR_INVALID_AUTH_CREDENTIALS'));
      for (const answer of answers) {
        expect(answer.status()).toBe(401);
        expect(answer.headers()['www-authenticate']).toMatch(/^Basic realm="LiveMinutes sandbox"/);
        expect(answer.headers()['content-type']).toBe('text/html; charset=utf-8');
      }
      expect(answers.length).toBeGreaterThan(0);
    };
    await challenged(await anonymous.newPage());
    const wrong = await newContext(browser, { httpCredentials: { username: DEFAULT_ACCOUNT.accountSid, password: OTHER.authToken } });
    await challenged(await wrong.newPage());

    const signedIn = await newContext(browser, {
      httpCredentials: { username: DEFAULT_ACCOUNT.accountSid, password: DEFAULT_ACCOUNT.authToken },
    });
    const dash = await signedIn.newPage();
    expect((await dash.goto(`${sandbox.url}/`))?.status()).toBe(200);
    const section = dash.locator(`section[data-meeting-key="${mine.meetingKey}"]`);
    expect(await section.getByRole('heading', { level: 3 }).textContent()).toBe('Mine on the dashboard');
    expect(await section.locator('tr[data-puid="p-mine"]').getAttribute('data-status')).toBe('2');
    expect(await section.locator('.status').getAttribute('data-status')).toBe('1');
    const html = await dash.content();
    expect(html).not.toContain(theirs.meetingKey);
    expect(html).not.toContain('Theirs on the dashboard');
    for (const secret of [DEFAULT_ACCOUNT.authToken, OTHER.authToken, mine.hostUrl, mine.participantUrls['p-mine']!]) {
      expect(html).not.toContain(secret);
    }
    await screenshot(dash, 'dashboard-default-account');

    const other = await newContext(browser, { httpCredentials: { username: OTHER.accountSid, password: OTHER.authToken } });
    const otherDash = await other.newPage();
    await otherDash.goto(`${sandbox.url}/`);
    expect(await otherDash.locator('section.meeting').count()).toBe(1);
    expect(await otherDash.locator(`section[data-meeting-key="${theirs.meetingKey}"]`).count()).toBe(1);
    expect(await otherDash.content()).not.toContain(mine.meetingKey);
  });
});
