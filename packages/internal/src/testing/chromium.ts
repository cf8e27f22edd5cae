/**
 * Real Chromium for the browser tests, through playwright-core (never a
 * downloaded browser): Debian's /usr/bin/chromium or env CHROMIUM_PATH, the
 * flags every suite uses, and a throwaway home (profile, XDG config and cache)
 * removed on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** The Chromium the tests drive. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Launch options for a Chromium whose profile and XDG dirs live under `home`.
 * @example
 * await chromium.launchPersistentContext(join(home, 'profile'), { ...chromiumLaunchOptions(home), viewport });
 */
export function chromiumLaunchOptions(home: string): LaunchOptions {
  return {
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
  };
}

/** A launched Chromium and how to get rid of it (the browser and its home). */
export interface LaunchedChromium {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a throwaway home.
 * @example
 * const { browser, close } = await launchChromium();
 * afterAll(close);
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const home = mkdtempSync(join(tmpdir(), 'lm-chromium-'));
  let browser: Browser;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(home));
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
