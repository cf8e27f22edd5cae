import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { basicAuth } from './basic-auth.js';

describe('basicAuth', () => {
  it.each([
    ['trw76p0066423', 'eurn568nfkkg9862iomdnnv987iir'],
    ['compte-é', 'mötdepässe€'],
    ['账户', '秘密🔑'],
  ])('encodes %s:%s as UTF-8 base64', (user, password) => {
    const value = basicAuth(user, password);
    expect(value).toBe(`Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`);
    expect(Buffer.from(value.slice(6), 'base64').toString('utf8')).toBe(`${user}:${password}`);
  });
});
