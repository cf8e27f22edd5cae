import { describe, expect, it } from 'vitest';
import { codePoints, MASK, MAX_KEPT_LENGTH, maskRecord, maskValue } from './mask.js';

const TOKEN = 'eurn568nfkkg9862iomdnnv987iir';
const ENTRY = 'http://127.0.0.1:4010/e/LIVEXP63FCLCRJW4GHT1X7O6';

describe('maskValue', () => {
  it.each([
    ['an entry URL keeps its origin and path, not its token', ENTRY, [], 'http://127.0.0.1:4010/e/[redacted]'],
    ['an entry URL under a path prefix', 'https://h.example/sandbox/e/LIVE0123456789ABCDEFGHIJ', [], 'https://h.example/sandbox/e/[redacted]'],
    ['the AuthToken alone', TOKEN, [TOKEN], MASK],
    ['the AuthToken inside other text hides the whole value', `x${TOKEN}y`, [TOKEN], MASK],
    ['a meeting URL is no secret', 'http://127.0.0.1:4010/03P23Z', [TOKEN], 'http://127.0.0.1:4010/03P23Z'],
    ['an ordinary value is kept', 'Weekly <b>&', [TOKEN], 'Weekly <b>&'],
    ['an empty secret masks nothing', 'abc', [''], 'abc'],
    ['an almost-entry URL (19 characters) is kept', 'http://h/e/LIVE0123456789ABCDEFGHI', [], 'http://h/e/LIVE0123456789ABCDEFGHI'],
  ])('%s', (_name, value, secrets, expected) => {
    expect(maskValue(value, secrets)).toBe(expected);
  });

  it('cuts a long value by code points, never inside a surrogate pair', () => {
    const long = '😀'.repeat(MAX_KEPT_LENGTH + 5);
    const kept = maskValue(long, []);
    expect(codePoints(kept)).toBe(MAX_KEPT_LENGTH + 1);
    expect(kept.endsWith('😀…')).toBe(true);
    const exact = 'a'.repeat(MAX_KEPT_LENGTH);
    expect(maskValue(exact, [])).toBe(exact);
    // 200 emoji are 400 UTF-16 units but 200 code points: kept whole.
    expect(maskValue('😀'.repeat(MAX_KEPT_LENGTH), [])).toBe('😀'.repeat(MAX_KEPT_LENGTH));
  });

  it('masks a secret before cutting, so a token past the cut is still found', () => {
    expect(maskValue(`${'a'.repeat(MAX_KEPT_LENGTH * 2)}${TOKEN}`, [TOKEN])).toBe(MASK);
  });
});

describe('maskRecord', () => {
  it('masks the strings of an answer and keeps its other values', () => {
    const answer = { resultcode: 1, meetingKey: 'k', meetingUrl: 'http://h/ABC123', hostUrl: ENTRY };
    expect(maskRecord(answer, [TOKEN])).toEqual({ resultcode: 1, meetingKey: 'k', meetingUrl: 'http://h/ABC123', hostUrl: 'http://127.0.0.1:4010/e/[redacted]' });
    expect(JSON.stringify(maskRecord({ title: TOKEN, hostUrl: ENTRY }, [TOKEN]))).not.toMatch(/LIVEXP63|eurn568/);
  });
});

describe('codePoints', () => {
  it('counts code points as the spec\'s bounds do', () => {
    expect([codePoints(''), codePoints('abc'), codePoints('😀'), codePoints('e\u0301')]).toEqual([0, 3, 1, 2]);
  });
});
