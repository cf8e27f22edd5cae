import { describe, expect, it } from 'vitest';
import { createAccountRedactor, createRedactor, REDACTED } from './redact.js';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('createRedactor', () => {
  it.each<[string, string[], string, string]>([
    // Short secrets: whole tokens only.
    ['a 1-char secret standing alone', ['a'], 'a', '[redacted]'],
    ['a 1-char secret between spaces', ['a'], 'unknown AccountSid a here', 'unknown AccountSid [redacted] here'],
    ['a 1-char secret in quotes, after ":" and "="', ['a'], `"a" 'a' sid:a sid=a (a)`, `"[redacted]" '[redacted]' sid:[redacted] sid=[redacted] ([redacted])`],
    ['a 1-char secret inside words', ['a'], 'application/json; charset=utf-8', 'application/json; charset=utf-8'],
    ['a 1-char secret next to a digit or _', ['a'], 'a1 1a a_ _a', 'a1 1a a_ _a'],
    ['a 1-char secret doubled', ['a'], 'aa a', 'aa [redacted]'],
    ['a 1-char secret next to a non-ASCII letter', ['a'], 'àa aé 秘a', 'àa aé 秘a'],
    ['a 1-char secret before a combining mark', ['a'], 'a\u0301 a', 'a\u0301 [redacted]'],
    ['a 1-char secret at both ends', ['a'], 'a-a', '[redacted]-[redacted]'],
    ['a 2-char secret', ['ab'], 'tab ab about "ab"', 'tab [redacted] about "[redacted]"'],
    ['a 4-character Basic value', ['YTpi'], 'Authorization: Basic YTpi', 'Authorization: Basic [redacted]'],
    ['a short secret with its own punctuation, delimited', ['-x-'], 'got -x- here', 'got [redacted] here'],
    ['a short secret with its own punctuation, glued to letters', ['-x-'], 'a-x-b', 'a-x-b'],
    ['an emoji secret', ['🔑'], 'key 🔑🔑 end', 'key [redacted][redacted] end'],
    // Regular-expression characters are literal.
    ['a secret of regex characters', ['a.b'], 'axb a.b', 'axb [redacted]'],
    ['a secret with $& and brackets', ['$&[(?'], 'x $&[(? y', 'x [redacted] y'],
    ['a secret with backslashes and braces', ['\\d{2}|'], '12 \\d{2}| 34', '12 [redacted] 34'],
    // Long secrets: everywhere, glued or not.
    ['long secrets glued together', ['trw76p0066423', 'eurn568nfkkg9862iomdnnv987iir'], 'user=trw76p0066423eurn568nfkkg9862iomdnnv987iir;', 'user=[redacted][redacted];'],
    ['a long secret inside a word', ['s3cr3t-t0ken'], 'xs3cr3t-t0keny', 'x[redacted]y'],
    // Several secrets, one beginning another: the longest is replaced whole.
    ['a short secret that begins a long one', ['ab', 'ab-cdefgh'], 'x ab-cdefgh y ab', 'x [redacted] y [redacted]'],
    ['a long secret that begins a longer one', ['abcdefgh', 'abcdefghij'], '<abcdefghij>', '<[redacted]>'],
    // One pass: the marker itself is never redacted again.
    ["a secret that is the marker's word", ['redacted'], 'redacted', '[redacted]'],
    ['text without secrets', ['a', 'b'], 'Nothing to see', 'Nothing to see'],
    ['no secrets at all', [], 'Nothing to see', 'Nothing to see'],
    ['an empty secret', [''], 'Nothing to see', 'Nothing to see'],
  ])('%s', (_, secrets, text, expected) => {
    expect(createRedactor(secrets)(text)).toBe(expected);
  });

  it('passes undefined through, and leaves its argument unsorted', () => {
    const secrets = ['a', 'abc'];
    expect(createRedactor(secrets)(undefined)).toBeUndefined();
    expect(secrets).toEqual(['a', 'abc']);
  });
});

describe('createAccountRedactor', () => {
  const account = { accountSid: 'AC123', authToken: 'to/k+en=' };
  const redact = createAccountRedactor([account, undefined]);
  const basic = base64('AC123:to/k+en=');

  it.each([
    ['the raw token', 'token to/k+en= here'],
    ['the URL-encoded token', `token ${encodeURIComponent('to/k+en=')} here`],
    ['the JSON-escaped token', `{"token":${JSON.stringify('to/k+en=')}}`],
    ['the basic header', `Authorization: Basic ${basic}`],
    ['the basic header without padding', `Basic ${basic.replace(/=+$/, '')}`],
  ])('removes %s', (_what, text) => {
    const result = redact(text);
    expect(result).toContain(REDACTED);
    expect(result).not.toContain('to/k+en=');
    expect(result).not.toContain(basic.replace(/=+$/, ''));
  });

  it('removes a basic header that pairs the token with another AccountSid, in base64 or base64url', () => {
    expect(redact(`echo Basic ${base64('ACwrong:to/k+en=')}`)).toBe(`echo Basic ${REDACTED}`);
    const url = base64('ACother:to/k+en=').replace(/\+/g, '-').replace(/\//g, '_');
    expect(redact(`echo ${url}`)).toBe(`echo ${REDACTED}`);
  });

  it('leaves other text, the AccountSid included, alone', () => {
    expect(redact('AC123 failed with meeting_not_found')).toBe('AC123 failed with meeting_not_found');
  });

  it('keeps the short-credential fix: a short token is removed as a whole word only', () => {
    const short = createAccountRedactor([{ accountSid: 'a', authToken: 'b' }]);
    expect(short('token b, application/json; boundary=b1 abcdefghij')).toBe(`token ${REDACTED}, application/json; boundary=b1 abcdefghij`);
    expect(short(`Basic ${base64('other:b')}`)).toBe(`Basic ${REDACTED}`);
  });

  it('ignores accounts without a token', () => {
    expect(createAccountRedactor([{ accountSid: 'a', authToken: '' }])('abc')).toBe('abc');
  });
});
