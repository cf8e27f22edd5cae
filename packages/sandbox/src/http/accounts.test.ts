import { describe, expect, it } from 'vitest';
import { createAccountRegistry, DEFAULT_ACCOUNT, parseBasicAuth } from './accounts.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('parseBasicAuth', () => {
  it.each([
    [`Basic ${b64('a:b')}`, { accountSid: 'a', authToken: 'b' }],
    [`Basic ${b64('a:b:c')}`, { accountSid: 'a', authToken: 'b:c' }],
    [`Basic ${b64('a:')}`, { accountSid: 'a', authToken: '' }],
    [`Basic ${b64('ab')}`, undefined],
    ['Basic', undefined],
    ['Digest x', undefined],
    [undefined, undefined],
  ])('%s', (header, expected) => {
    expect(parseBasicAuth(header)).toEqual(expected);
  });
});

describe('createAccountRegistry', () => {
  it('authenticates configured pairs only', () => {
    const registry = createAccountRegistry([DEFAULT_ACCOUNT, { accountSid: 'B', authToken: 'tb' }]);
    expect(registry.sids).toEqual([DEFAULT_ACCOUNT.accountSid, 'B']);
    expect(registry.authenticate(`Basic ${b64('B:tb')}`)).toBe('B');
    expect(registry.authenticate(`Basic ${b64(`B:${DEFAULT_ACCOUNT.authToken}`)}`)).toBeUndefined();
    expect(registry.authenticate(`Basic ${b64('C:tb')}`)).toBeUndefined();
  });
  it.each([
    [[]],
    [[{ accountSid: 'a:b', authToken: 't' }]],
    [[{ accountSid: 'a', authToken: '' }]],
    [[{ accountSid: 'a', authToken: 't' }, { accountSid: 'a', authToken: 'u' }]],
  ])('refuses a bad configuration %j', (list) => {
    expect(() => createAccountRegistry(list)).toThrow();
  });
  it('never exposes a token', () => {
    const registry = createAccountRegistry([{ accountSid: 'a', authToken: 'super-secret' }]);
    expect(JSON.stringify(registry)).not.toContain('super-secret');
  });
});
