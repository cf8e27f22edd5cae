/**
 * The built references in real Chromium, served from loopback with every other
 * host blocked: each operation renders and is brought into view from the
 * sidebar, search finds operations, the index links work, and nothing fails.
 * Screenshots are kept under test-artifacts/.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs, type BuildDocsResult } from '../../docs/build.js';
import { launchOffline, type OfflineBrowser } from './chromium.js';
import { serveDirectory, type StaticServer } from './static-server.js';

const specDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(specDir, 'test-artifacts');
const VIEWPORT = { width: 1280, height: 900 };
/** Requests the pages may make to other hosts (and that are blocked): none. */
const EXPECTED_BLOCKED: readonly string[] = [];

interface Operation {
  operationId: string;
  summary: string;
  tag: string;
  path: string;
}

let out = '';
let built: BuildDocsResult;
let server: StaticServer;
let browser: OfflineBrowser;
let page: Page;
let operations: Operation[] = [];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'liveminutes-docs-browser-'));
  built = await buildDocs({ specDir, outDir: join(out, 'docs'), log: () => undefined });
  const spec = JSON.parse(await readFile(join(out, 'docs', 'latest', 'liveminutes.openapi.json'), 'utf8')) as {
    paths: Record<string, { post: { operationId: string; summary: string; tags: string[] } }>;
  };
  operations = Object.entries(spec.paths).map(([path, item]) => ({
    operationId: item.post.operationId,
    summary: item.post.summary,
    tag: item.post.tags[0] ?? '',
    path,
  }));
  server = await serveDirectory(join(out, 'docs'));
  browser = await launchOffline(VIEWPORT);
  page = browser.page;
  await mkdir(artifacts, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The section's top edge lies in the upper half of the viewport. */
async function inView(section: Locator): Promise<boolean> {
  if ((await section.count()) === 0) return false;
  const box = await section.boundingBox();
  return box !== null && box.height > 0 && box.y >= -2 && box.y < VIEWPORT.height / 2;
}

function sectionOf(operationId: string): Locator {
  return page.locator(`[id$="/${operationId.toLowerCase()}"]`).first();
}

/** No part of the section is inside the viewport (or it is not rendered at all). */
async function outOfView(section: Locator): Promise<boolean> {
  if ((await section.count()) === 0) return true;
  const box = await section.boundingBox();
  return box === null || box.y + box.height <= 0 || box.y >= VIEWPORT.height;
}

/** Opens the newest reference, optionally deep-linked to an operation, once hydrated. */
async function openReference(operationId?: string): Promise<Locator> {
  const hash = operationId ? `#/${await routeOf(operationId)}` : '';
  await page.goto(`${server.origin}/latest/index.html${hash}`);
  const menu = page.locator('[data-component-name="Menu/Menu"]').first();
  await menu.waitFor();
  // Hydrated: the sidebar's operation links are hash routes.
  await page.waitForFunction(() => document.querySelector('[data-component-name="Menu/Menu"] a[href^="#/"]') !== null || !location.hash);
  if (operationId) await expect.poll(() => inView(sectionOf(operationId)), { timeout: 10_000 }).toBe(true);
  return menu;
}

/** The hash route Redoc gives an operation, read from the rendered page's links. */
const routes = new Map<string, string>();
async function routeOf(operationId: string): Promise<string> {
  const known = routes.get(operationId);
  if (known) return known;
  await page.goto(`${server.origin}/latest/index.html`);
  for (const tag of new Set(operations.map((o) => o.tag))) {
    await page.locator('[data-component-name="Menu/Menu"] a').filter({ hasText: new RegExp(`^${escapeRegExp(tag)}$`) }).first().click();
  }
  await page.waitForFunction(() => document.querySelectorAll('a[href^="#/"]').length > 0);
  const hrefs = await page.locator('a[href^="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const operation of operations) {
    const href = hrefs.find((h) => h.toLowerCase().endsWith(`/${operation.operationId.toLowerCase()}`));
    if (href) routes.set(operation.operationId, href.slice(2));
  }
  const route = routes.get(operationId);
  if (!route) throw new Error(`No sidebar route for ${operationId}`);
  return route;
}

describe('docs in Chromium, offline', { timeout: 120_000 }, () => {
  it('the index lists every version with working links to its reference, spec and changelog', async () => {
    await page.goto(`${server.origin}/index.html`);
    const rows = page.locator('tr[data-version]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-version')))).toEqual(
      built.versions.map((v) => v.version),
    );
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toContain(`${server.origin}/latest/index.html`);
    for (const { version } of built.versions) expect(hrefs).toContain(`${server.origin}/v${version}/index.html`);
    for (const href of hrefs) {
      const response = await page.request.get(href.replace(/#.*$/, ''));
      expect(response.status(), href).toBe(200);
    }
    await page.screenshot({ path: join(artifacts, 'docs-index.png') });
  });

  it('renders every operation and brings it into view from the sidebar', async () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      // Start from the operation of the same group that lies farthest away, scrolled to the top.
      const group = operations.filter((o) => o.tag === operation.tag);
      const start = group[0] === operation ? group.at(-1) : group[0];
      expect(start, `${operation.operationId} needs another operation in its group`).not.toBe(operation);
      const menu = await openReference(start?.operationId);
      const link = menu.locator('a').filter({ hasText: new RegExp(`^${escapeRegExp(operation.summary)}`) });
      await expect.poll(() => link.count()).toBe(1);
      const section = sectionOf(operation.operationId);
      expect(await outOfView(section), `${operation.operationId} was already in view`).toBe(true);

      await link.click();
      await expect.poll(() => inView(section), { timeout: 10_000 }).toBe(true);
      expect(page.url()).toMatch(new RegExp(`#/.*${operation.operationId.toLowerCase()}$`));
      await expect.poll(() => section.locator('h2').first().innerText()).toBe(operation.summary);
      const text = await section.innerText();
      for (const part of [operation.path, 'Request', 'Body', 'Responses', '200']) expect(text, operation.operationId).toContain(part);

      // The code samples: the four languages, each with the operation's own call.
      await section.locator('button', { hasText: /^(curl|TypeScript|PHP|Python)$/ }).first().click();
      const languages = page.getByRole('menuitem');
      await expect.poll(() => languages.allInnerTexts()).toEqual(expect.arrayContaining(['curl', 'TypeScript', 'PHP', 'Python']));
      await page.getByRole('menuitem', { name: 'TypeScript', exact: true }).click();
      await expect.poll(() => section.innerText()).toContain(`liveMinutes.${operation.operationId}({`);
      expect(await section.innerText()).toContain("accountSid: 'trw76p0066423'");
    }
    await page.screenshot({ path: join(artifacts, 'docs-reference.png') });
  });

  it('shows the authentication examples and the generated status and error tables', async () => {
    await openReference();
    const body = await page.locator('#redoc').innerText();
    for (const heading of ['Authentication examples', 'Status tables', 'Meeting status', 'Participant status', 'Error table', 'Test triggers', 'Rule index', 'Quotas']) {
      expect(body).toContain(heading);
    }
    for (const code of ['auth_failed', 'limit_exceeded', 'payload_too_large']) expect(body).toContain(code);
    expect(body).toContain('urllib.request');
    expect(body).toContain('CURLOPT_USERPWD');
  });

  it.each(['getParticipantStatus', 'cancelMeeting'])('search finds %s and opens it', async (operationId) => {
    await openReference();
    const operation = operations.find((o) => o.operationId === operationId);
    expect(operation).toBeDefined();
    await page.keyboard.press('Control+k');
    const input = page.getByPlaceholder(/search/i);
    await input.waitFor();
    await input.fill(operationId);
    const hit = page.locator('[data-component-name="Search/SearchItem"]').filter({ hasText: `/${operationId}` }).first();
    await hit.waitFor({ timeout: 10_000 });
    expect(await hit.innerText()).toContain(operation?.summary ?? '?');
    await page.screenshot({ path: join(artifacts, `docs-search-${operationId}.png`) });
    const section = sectionOf(operationId);
    expect(await outOfView(section)).toBe(true);
    await hit.click();
    await expect.poll(() => inView(section), { timeout: 10_000 }).toBe(true);
  });

  it('works opened straight from the file system, with no server at all', async () => {
    const filePage = await browser.context.newPage();
    try {
      const operation = operations.at(-1);
      const route = await routeOf(operation?.operationId ?? '');
      await filePage.goto(`file://${join(out, 'docs', 'latest', 'index.html')}#/${route}`);
      const section = filePage.locator(`[id$="/${operation?.operationId.toLowerCase()}"]`).first();
      await section.waitFor();
      await expect.poll(() => section.locator('h2').first().innerText()).toBe(operation?.summary);
      const box = await section.boundingBox();
      expect(box && box.y >= -2 && box.y < VIEWPORT.height / 2).toBe(true);
    } finally {
      await filePage.close();
    }
  });

  it('made no request to another host and no request failed', () => {
    expect(browser.blocked).toEqual(EXPECTED_BLOCKED);
    expect(browser.failed.filter((f) => !browser.blocked.includes(f.url))).toEqual([]);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
