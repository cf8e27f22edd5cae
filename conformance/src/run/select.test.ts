import { describe, expect, it } from 'vitest';
import { allChecks } from '../checks/index.js';
import { ConformanceError } from './errors.js';
import { globToRegExp, selectChecks } from './select.js';

describe('selectChecks', () => {
  const checks = allChecks();

  it('keeps everything by default', () => {
    expect(selectChecks(checks)).toHaveLength(checks.length);
  });

  it('takes exact ids and globs', () => {
    expect(selectChecks(checks, ['auth.wrong-token']).map((c) => c.id)).toEqual(['auth.wrong-token']);
    const hostid = selectChecks(checks, ['param.createMeeting.hostid.*']).map((c) => c.id);
    expect(hostid).toContain('param.createMeeting.hostid.max-plus-one');
    expect(hostid.every((id) => id.startsWith('param.createMeeting.hostid.'))).toBe(true);
  });

  it('skips after selecting', () => {
    const ids = selectChecks(checks, ['auth.*'], ['auth.no-challenge', 'auth.error-code', 'auth.scheme-case', 'auth.token-near-miss', 'auth.sid-exact']).map((c) => c.id);
    expect(ids).toEqual(['auth.wrong-sid', 'auth.wrong-token', 'auth.missing-header', 'auth.malformed-header']);
  });

  it('calls a pattern that matches nothing a usage error', () => {
    expect(() => selectChecks(checks, ['auth.wrong-tokn'])).toThrow(ConformanceError);
  });

  it('escapes regular expression characters', () => {
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('a?b').test('axb')).toBe(true);
  });
});
