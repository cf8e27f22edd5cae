import { describe, expect, it } from 'vitest';
import { parseAccountPair, parseLimitsValue } from './cli-values.js';
import { escapeHtml } from './escape-html.js';

describe('parseAccountPair', () => {
  it('splits at the first colon: the token may hold more', () => {
    expect(parseAccountPair('AC1:to:ken')).toEqual({ accountSid: 'AC1', authToken: 'to:ken' });
  });

  it.each(['AC1', ':token', 'AC1:', ''])('refuses %j without quoting it', (value) => {
    expect(() => parseAccountPair(value)).toThrow('an account is written SID:TOKEN, both non-empty');
  });
});

describe('parseLimitsValue', () => {
  it.each([
    ['users=40,sessions=20', { users: 40, sessions: 20 }],
    [' sessions=3 ', { sessions: 3 }],
    ['users=1', { users: 1 }],
  ])('reads %j', (value, expected) => {
    expect(parseLimitsValue(value)).toEqual(expected);
  });

  it.each(['users=0', 'users=-1', 'users=1.5', 'users=01', 'seats=3', 'users=1,users=2', '', 'users=1;sessions=2'])('refuses %j', (value) => {
    expect(() => parseLimitsValue(value)).toThrow('limits are written users=N,sessions=M with positive integers');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that can start markup or end an attribute', () => {
    expect(escapeHtml(`<b title="x" data-y='z'>Tom & Jerry</b>`)).toBe('&lt;b title=&quot;x&quot; data-y=&#39;z&#39;&gt;Tom &amp; Jerry&lt;/b&gt;');
    expect(escapeHtml('plain 🙂 text')).toBe('plain 🙂 text');
  });
});
