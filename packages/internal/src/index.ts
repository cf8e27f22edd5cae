/**
 * @module @org/liveminutes-internal
 * Runtime helpers the public packages share, defined once. Private: the
 * packages that use one bundle it into their own build (tsup `noExternal`) and
 * list this package as a devDependency only.
 */
export { parseAccountPair, parseLimitsValue, type AccountPair, type LimitsValue } from './cli-values.js';
export { databaseUrlSecrets, redactDatabaseUrl, scrubSecrets } from './database-url.js';
export { escapeHtml } from './escape-html.js';
export { createAccountRedactor, createRedactor, REDACTED, type Credentials, type Redactor } from './redact.js';
