import { getOperation, getRule, operationIds } from '@org/liveminutes-spec';
import { describe, expect, it } from 'vitest';
import { IdFactory, codePoints } from '../run/ids.js';
import { schemaViolations } from '../run/validator.js';
import { boundCases, CODE_POINT_RULE, UTF8_RULE } from './bounds.js';

const ids = new IdFactory('lmc-test01-');
const cases = operationIds().flatMap((operation) => boundCases(operation).map((testCase) => ({ operation, testCase })));

/** A request that is valid except for the case's field. */
function requestWith(operation: string, field: string, value: string | undefined): Record<string, string> {
  const base: Record<string, string> = {};
  for (const name of (getOperation(operation).requestSchema.required as string[]) ?? []) base[name] = name === 'meetingKey' ? ids.key() : ids.user();
  const request = { ...base, [field]: value } as Record<string, string | undefined>;
  if (value === undefined) delete request[field];
  return request as Record<string, string>;
}

describe('boundCases', () => {
  it('covers every field of every operation with at least one case', () => {
    for (const operation of operationIds()) {
      const fields = Object.keys(getOperation(operation).requestSchema.properties as object);
      const covered = new Set(boundCases(operation).map((c) => c.field));
      expect([...covered].sort()).toEqual([...fields].sort());
    }
  });

  it.each(cases.map(({ operation, testCase }) => [`${operation}.${testCase.field}.${testCase.kind}`, operation, testCase] as const))(
    '%s agrees with the request schema',
    (_name, operation, testCase) => {
      const values = testCase.values(ids);
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) {
        const violations = schemaViolations(operation, 'request', requestWith(operation, testCase.field, value));
        if (testCase.expect === 'success') expect(violations, JSON.stringify(value)).toEqual([]);
        else expect(violations.map((v) => v.keyword), JSON.stringify(value)).toContain(testCase.keyword);
      }
    },
  );

  it('reads each case level from the rule its keyword maps to', () => {
    const hostid = boundCases('createMeeting').filter((c) => c.field === 'hostid');
    expect(hostid.find((c) => c.kind === 'max-plus-one')?.rule).toBe('param.user-id-length');
    expect(getRule('param.user-id-length').level).toBe('MUST');
    const title = boundCases('createMeeting').find((c) => c.field === 'title' && c.kind === 'max-plus-one');
    expect(getRule(title?.rule ?? '').level).toBe('SHOULD');
    expect(hostid.find((c) => c.kind === 'code-points')?.rule).toBe(CODE_POINT_RULE);
    expect(hostid.find((c) => c.kind === 'non-ascii')?.rule).toBe(UTF8_RULE);
  });

  it('sizes values in code points and prefixes identifiers', () => {
    const atMax = boundCases('createMeeting').find((c) => c.field === 'hostid' && c.kind === 'code-points');
    const value = atMax?.values(ids)[0] ?? '';
    expect(codePoints(value)).toBe(50);
    expect(value.length).toBeGreaterThan(50);
    expect(value.startsWith('lmc-test01-')).toBe(true);
  });

  it('breaks the time format with dates that do not exist, and keeps leap days', () => {
    const format = boundCases('createMeeting').find((c) => c.field === 'time' && c.kind === 'format');
    expect(format?.values(ids)[0]).toMatch(/^\d{4}-02-30 /);
    const edge = boundCases('createMeeting').find((c) => c.field === 'time' && c.kind === 'format-edge');
    expect(edge?.values(ids)).toContain('2028-02-29 23:59:59');
  });

  it('tries several ways to break a pattern', () => {
    const duration = boundCases('createMeeting').find((c) => c.field === 'duration' && c.kind === 'pattern');
    expect(duration?.values(ids)).toEqual(expect.arrayContaining(['abc', '-1', '1e3', '45.']));
  });
});
