import { urlFormats } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { newEntryToken, newMeetingCode, newMeetingKey } from './random.js';

const formats = { meetingUrl: urlFormats().meetingUrl.source, entryUrl: urlFormats().entryUrl.source };

describe('random identifiers', () => {
  it("fit the spec's url.formats and do not repeat", () => {
    const codes = new Set<string>();
    const tokens = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newMeetingCode();
      const token = newEntryToken();
      expect(`http://x/${code}`).toMatch(new RegExp(formats.meetingUrl));
      expect(`http://x/e/${token}`).toMatch(new RegExp(formats.entryUrl));
      codes.add(code);
      tokens.add(token);
    }
    expect(tokens.size).toBe(2000);
    expect(codes.size).toBeGreaterThan(1990);
  });

  it('uses every character of the alphabet, roughly uniformly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of newEntryToken().slice(4)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(36);
    const expected = (2000 * 20) / 36;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.2);
  });

  it('generates non-empty keys of lower-case letters and digits', () => {
    expect(newMeetingKey()).toMatch(/^[0-9a-z]{12}$/);
  });
});
