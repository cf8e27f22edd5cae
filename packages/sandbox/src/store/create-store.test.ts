import { describe, expect, it } from 'vitest';
import { isPostgresUrl } from './create-store.js';

describe('isPostgresUrl', () => {
  it.each([
    ['postgres://h/db', true],
    ['POSTGRESQL://h/db', true],
    ['./postgres.db', false],
    [':memory:', false],
    ['postgres.db', false],
  ])('isPostgresUrl(%s) is %s', (db, expected) => {
    expect(isPostgresUrl(db)).toBe(expected);
  });
});
