/** The seed of every property test: defined once in @org/liveminutes-internal/testing. */
export { fcParameters, fcSeed } from '@org/liveminutes-internal/testing';
