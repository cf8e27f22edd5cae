/**
 * Parameter bounds generated from the request schemas: for each field, the
 * values at and past each constraint (missing, empty, at the maximum length,
 * one past it, in astral code points, non-ASCII, breaking the pattern or the
 * format, at and past the number bounds). Each case carries the rule its
 * keyword maps to in the schema's x-liveminutes-rules, hence its level.
 */
import { operationParams, type ParamInfo } from '@org/liveminutes-spec';
import { IdFactory } from '../run/ids.js';

/** What a case exercises. */
export type CaseKind =
  | 'missing'
  | 'empty'
  | 'at-max'
  | 'max-plus-one'
  | 'code-points'
  | 'non-ascii'
  | 'form-characters'
  | 'pattern'
  | 'format'
  | 'number-min'
  | 'number-max'
  | 'number-over'
  | 'number-above-min'
  | 'format-edge'
  | 'valid';

/** One generated input for one field of one operation. */
export interface BoundCase {
  readonly operation: string;
  readonly field: string;
  readonly kind: CaseKind;
  /** Whether the spec lets the call succeed with this value. */
  readonly expect: 'success' | 'failure';
  /** The schema keyword the case exercises. */
  readonly keyword: string;
  /** The rule that keyword maps to. */
  readonly rule: string;
  /** `hostid of 51 characters`. */
  readonly description: string;
  /** The values to send, one call each (undefined: the field is left out). Identifiers carry the run's prefix. */
  values(ids: IdFactory): Array<string | undefined>;
}

/** Lengths count code points: U+1F600 is one code point and two UTF-16 units. */
export const ASTRAL = '\u{1F600}';
const NON_ASCII = 'Zoë Łódź 会議 ✓';
/** Rules the schemas do not attach to a keyword, cited by the cases that test them. */
export const CODE_POINT_RULE = 'param.user-id-code-points';
export const UTF8_RULE = 'transport.form-body';

/** Values that pass a format's pattern but not the format itself. */
const FORMAT_BREAKERS: Readonly<Record<string, (valid: string) => string[]>> = {
  // Dates that do not exist: February 30th, April 31st, February 29th of a common year.
  'liveminutes-time': (valid) => [
    valid.replace(/^(\d{4})-\d{2}-\d{2}/, '$1-02-30'),
    valid.replace(/^(\d{4})-\d{2}-\d{2}/, '$1-04-31'),
    valid.replace(/^\d{4}-\d{2}-\d{2}/, '2027-02-29'),
  ],
};

/** Values at the edge of a format that are still valid. */
const FORMAT_EDGES: Readonly<Record<string, (valid: string) => string[]>> = {
  // A leap day, the last second of a year, and a year below 100 (which Date.UTC would read as 19xx).
  'liveminutes-time': () => ['2028-02-29 23:59:59', '2026-12-31 23:59:59', '0050-06-15 12:00:00'],
};

/** Generic ways to break a pattern, tried on a valid value; those the pattern refuses are used. */
function patternBreakers(valid: string): string[] {
  return [
    valid.replace(' ', 'T'),
    'abc',
    `${valid}\u0007`,
    ` ${valid}`,
    `${valid} `,
    '-1',
    '1e3',
    `${valid}.`,
    '\uFF14\uFF15', // fullwidth digits
  ];
}

/** A request field of an operation, as the spec's model describes it. */
type FieldInfo = ParamInfo & { readonly operation: string };

/** The id label for an identifier field: its first letter (meetingKey m, hostid h, puid p). */
function label(field: string): string {
  return field.slice(0, 1).toLowerCase();
}

/** A string of exactly `length` code points: a prefixed id for identifiers, `fill` repeated otherwise. */
function sized(info: FieldInfo, ids: IdFactory, length: number, fill: string): string {
  return info.required ? ids.fit(label(info.name), length, fill) : fill.repeat(length);
}

/** A valid value for the field, as the suite sends it by default. */
function validValue(info: FieldInfo, ids: IdFactory): string {
  const examples = info.schema.examples as unknown[] | undefined;
  if (typeof examples?.[0] === 'string') return examples[0];
  if (info.required) return info.identifies?.entity === 'meeting' ? ids.key() : ids.user(label(info.name));
  return 'conformance'.slice(0, info.maxLength ?? 11);
}

function matches(info: FieldInfo, value: string): boolean {
  return info.pattern === undefined || new RegExp(info.pattern, 'u').test(value);
}

function fieldsOf(operation: string): FieldInfo[] {
  return operationParams(operation).params.map((param) => ({ ...param, operation }));
}

/**
 * Every bound case of an operation, in field order.
 * @example
 * const hostid = boundCases('createMeeting').filter((c) => c.field === 'hostid');
 * hostid.map((c) => c.kind); // ['missing', 'empty', 'at-max', 'max-plus-one', 'code-points', 'non-ascii']
 */
