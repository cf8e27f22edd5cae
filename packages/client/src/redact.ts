/**
 * @module redact
 * Removes credentials from text a server sent before it reaches an error or
 * an `onUnexpected` event: the workspace's one redactor (@org/liveminutes-internal,
 * bundled into this package's build). A short credential is replaced only as a
 * whole token (AccountSid `a` leaves `application/json` alone), a long one
 * wherever it appears.
 */
export { createRedactor, type Redactor } from '@org/liveminutes-internal';
