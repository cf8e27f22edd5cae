import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';

describe('createRedactor', () => {
  it.each<[string, string[], string, string]>([
    // Short credentials: whole tokens only.
    ['a 1-char credential standing alone', ['a'], 'a', '[redacted]'],
    ['a 1-char credential between spaces', ['a'], 'unknown AccountSid a here', 'unknown AccountSid [redacted] here'],
    ['a 1-char credential in quotes, after ":" and "="', ['a'], `"a" 'a' sid:a sid=a (a)`, `"[redacted]" '[redacted]' sid:[redacted] sid=[redacted] ([redacted])`],
    ['a 1-char credential inside words', ['a'], 'application/json; charset=utf-8', 'application/json; charset=utf-8'],
    ['a 1-char credential next to a digit or _', ['a'], 'a1 1a a_ _a', 'a1 1a a_ _a'],
    ['a 1-char credential doubled', ['a'], 'aa a', 'aa [redacted]'],
    ['a 1-char credential next to a non-ASCII letter', ['a'], 'àa aé 秘a', 'àa aé 秘a'],
    ['a 1-char credential before a combining mark', ['a'], 'a\u0301 a', 'a\u0301 [redacted]'],
    ['a 1-char credential at both ends', ['a'], 'a-a', '[redacted]-[redacted]'],
    ['a 2-char credential', ['ab'], 'tab ab about "ab"', 'tab [redacted] about "[redacted]"'],
    ['a 4-character Basic value', ['YTpi'], 'Authorization: Basic YTpi', 'Authorization: Basic [redacted]'],
    ['a short credential with its own punctuation, delimited', ['-x-'], 'got -x- here', 'got [redacted] here'],
    ['a short credential with its own punctuation, glued to letters', ['-x-'], 'a-x-b', 'a-x-b'],
    ['an emoji credential', ['🔑'], 'key 🔑🔑 end', 'key [redacted][redacted] end'],
    // Regular-expression characters are literal.
    ['a credential of regex characters', ['a.b'], 'axb a.b', 'axb [redacted]'],
    ['a credential with $& and brackets', ['$&[(?'], 'x $&[(? y', 'x [redacted] y'],
    ['a credential with backslashes and braces', ['\\d{2}|'], '12 \\d{2}| 34', '12 [redacted] 34'],
    // Long credentials: everywhere, glued or not.
    ['long credentials glued together', ['trw76p0066423', 'eurn568nfkkg9862iomdnnv987iir'], 'user=trw76p0066423eurn568nfkkg9862iomdnnv987iir;', 'user=[redacted][redacted];'],
    ['a long credential inside a word', ['s3cr3t-t0ken'], 'xs3cr3t-t0keny', 'x[redacted]y'],
    // Several credentials, one beginning another: the longest is replaced whole.
    ['a short credential that begins a long one', ['ab', 'ab-cdefgh'], 'x ab-cdefgh y ab', 'x [redacted] y [redacted]'],
    ['a long credential that begins a longer one', ['abcdefgh', 'abcdefghij'], '<abcdefghij>', '<[redacted]>'],
    // One pass: the marker itself is never redacted again.
    ['a credential that is the marker\'s word', ['redacted'], 'redacted', '[redacted]'],
    ['text without credentials', ['a', 'b'], 'Nothing to see', 'Nothing to see'],
  ])('%s', (_, secrets, text, expected) => {
    expect(createRedactor(secrets)(text)).toBe(expected);
  });

  it('passes undefined through', () => {
    expect(createRedactor(['a'])(undefined)).toBeUndefined();
  });
});
