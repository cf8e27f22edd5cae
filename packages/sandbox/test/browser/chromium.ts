/**
 * Real Chromium for the browser tests (playwright-core, never a downloaded
 * browser): Debian's /usr/bin/chromium or env CHROMIUM_PATH, a throwaway
 * profile and XDG dirs, JavaScript off in every context (the pages must work
 * without it), a partner site on another loopback origin that embeds a page in
 * an iframe, and screenshots under test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium as launchInternal } from '@org/liveminutes-internal/testing';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { escapeHtml } from '../../src/pages/html.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

/** Launches Chromium for the file's tests (@org/liveminutes-internal/testing); closed (and its temp dirs removed) after them. */
export async function launchChromium(): Promise<Browser> {
  const { browser, close } = await launchInternal();
  afterAll(close);
  return browser;
}

/**
 * A fresh context without JavaScript (and whatever else the test needs, such
 * as httpCredentials). Closing the browser closes it, so it may be made inside a test.
 */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: false, ...options });
}

/**
 * A partner site on another origin (`localhost` and its own port, where the
 * sandbox is `127.0.0.1`): `/embed?src=URL` is a page that embeds URL in an
 * iframe, `&sandbox=TOKENS` in a sandboxed one.
 */
export async function startPartnerSite(): Promise<{ embedUrl(src: string, sandbox?: string): string }> {
  const server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const src = query.get('src') ?? 'about:blank';
    const sandbox = query.get('sandbox');
    const attribute = sandbox === null ? '' : ` sandbox="${escapeHtml(sandbox)}"`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Partner site</title></head><body>
<h1>Partner site</h1><iframe title="LiveMinutes" src="${escapeHtml(src)}"${attribute} width="900" height="1000"></iframe></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  return {
    embedUrl: (src, sandbox) =>
      `http://localhost:${port}/embed?src=${encodeURIComponent(src)}${sandbox === undefined ? '' : `&sandbox=${encodeURIComponent(sandbox)}`}`,
  };
}

/** Saves a screenshot as test-artifacts/<name>.png (gitignored): the full page, or with `fullPage: false` the viewport only. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '-')}.png`), fullPage: options.fullPage ?? true });
}
