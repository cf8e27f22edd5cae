import { describe, expect, it } from 'vitest';
import { getEnum, getOperation, getRule, loadSpec, resolveRefs } from './index.js';
import { inNumberRange, isCalendarTime, toViolations, createValidator } from './validation.js';

describe('loadSpec', () => {
  it('returns one frozen document', () => {
    const spec = loadSpec();
    expect(loadSpec()).toBe(spec);
    expect(Object.isFrozen(spec.paths)).toBe(true);
  });
});

describe('resolveRefs', () => {
  it('resolves internal refs and lets sibling keywords win', () => {
    const schema = resolveRefs(loadSpec(), { $ref: '#/components/schemas/UserId', description: 'mine' });
    expect(schema).toMatchObject({ type: 'string', maxLength: 50, description: 'mine' });
  });
  it('refuses unknown and external refs', () => {
    expect(() => resolveRefs(loadSpec(), { $ref: '#/components/schemas/Nope' })).toThrow(/Unresolved/);
    expect(() => resolveRefs(loadSpec(), { $ref: 'other.yaml#/X' })).toThrow(/internal/);
  });
});

describe('lookups', () => {
  it('throws on unknown names so typos surface at once', () => {
    expect(() => getOperation('createMeetings')).toThrow(/Unknown operation/);
    expect(() => getRule('quota.limit')).toThrow(/Unknown rule/);
    expect(() => getEnum('Title')).toThrow(/not a described enum/);
  });
});

describe('validation helpers', () => {
  it.each([
    ['2026-12-31 23:59:59', true],
    ['2027-02-29 00:00:00', false],
    ['2028-02-29 00:00:00', true],
    ['2026-04-31 10:00:00', false],
    ['2026-12-01 24:00:00', false],
    ['2026-12-01 9:00:00', false],
    ['2100-02-29 00:00:00', false],
    ['2000-02-29 00:00:00', true],
    ['0000-01-01 00:00:00', true],
  ])('isCalendarTime(%s) is %s', (value, expected) => expect(isCalendarTime(value)).toBe(expected));

  it.each([
    ['0.001', true],
    ['0', false],
    ['10080', true],
    ['10080.0001', false],
    ['NaN', false],
  ])('inNumberRange(%s) within (0, 10080] is %s', (value, expected) =>
    expect(inNumberRange(value, { exclusiveMinimum: 0, maximum: 10080 })).toBe(expected),
  );

  it('names the offending parameter, also for a missing one', () => {
    const validate = createValidator().compile(getOperation('addParticipant').requestSchema);
    expect(validate({ meetingKey: 'k' })).toBe(false);
    expect(toViolations(validate.errors)).toEqual([expect.objectContaining({ param: 'puid', keyword: 'required' })]);
    expect(validate({ meetingKey: 'k', puid: 'p'.repeat(51) })).toBe(false);
    expect(toViolations(validate.errors)[0]).toMatchObject({ param: 'puid', keyword: 'maxLength' });
  });
});
