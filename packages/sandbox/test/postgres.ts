/** A PostgreSQL database of its own for each test file: defined once in @org/liveminutes-internal/testing. */
export { adminQuery, ADMIN_URL, createTestDatabase, type TestDatabase } from '@org/liveminutes-internal/testing';
