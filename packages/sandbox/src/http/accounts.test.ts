import { describe, expect, it } from 'vitest';
import { createAccountRegistry, DEFAULT_ACCOUNT, freshCredentials, parseBasicAuth, tokenDigest } from './accounts.js';

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

describe('accounts added and looked up', () => {
  it('adds an account with its own quotas; refuses a taken or malformed one', () => {
    const registry = createAccountRegistry([DEFAULT_ACCOUNT]);
    registry.add({ accountSid: 'N', authToken: 'tn', limits: { sessions: 2 } });
    expect(registry.authenticate(`Basic ${b64('N:tn')}`)).toBe('N');
    expect(registry.limitsOf('N')).toEqual({ sessions: 2 });
    expect(registry.limitsOf(DEFAULT_ACCOUNT.accountSid)).toBeUndefined();
    expect(registry.sids).toEqual([DEFAULT_ACCOUNT.accountSid, 'N']);
    expect(() => registry.add({ accountSid: 'N', authToken: 'x' })).toThrow(/twice/);
    expect(() => registry.add({ accountSid: 'a:b', authToken: 'x' })).toThrow();
  });

  it('learns an account another process stored, by its token digest, and only for an AccountSid it does not know', async () => {
    const loaded: string[] = [];
    const stored = { accountSid: 'S', tokenDigest: tokenDigest('ts'), limits: { users: 1, sessions: 1 } };
    const registry = createAccountRegistry([DEFAULT_ACCOUNT], {
      load: async (sid) => {
        loaded.push(sid);
        return sid === 'S' ? stored : undefined;
      },
    });
    expect(registry.authenticate(`Basic ${b64('S:ts')}`)).toBeUndefined();
    expect(await registry.lookup(`Basic ${b64('S:ts')}`)).toBe('S');
    expect(registry.authenticate(`Basic ${b64('S:ts')}`)).toBe('S');
    expect(registry.authenticate(`Basic ${b64('S:wrong')}`)).toBeUndefined();
    expect(await registry.lookup(`Basic ${b64('S:wrong')}`)).toBeUndefined();
    expect(registry.limitsOf('S')).toEqual({ users: 1, sessions: 1 });
    expect(await registry.lookup(`Basic ${b64('U:tu')}`)).toBeUndefined();
    expect(await registry.lookup(`Basic ${b64(`${DEFAULT_ACCOUNT.accountSid}:wrong`)}`)).toBeUndefined();
    expect(await registry.lookup(undefined)).toBeUndefined();
    // Known sids (configured, or learnt) never reach the store again.
    expect(loaded).toEqual(['S', 'U']);
    expect(await createAccountRegistry([DEFAULT_ACCOUNT]).lookup(`Basic ${b64('S:ts')}`)).toBeUndefined();
  });

  it('draws fresh credentials: distinct, long, no ":"', () => {
    const made = Array.from({ length: 20 }, freshCredentials);
    expect(new Set(made.map((c) => c.accountSid)).size).toBe(20);
    for (const { accountSid, authToken } of made) {
      expect(accountSid).toMatch(/^lmt[0-9a-z]{16}$/);
      expect(authToken).toMatch(/^[0-9a-z]{32}$/);
    }
  });
});
