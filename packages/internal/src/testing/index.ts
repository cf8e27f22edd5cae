/**
 * @module @org/liveminutes-internal/testing
 * Test helpers the packages' suites share: the property tests' seed.
 */
export { fcParameters, fcSeed } from './fc-seed.js';
