/**
 * The HTML report in real Chromium, offline: every request that is not the
 * report's own file is blocked and recorded. The report comes from a real run
 * against a sandbox behind a proxy that echoes the credentials in every answer
 * and breaks resultcode, so that it holds MUST and SHOULD failures whose
 * findings and answer excerpts would carry the token if redaction missed it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSandbox, type Sandbox } from '@org/liveminutes-sandbox';
import { launchChromium } from '@org/liveminutes-internal/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtml, runConformance } from '../src/index.js';
import type { Account, ConformanceReport } from '../src/types.js';
import { jsonOf, startFaultProxy, withJson, type FaultProxy, type Mutant } from './support/fault-proxy.js';

const primary: Account = { accountSid: `AChtml${randomBytes(4).toString('hex')}`, authToken: `tok${randomBytes(16).toString('hex')}` };

/** Echoes the Authorization header, decoded too, in a header of every answer and in the body of every failure, whose resultcode 7 makes checks fail and quote it. */
const echo: Mutant = {
  name: 'echo-credentials',
  breaks: 'failure.no-leak',
  expected: 'auth.wrong-sid',
  response(req, answer) {
    const authorization = req.headers.authorization ?? '';
    const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
    if (jsonOf(answer)?.resultcode !== 0) return { ...answer, headers: { ...answer.headers, 'x-echo': authorization } };
    return withJson({ ...answer, headers: { ...answer.headers, 'x-echo': authorization } }, { ...jsonOf(answer), resultcode: 7, message: `you sent ${authorization} (${decoded})` });
  },
};

const dir = mkdtempSync(join(tmpdir(), 'lmc-html-'));
const file = join(dir, 'report.html');
let sandbox: Sandbox;
let proxy: FaultProxy;
let browser: Browser;
let report: ConformanceReport;
let html = '';
const blocked: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [primary], logger: false });
  proxy = await startFaultProxy(sandbox.url, echo);
  // MUST and SHOULD checks, failing ones (the echo) and skipped ones (no second account).
  report = await runConformance({ baseUrl: proxy.url, account: primary, rate: null, only: ['auth.*', 'success.*', 'failure.*', 'isolation.*'] });
  html = formatHtml(report);
  writeFileSync(file, html);
  const chromium = await launchChromium();
  browser = chromium.browser;
  afterAll(chromium.close);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const context = await browser.newContext({ offline: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pathToFileURL(file).href) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  return page;
}

const visibleChecks = (page: Page) => page.locator('tbody.check:visible');

describe('the HTML report', () => {
  it('came from a run with MUST and SHOULD failures, passes and skips', () => {
    const statuses = new Set(report.checks.map((check) => `${check.level} ${check.status}`));
    expect(statuses).toContain('MUST failed');
    expect(statuses).toContain('SHOULD failed');
    expect(statuses).toContain('MUST passed');
    expect([...statuses].some((status) => status.endsWith('skipped'))).toBe(true);
  });

  it('holds no credential: not the token, not the basic header, not the sid:token pair', () => {
    const basic = Buffer.from(`${primary.accountSid}:${primary.authToken}`).toString('base64');
    for (const secret of [primary.authToken, basic, basic.replace(/=+$/, ''), `${primary.accountSid}:${primary.authToken}`]) expect(html).not.toContain(secret);
    // The echo reached the report, redacted: the test would prove nothing otherwise.
    expect(html).toContain('you sent Basic [redacted]');
    expect(readFileSync(file, 'utf8')).toBe(html);
  });

  it('is one self-contained file: no URL to load, a policy that allows none', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
  });

  it('renders offline with the verdict, the facts and a chart by level and by area', async () => {
    const page = await open();
    await expect(page.locator('#verdict').textContent()).resolves.toBe('FAILED');
    await expect(page.title()).resolves.toBe('LiveMinutes conformance: FAILED');
    await expect(page.locator('dl.facts').textContent()).resolves.toContain(proxy.url);
    const levels = await page.locator('figure:has-text("by level") g').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-group')));
    expect(levels.sort()).toEqual(['MUST', 'SHOULD']);
    const areas = await page.locator('figure:has-text("by area") g').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-group')));
    expect(areas.sort()).toEqual(['auth', 'failure', 'isolation', 'success']);
    const mustFailed = report.checks.filter((check) => check.level === 'MUST' && check.status === 'failed').length;
    await expect(page.locator('figure:has-text("by level") g[data-group="MUST"] rect.bar-failed title').textContent()).resolves.toBe(`MUST: ${mustFailed} failed`);
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('lists every check with its rule and status, and each failure with its findings, request and answer', async () => {
    const page = await open();
    await expect(visibleChecks(page).count()).resolves.toBe(report.checks.length);
    const failed = report.checks.find((check) => check.level === 'MUST' && check.status === 'failed' && (check.exchanges?.length ?? 0) > 0);
    expect(failed).toBeDefined();
    const body = page.locator(`tbody.check:has(code:text-is("${failed?.id}"))`);
    await expect(body.locator('td.status').textContent()).resolves.toBe('failed');
    await expect(body.locator('td:nth-child(3)').textContent()).resolves.toBe(failed?.rule);
    await expect(body.locator('ul.findings li').first().textContent()).resolves.toBe(failed?.findings[0]);
    await body.locator('summary').click();
    const quoted = await body.locator('pre').allTextContents();
    expect(quoted.some((text) => /^POST \/\w+/.test(text))).toBe(true);
    expect(quoted.some((text) => text.startsWith('application/json') && text.includes('"resultcode":7'))).toBe(true);
    const skipped = report.checks.find((check) => check.status === 'skipped');
    await expect(page.locator(`tbody.check:has(code:text-is("${skipped?.id}")) td.status`).textContent()).resolves.toBe('skipped');
  });

  it('filters by status and by level', async () => {
    const page = await open();
    const count = (predicate: (check: ConformanceReport['checks'][number]) => boolean) => report.checks.filter(predicate).length;
    await expect(page.locator('#shown').textContent()).resolves.toBe(`${report.checks.length} of ${report.checks.length} checks shown`);
    await page.getByLabel('passed', { exact: true }).uncheck();
    await expect(visibleChecks(page).count()).resolves.toBe(count((check) => check.status !== 'passed'));
    await page.getByLabel('MUST', { exact: true }).uncheck();
    const expected = count((check) => check.status !== 'passed' && check.level !== 'MUST');
    expect(expected).toBeGreaterThan(0);
    await expect(visibleChecks(page).count()).resolves.toBe(expected);
    await expect(page.locator('#shown').textContent()).resolves.toBe(`${expected} of ${report.checks.length} checks shown`);
    const levels = await visibleChecks(page).evaluateAll((bodies) => [...new Set(bodies.map((b) => (b as HTMLElement).dataset.level))]);
    expect(levels).toEqual(['SHOULD']);
    await page.getByLabel('passed', { exact: true }).check();
    await page.getByLabel('MUST', { exact: true }).check();
    await expect(visibleChecks(page).count()).resolves.toBe(report.checks.length);
    expect(consoleErrors).toEqual([]);
  });
});
