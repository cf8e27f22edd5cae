/**
 * @module @org/liveminutes-internal/testing
 * Test helpers the packages' suites share: the property tests' seed, real
 * Chromium, and a PostgreSQL database per test file.
 */
export { chromiumLaunchOptions, chromiumPath, launchChromium, type LaunchedChromium } from './chromium.js';
export { fcParameters, fcSeed } from './fc-seed.js';
export { adminQuery, ADMIN_URL, createTestDatabase, type TestDatabase } from './postgres.js';
