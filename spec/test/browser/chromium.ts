/**
 * Real Chromium through playwright-core (no browser download): the system
 * binary (CHROMIUM_PATH overrides /usr/bin/chromium), a fresh profile and XDG
 * dirs in a temp directory, and every request to a non-loopback host blocked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '@org/liveminutes-internal/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface OfflineBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests aborted because they were not for a loopback host. */
  readonly blocked: string[];
  /** Requests that failed, with the reason. */
  readonly failed: Array<{ url: string; error: string }>;
  /** Uncaught page errors and console errors (CSP violations included). */
  readonly errors: string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function launchOffline(viewport = { width: 1280, height: 900 }): Promise<OfflineBrowser> {
  const home = await mkdtemp(join(tmpdir(), 'liveminutes-chromium-'));
  const context = await chromium.launchPersistentContext(join(home, 'profile'), { ...chromiumLaunchOptions(home), viewport });
  const blocked: string[] = [];
  const failed: Array<{ url: string; error: string }> = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !LOOPBACK.has(url.hostname)) {
      blocked.push(url.href);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('requestfailed', (request) => failed.push({ url: request.url(), error: request.failure()?.errorText ?? '' }));
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    blocked,
    failed,
    errors,
    async close() {
      await context.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
