/**
 * The dashboard's request inspector and its paged meeting list in real
 * Chromium (JavaScript off) against a real sandbox (port 0, SQLite file): a
 * failed call shows the spec rule it broke, and an account with 10,000
 * meetings (made through the store, not HTTP) is served a page at a time.
 */
import { getRule, operationParams } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../src/index.js';
import { MEETINGS_PER_PAGE } from '../../src/pages/dashboard-paging.js';
import { basic, ok, startTestSandbox, uniqueKey } from '../helpers.js';
import { launchChromium, newContext, screenshot } from './chromium.js';

const BIG = { accountSid: 'ACmanymeetings', authToken: 'many-meetings-token-1234' };
const MEETINGS = 10_000;
const sandbox = await startTestSandbox({ accounts: [DEFAULT_ACCOUNT, BIG], limits: { sessions: MEETINGS, users: 1000 } });
const browser = await launchChromium();
const puid = operationParams('addParticipant').params.find((p) => p.name === 'puid')!;
const puidRule = getRule(puid.rules.maxLength!);

const key = (n: number) => `m-${String(n).padStart(5, '0')}`;

/** 10,000 meetings of the BIG account, straight into the store, many at a time (each batch one group commit). */
async function fillBigAccount(): Promise<void> {
  const limits = { sessions: MEETINGS, users: 1000 };
  for (let start = 1; start <= MEETINGS; start += 500) {
    const batch = [];
    for (let n = start; n < start + 500 && n <= MEETINGS; n += 1) {
      batch.push(sandbox.store.createMeeting(BIG.accountSid, { meetingKey: key(n), hostId: `host-${n % 7}`, title: `Meeting ${n}` }, limits));
    }
    for (const made of await Promise.all(batch)) expect(made.ok).toBe(true);
  }
}

describe('the request inspector and the paged dashboard in Chromium', { timeout: 120_000 }, () => {
  it('shows the account\'s calls newest first, a failed one with its rule, what was sent and the bound, and no secret', async () => {
    const meetingKey = uniqueKey('inspector');
    const made = await ok(sandbox, 'createMeeting', { meetingKey, hostid: 'host-1', title: 'Inspected meeting' });
    expect(made.resultcode).toBe(1);
    const added = await ok(sandbox, 'addParticipant', { meetingKey, puid: 'ann', nickname: 'Ann' });
    expect(added.resultcode).toBe(1);
    const tooLong = 'x'.repeat(puid.maxLength! + 1);
    const refused = await ok(sandbox, 'addParticipant', { meetingKey, puid: tooLong });
    expect(refused).toMatchObject({ resultcode: 0, error: 'invalid_parameter', param: 'puid' });
    expect(refused.message).toContain(`(rule ${puidRule.id})`);

    const context = await newContext(browser, { httpCredentials: { username: DEFAULT_ACCOUNT.accountSid, password: DEFAULT_ACCOUNT.authToken } });
    const page = await context.newPage();
    expect((await page.goto(`${sandbox.url}/`))?.status()).toBe(200);
    const rows = page.locator('table.calls tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await rows.nth(0).getAttribute('data-operation')).toBe('addParticipant');
    expect(await rows.nth(1).getAttribute('data-operation')).toBe('addParticipant');
    expect(await rows.nth(2).getAttribute('data-operation')).toBe('createMeeting');

    const failed = rows.nth(0);
    expect(await failed.getAttribute('class')).toBe('call failed');
    expect(await failed.getAttribute('data-rule')).toBe(puidRule.id);
    expect(await failed.locator('.rule').textContent()).toBe(puidRule.id);
    const details = await failed.locator('dl.failure').innerText();
    expect(details).toContain(`(${puidRule.level}): ${puidRule.title}`);
    expect(details).toContain(`${tooLong} (${puid.maxLength! + 1} characters)`);
    expect(await failed.locator('.bound').textContent()).toBe(`maxLength ${puid.maxLength}`);
    expect(await rows.nth(1).getAttribute('class')).toBe('call');

    const html = await page.content();
    for (const secret of [DEFAULT_ACCOUNT.authToken, BIG.authToken, made.hostUrl, added.participantUrl, basic()]) expect(html).not.toContain(secret);
    expect(html).toContain(`${sandbox.publicUrl}/e/[redacted]`);
    await screenshot(page, 'dashboard-inspector');
    await context.close();
  });

  it('serves 10,000 meetings a page at a time: the first page under 300 KB, the second page in Chromium, and a search', async () => {
    await fillBigAccount();
    const newestFirst = (await sandbox.store.listMeetings(BIG.accountSid)).map((m) => m.meetingKey);
    expect(newestFirst.length).toBe(MEETINGS);

    const first = await fetch(`${sandbox.url}/`, { headers: { authorization: basic(BIG.accountSid, BIG.authToken) } });
    expect(first.status).toBe(200);
    const bytes = (await first.arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(300 * 1024);
    expect(bytes).toBeGreaterThan(MEETINGS_PER_PAGE * 200); // a page of meetings, not an empty shell

    const context = await newContext(browser, { httpCredentials: { username: BIG.accountSid, password: BIG.authToken } });
    const page = await context.newPage();
    expect((await page.goto(`${sandbox.url}/`))?.status()).toBe(200);
    await page.locator('nav.pager a[rel="next"]').first().click();
    expect(new URL(page.url()).search).toBe('?page=2');
    const pages = Math.ceil(MEETINGS / MEETINGS_PER_PAGE);
    expect(await page.locator('.page-position').first().textContent()).toBe(`Page 2 of ${pages}`);
    expect(await page.locator('#meeting-count').getAttribute('data-count')).toBe(String(MEETINGS));
    const shown = await page.locator('section.meeting').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-meeting-key')));
    expect(shown).toEqual(newestFirst.slice(MEETINGS_PER_PAGE, MEETINGS_PER_PAGE * 2));
    expect(await page.locator(`#meeting-${MEETINGS_PER_PAGE + 1}`).textContent()).toBe(`Meeting ${newestFirst[MEETINGS_PER_PAGE]!.slice(2).replace(/^0+/, '')}`);
    // The top of the page (search, position, first meetings) and its end (the pager again); 50 meetings make a tall page.
    await page.setViewportSize({ width: 1280, height: 1200 });
    await screenshot(page, 'dashboard-10000-meetings-page-2', { fullPage: false });
    await page.locator('nav.pager').last().scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-10000-meetings-page-2-end', { fullPage: false });

    // The search form (GET, no script) finds the ten keys m-0999x, and page links keep the search.
    await page.locator('#q').fill('m-0999');
    await page.locator('form.search button').click();
    expect(new URL(page.url()).searchParams.get('q')).toBe('m-0999');
    expect(await page.locator('#meeting-count').getAttribute('data-count')).toBe('10');
    const found = await page.locator('section.meeting').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-meeting-key')));
    expect(found.sort()).toEqual(Array.from({ length: 10 }, (_, i) => key(9990 + i)));
    expect(await page.locator('nav.pager').count()).toBe(0);

    // Past the last page: the last page; a bad page number: a clear 400 page.
    const last = await page.goto(`${sandbox.url}/?page=${pages + 5}`);
    expect(last?.status()).toBe(200);
    expect(await page.locator('.page-position').first().textContent()).toBe(`Page ${pages} of ${pages}`);
    const bad = await page.goto(`${sandbox.url}/?page=zero`);
    expect(bad?.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain('page must be a whole number from 1.');
    await context.close();
  });
});
