import { describe, expect, it } from 'vitest';
import { createAjv, isLiveminutesTime } from './ajv.js';

describe('liveminutes-time', () => {
  it.each([
    ['2024-02-29 23:59:59', true],
    ['2023-02-29 00:00:00', false],
    ['2100-02-29 00:00:00', false],
    ['2000-02-29 00:00:00', true],
    ['2026-06-31 00:00:00', false],
    ['2026-06-30 24:00:00', false],
    ['0000-01-01 00:00:00', true],
    ['2026-1-01 00:00:00', false],
  ])('%s -> %s', (value, expected) => {
    expect(isLiveminutesTime(value)).toBe(expected);
  });
});

describe('x-liveminutes-number', () => {
  const validate = createAjv().compile({ type: 'string', 'x-liveminutes-number': { exclusiveMinimum: 0, maximum: 10 } });
  it.each([
    ['5', true],
    ['10', true],
    ['0', false],
    ['10.5', false],
    ['x', false],
  ])('%s -> %s', (value, expected) => {
    expect(validate(value)).toBe(expected);
  });
  it('rejects a malformed bounds object at compile time', () => {
    expect(() => createAjv().compile({ type: 'string', 'x-liveminutes-number': { max: 1 } })).toThrow();
  });
});
