/**
 * The entry pages in real Chromium, JavaScript off, against a real sandbox
 * (startSandbox, port 0, SQLite file): every transition of both lifecycles by
 * clicking the page's buttons, at the top level and inside a cross-origin
 * iframe, each step checked on the page and through the API.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { actionLabel } from '../../src/pages/entry-page.js';
import {
  entryLifecycle,
  coveringWalk,
  describeStatus,
  isFinal,
  type EntryKind,
  type Transition,
} from '../../src/pages/entry-actions.js';
import { call, ok, startTestSandbox, uniqueKey } from '../helpers.js';
import { launchChromium, newContext, screenshot, startPartnerSite } from './chromium.js';

const meetingLifecycle = entryLifecycle('host');
const participantLifecycle = entryLifecycle('participant');
const allowedTransitions = (kind: EntryKind, status: string) => entryLifecycle(kind).from(status);
const transitions = (kind: EntryKind) => entryLifecycle(kind).transitions;

const sandbox = await startTestSandbox();
const browser = await launchChromium();
const context = await newContext(browser);
const partner = await startPartnerSite();

/** A new meeting with one participant; returns its key, puid and entry URLs. */
async function meeting(title = 'Browser walk') {
  const meetingKey = uniqueKey('browser');
  const made = await ok(sandbox, 'createMeeting', { meetingKey, hostid: 'host-1', title, time: '2026-12-01 09:30:00', duration: '30' });
  const added = await ok(sandbox, 'addParticipant', { meetingKey, puid: 'guest-1', nickname: 'Guest <One>' });
  expect(made.resultcode).toBe(1);
  expect(added.resultcode).toBe(1);
  return { meetingKey, puid: 'guest-1', hostUrl: made.hostUrl!, participantUrl: added.participantUrl!, meetingUrl: made.meetingUrl! };
}

/** The status through the API: getMeetingStatus for the host, getParticipantStatus for a participant. */
async function apiStatus(kind: EntryKind, m: { meetingKey: string; puid: string }): Promise<string> {
  const body =
    kind === 'host'
      ? await ok(sandbox, 'getMeetingStatus', { meetingKey: m.meetingKey })
      : await ok(sandbox, 'getParticipantStatus', { meetingKey: m.meetingKey, puid: m.puid });
  expect(body.resultcode).toBe(1);
  return body.status!;
}

const statusId = (kind: EntryKind) => (kind === 'host' ? 'meeting-status' : 'participant-status');

/** Waits until the frame shows `status`, then returns the action values of its buttons. */
async function shownStatus(frame: Frame, kind: EntryKind, status: string): Promise<string[]> {
  const box = frame.locator(`#${statusId(kind)}`);
  await frame.locator(`#${statusId(kind)}[data-status="${status}"]`).waitFor({ timeout: 10_000 });
  expect(await box.textContent()).toContain(describeStatus(kind, status).description);
  return frame.locator('button[name="action"]').evaluateAll((buttons) => buttons.map((b) => (b as HTMLButtonElement).value));
}

/** Clicks the labelled button of a transition and waits for post (303) and redirect (GET 200). */
async function click(page: Page, frame: Frame, kind: EntryKind, step: Transition, url: string): Promise<void> {
  const posted = page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST');
  const reloaded = page.waitForResponse((r) => r.url() === url && r.request().method() === 'GET');
  await frame.getByRole('button', { name: actionLabel(kind, step.action, step.from), exact: true }).click();
  expect((await posted).status()).toBe(303);
  expect((await reloaded).status()).toBe(200);
}

/** Opens `url` at the top level or inside the partner site's iframe; returns the frame that shows it. */
async function open(page: Page, url: string, embedded: boolean, sandboxed?: string): Promise<Frame> {
  if (!embedded) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    return page.mainFrame();
  }
  const loaded = page.waitForResponse((r) => r.url() === url);
  await page.goto(partner.embedUrl(url, sandboxed));
  expect((await loaded).status()).toBe(200);
  const frame = page.frames().find((f) => f.url() === url);
  if (!frame) throw new Error('The iframe did not load the entry page');
  expect(new URL(page.url()).origin).not.toBe(new URL(url).origin);
  return frame;
}