export function boundCases(operation: string): BoundCase[] {
  return fieldsOf(operation).flatMap((info) => fieldCases(info));
}

function fieldCases(info: FieldInfo): BoundCase[] {
  const cases: BoundCase[] = [];
  const { name: field, minLength, maxLength, pattern, format, number: numberRange } = info;
  const add = (kind: CaseKind, expect: BoundCase['expect'], keyword: string, rule: string | undefined, description: string, value: (ids: IdFactory) => string | undefined | Array<string | undefined>): void => {
    const values = (ids: IdFactory): Array<string | undefined> => {
      const made = value(ids);
      return Array.isArray(made) ? made : [made];
    };
    if (rule) cases.push({ operation: info.operation, field, kind, expect, keyword, rule, description: `${field} ${description}`, values });
  };

  if (info.required) add('missing', 'failure', 'required', info.rules['required'], 'left out', () => undefined);
  if (minLength !== undefined && minLength > 0) {
    add('empty', 'failure', 'minLength', info.rules['minLength'], 'empty', () => '');
  }
  if (maxLength !== undefined) {
    const rule = info.rules['maxLength'];
    add('at-max', 'success', 'maxLength', rule, `of ${maxLength} characters (the maximum)`, (ids) => sized(info, ids, maxLength, 'x'));
    add('max-plus-one', 'failure', 'maxLength', rule, `of ${maxLength + 1} characters`, (ids) => sized(info, ids, maxLength + 1, 'x'));
    add('code-points', 'success', 'maxLength', rule && CODE_POINT_RULE, `of ${maxLength} astral code points (${2 * maxLength} UTF-16 units)`, (ids) =>
      sized(info, ids, maxLength, ASTRAL),
    );
  }
  if (!pattern || matches(info, NON_ASCII)) {
    add('non-ascii', 'success', 'type', UTF8_RULE, 'with non-ASCII characters', (ids) => {
      const value = info.required ? `${validValue(info, ids)}-${NON_ASCII.replace(/ /g, '-')}` : NON_ASCII;
      return maxLength === undefined ? value : [...value].slice(0, maxLength).join('');
    });
  }
  // Characters the form encoding itself uses must survive it in identifiers (a key is echoed and looked up).
  const formCharacters = (ids: IdFactory): string => `${validValue(info, ids)} a+b&c=d%e;f?g#h/`;
  if (info.required && matches(info, formCharacters(new IdFactory('x')))) {
    add('form-characters', 'success', 'type', UTF8_RULE, 'with spaces and + & = % ; ? # /', formCharacters);
  }
  if (pattern) {
    add('pattern', 'failure', 'pattern', info.rules['pattern'], 'breaking its pattern', (ids) => {
      const valid = validValue(info, ids);
      const fits = (candidate: string): boolean => maxLength === undefined || [...candidate].length <= maxLength;
      return [...new Set(patternBreakers(valid))].filter((candidate) => !matches(info, candidate) && fits(candidate));
    });
  }
  const breaker = format ? FORMAT_BREAKERS[format] : undefined;
  if (format && breaker) {
    add('format', 'failure', 'format', info.rules['format'], `that is not a valid ${format}`, (ids) => breaker(validValue(info, ids)));
  }
  const edge = format ? FORMAT_EDGES[format] : undefined;
  if (format && edge) {
    add('format-edge', 'success', 'format', info.rules['format'], `at the edge of ${format} (leap day, end of year, year 0050)`, (ids) => edge(validValue(info, ids)));
  }
  if (numberRange) {
    const rule = info.rules['x-liveminutes-number'];
    if (numberRange.exclusiveMinimum !== undefined) {
      const min = numberRange.exclusiveMinimum;
      add('number-min', 'failure', 'x-liveminutes-number', rule, `of ${min} (not above the exclusive minimum)`, () =>
        [String(min), `${min}.0`].filter((candidate) => matches(info, candidate)),
      );
      // The smallest value the pattern can write above the minimum.
      add('number-above-min', 'success', 'x-liveminutes-number', rule, `just above ${min}`, () =>
        ['0.000001', '0.5', '1'].map((step) => String(min + Number(step))).filter((candidate) => matches(info, candidate)).slice(0, 1),
      );
    }
    if (numberRange.maximum !== undefined) {
      add('number-max', 'success', 'x-liveminutes-number', rule, `of ${numberRange.maximum} (the maximum)`, () => String(numberRange.maximum));
      const max = numberRange.maximum;
      add('number-over', 'failure', 'x-liveminutes-number', rule, `past ${max} (the maximum)`, () =>
        [String(max + 1), `${max}.000001`].filter((candidate) => matches(info, candidate)),
      );
    }
  }
  if (!info.required && maxLength === undefined) {
    add('valid', 'success', 'type', info.rules['type'], 'with a valid value', (ids) => validValue(info, ids));
  }
  return cases;
}
