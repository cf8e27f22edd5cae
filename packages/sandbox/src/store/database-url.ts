/** PostgreSQL URLs without their secrets: defined once in @org/liveminutes-internal. */
export { databaseUrlSecrets, redactDatabaseUrl, scrubSecrets } from '@org/liveminutes-internal';
