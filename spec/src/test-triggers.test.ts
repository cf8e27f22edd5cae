import { describe, expect, it } from 'vitest';
import { parseTestTriggers } from './test-triggers.js';

describe('parseTestTriggers', () => {
  const good = { id: 'x.drop', operation: 'getMeetingUrl', param: 'meetingKey', value: 'lm_test_x', effect: { drop: true }, description: 'd' };

  it('reads a good entry', () => {
    expect(parseTestTriggers([good])).toEqual([good]);
  });

  it.each([
    ['not a list', {}, /not a list/],
    ['a repeated id', [good, { ...good, value: 'lm_test_y' }], /repeated id/],
    ['an unknown operation', [{ ...good, operation: 'getMeetingUrls' }], /unknown operation/],
    ['an unknown parameter', [{ ...good, param: 'puid' }], /no parameter puid/],
    ['a value outside the reserved prefix', [{ ...good, value: 'weekly' }], /must start with lm_test_/],
    ['a value over its bound', [{ ...good, value: `lm_test_${'x'.repeat(60)}` }], /outside the bounds/],
    ['a value breaking its pattern', [{ ...good, value: 'lm_test_\u0001' }], /pattern/],
    ['two triggers on one value', [good, { ...good, id: 'x.two' }], /another trigger/],
    ['no description', [{ ...good, description: '' }], /no description/],
    ['two effects', [{ ...good, effect: { drop: true, delayMs: 5 } }], /exactly one/],
    ['an undocumented error', [{ ...good, effect: { error: 'meeting_exists' } }], /does not document meeting_exists/],
    ['a negative delay', [{ ...good, effect: { delayMs: -1 } }], /not valid/],
    ['a delay over a minute', [{ ...good, effect: { delayMs: 60_001 } }], /not valid/],
    ['drop: false', [{ ...good, effect: { drop: false } }], /not valid/],
    ['a 4xx fault', [{ ...good, effect: { httpStatus: 404 } }], /not valid/],
  ])('refuses %s', (_name, list, message) => {
    expect(() => parseTestTriggers(JSON.parse(JSON.stringify(list)))).toThrow(message);
  });
});
