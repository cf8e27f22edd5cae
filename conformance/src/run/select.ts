/**
 * `--only` and `--skip`: check ids or globs (`*` any run of characters, `?` one).
 */
import type { Check } from '../types.js';
import { ConformanceError } from './errors.js';

/**
 * A matcher for one id or glob.
 * @example
 * globToRegExp('param.*.hostid.*').test('param.createMeeting.hostid.at-max'); // true
 */
export function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * The checks `only` keeps (all when empty) minus those `skip` names. A pattern
 * that matches no check is a usage error: it is almost always a typo.
 * @example
 * selectChecks(allChecks(), ['param.*.hostid.*'], ['*.code-points']).map((check) => check.id);
 * // ['param.createMeeting.hostid.missing', 'param.createMeeting.hostid.empty', ...]
 */
export function selectChecks(checks: readonly Check[], only: readonly string[] = [], skip: readonly string[] = []): Check[] {
  const compile = (patterns: readonly string[], flag: string): RegExp[] =>
    patterns.map((pattern) => {
      const regExp = globToRegExp(pattern);
      if (!checks.some((check) => regExp.test(check.id))) {
        throw new ConformanceError('usage', `${flag} ${pattern} matches no check (see --list)`);
      }
      return regExp;
    });
  const keep = compile(only, '--only');
  const drop = compile(skip, '--skip');
  return checks.filter(
    (check) => (keep.length === 0 || keep.some((r) => r.test(check.id))) && !drop.some((r) => r.test(check.id)),
  );
}
