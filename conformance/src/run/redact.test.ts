import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact.js';

describe('createRedactor', () => {
  const account = { accountSid: 'AC123', authToken: 'to/k+en=' };
  const redact = createRedactor([account, undefined]);
  const basic = Buffer.from('AC123:to/k+en=').toString('base64');

  it.each([
    ['the raw token', 'token to/k+en= here'],
    ['the URL-encoded token', `token ${encodeURIComponent('to/k+en=')} here`],
    ['the basic header', `Authorization: Basic ${basic}`],
    ['the basic header without padding', `Basic ${basic.replace(/=+$/, '')}`],
  ])('removes %s', (_what, text) => {
    const result = redact(text);
    expect(result).toContain(REDACTED);
    expect(result).not.toContain('to/k+en=');
    expect(result).not.toContain(basic.replace(/=+$/, ''));
  });

  it('removes a basic header that pairs the token with another AccountSid', () => {
    const other = Buffer.from('ACwrong:to/k+en=').toString('base64');
    expect(redact(`echo Basic ${other}`)).toBe(`echo Basic ${REDACTED}`);
  });

  it('leaves other text, the AccountSid included, alone', () => {
    expect(redact('AC123 failed with meeting_not_found')).toBe('AC123 failed with meeting_not_found');
  });

  it('ignores accounts without a token', () => {
    expect(createRedactor([{ accountSid: 'a', authToken: '' }])('abc')).toBe('abc');
  });
});
