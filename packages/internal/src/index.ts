/**
 * @module @org/liveminutes-internal
 * Runtime helpers the public packages share, defined once. Private: the
 * packages that use one bundle it into their own build.
 */
export {};