describe('entry pages in Chromium', { timeout: 120_000 }, () => {
  const cases = (['host', 'participant'] as const).flatMap((kind) =>
    [false, true].map((embedded) => ({ kind, embedded, where: embedded ? 'in a cross-origin iframe' : 'at the top level' })),
  );

  it.each(cases)('$kind: every transition by clicking, $where', async ({ kind, embedded, where }) => {
    const m = await meeting(`Walk ${kind} ${where}`);
    const url = kind === 'host' ? m.hostUrl : m.participantUrl;
    const page = await context.newPage();
    const frame = await open(page, url, embedded);
    const walk = coveringWalk(kind);
    expect(new Set(walk)).toEqual(new Set(transitions(kind)));
    for (const [i, step] of walk.entries()) {
      const offered = await shownStatus(frame, kind, step.from);
      expect(offered).toEqual(allowedTransitions(kind, step.from).map((t) => t.action));
      expect(await apiStatus(kind, m)).toBe(step.from);
      await click(page, frame, kind, step, url);
      const after = await shownStatus(frame, kind, step.to);
      expect(after).toEqual(allowedTransitions(kind, step.to).map((t) => t.action));
      expect(await apiStatus(kind, m)).toBe(step.to);
      await screenshot(page, `${kind}-${embedded ? 'iframe' : 'top'}-${i + 1}-${step.action}-${step.to}`);
    }
    await page.close();
  });

  it('moves a participant in progress to quit when the host ends the meeting, and then offers nothing', async () => {
    const m = await meeting('Ending');
    const page = await context.newPage();
    const guest = await open(page, m.participantUrl, false);
    const join = transitions('participant').find((t) => t.from === participantLifecycle.initial && t.action === 'join')!;
    await click(page, guest, 'participant', join, m.participantUrl);
    expect(await apiStatus('participant', m)).toBe(join.to);

    const hostPage = await context.newPage();
    const host = await open(hostPage, m.hostUrl, true);
    const start = transitions('host').find((t) => t.from === meetingLifecycle.initial)!;
    const end = transitions('host').find((t) => t.from === start.to && isFinal('host', t.to))!;
    for (const step of [start, end]) await click(hostPage, host, 'host', step, m.hostUrl);
    expect(await apiStatus('host', m)).toBe(end.to);

    const quit = transitions('participant').find((t) => t.from === join.to && t.action === 'leave')!.to;
    expect(await apiStatus('participant', m)).toBe(quit);
    await page.reload();
    expect(await shownStatus(guest, 'participant', quit)).toEqual([]);
    expect(await guest.locator('#meeting-status').getAttribute('data-status')).toBe(end.to);
    expect(await guest.locator('#no-actions').textContent()).toContain('the meeting is over');
    await screenshot(page, 'participant-after-meeting-end');
    await page.close();
    await hostPage.close();
  });

  it('answers a click on a stale page with 409, changes nothing, and links back to the current status', async () => {
    const m = await meeting('Stale');
    const [first, second] = [await context.newPage(), await context.newPage()];
    const a = await open(first, m.hostUrl, false);
    const b = await open(second, m.hostUrl, false);
    const start = coveringWalk('host')[0]!;
    await click(first, a, 'host', start, m.hostUrl);
    const refused = second.waitForResponse((r) => r.url() === m.hostUrl && r.request().method() === 'POST');
    await b.getByRole('button', { name: actionLabel('host', start.action), exact: true }).click();
    expect((await refused).status()).toBe(409);
    await b.locator('#message').waitFor();
    expect(await b.locator('#message').textContent()).toContain('not possible');
    expect(await apiStatus('host', m)).toBe(start.to);
    await screenshot(second, 'host-stale-409');
    await b.getByRole('link', { name: 'Back to the page' }).click();
    expect(await shownStatus(b, 'host', start.to)).toEqual(allowedTransitions('host', start.to).map((t) => t.action));
    await first.close();
    await second.close();
  });

  it.each(['host', 'participant'] as const)(
    '%s page: landmarks, one h1, one status, named buttons, and a transition by keyboard alone',
    async (kind) => {
      const m = await meeting('Accessible');
      const url = kind === 'host' ? m.hostUrl : m.participantUrl;
      const page = await context.newPage();
      const frame = await open(page, url, false);
      for (const role of ['banner', 'main', 'contentinfo', 'status'] as const) expect(await page.getByRole(role).count()).toBe(1);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      const tree = await page.getByRole('main').ariaSnapshot();
      const initial = kind === 'host' ? meetingLifecycle.initial : participantLifecycle.initial;
      for (const t of allowedTransitions(kind, initial)) expect(tree).toContain(`button "${actionLabel(kind, t.action)}"`);

      // Tab from the top of the page to the first button, then Enter.
      const first = allowedTransitions(kind, initial)[0]!;
      const posted = page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST');
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value ?? '');
        if (focused === first.action) break;
      }
      await page.keyboard.press('Enter');
      expect((await posted).status()).toBe(303);
      await shownStatus(frame, kind, first.to);
      expect(await apiStatus(kind, m)).toBe(first.to);
      await page.close();
    },
  );

  it('works in an iframe sandboxed with nothing but allow-forms', async () => {
    const m = await meeting('Sandboxed frame');
    const page = await context.newPage();
    const frame = await open(page, m.participantUrl, true, 'allow-forms');
    const first = coveringWalk('participant')[0]!;
    await click(page, frame, 'participant', first, m.participantUrl);
    expect(await shownStatus(frame, 'participant', first.to)).toEqual(allowedTransitions('participant', first.to).map((t) => t.action));
    expect(await apiStatus('participant', m)).toBe(first.to);
    await screenshot(page, 'participant-sandboxed-iframe');
    await page.close();
  });

  it('keeps the form contract for tools: a plain POST of action drives the status', async () => {
    const m = await meeting('Contract');
    const res = await fetch(m.hostUrl, { method: 'POST', body: new URLSearchParams({ action: 'start' }), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!, m.hostUrl).href).toBe(m.hostUrl);
    expect(await apiStatus('host', m)).toBe(transitions('host').find((t) => t.action === 'start')!.to);
    const api = await call(sandbox, 'getMeetingStatus', { meetingKey: m.meetingKey }, { auth: null });
    expect(api.body.resultcode).toBe(0);
  });
});
