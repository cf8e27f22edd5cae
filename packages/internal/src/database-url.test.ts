import { describe, expect, it } from 'vitest';
import { databaseUrlSecrets, redactDatabaseUrl, scrubSecrets } from './database-url.js';

describe('database URLs', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/sandbox', 'postgres://app:***@db:5432/sandbox'],
    ['postgresql://app:p%40ss%2Fword@db/sandbox?sslmode=require', 'postgresql://app:***@db/sandbox?sslmode=require'],
    ['postgres://app@db/sandbox?password=s3cret&application_name=x', 'postgres://app@db/sandbox?password=***&application_name=x'],
    ['postgres://db/sandbox', 'postgres://db/sandbox'],
    ['postgres://user:sec%ret@[bad/db', 'postgres://[unparsable]'],
  ])('redactDatabaseUrl(%s) = %s', (url, redacted) => {
    expect(redactDatabaseUrl(url)).toBe(redacted);
  });

  it('knows the secrets in both spellings and scrubs them from any message', () => {
    expect(databaseUrlSecrets('postgres://app:p%40ss@db/x?sslpassword=k3y')).toEqual(['p%40ss', 'p@ss', 'k3y', 'k3y']);
    expect(scrubSecrets('failed for p@ss and p%40ss', 'postgres://app:p%40ss@db/x')).toBe('failed for *** and ***');
    expect(scrubSecrets('nothing to hide', 'not a url')).toBe('nothing to hide');
  });
});
