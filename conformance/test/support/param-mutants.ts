/**
 * Mutants for the generated parameter checks (`param.<operation>.<field>.<case>`):
 * one broken validation per kind of bound, each run against the checks of
 * that kind only. Bounds, patterns and number ranges are read from the
 * request schemas, as the checks read them.
 */
import { operationParams, type ParamInfo } from '@org/liveminutes-spec';
import { allChecks, selectChecks } from '../../src/index.js';
import { formOf, jsonOf, operationOf, type Mutant, type ProxyAnswer, type ProxyRequest } from './fault-proxy.js';

const json = (body: unknown): ProxyAnswer => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });

function schemaOf(operation: string, field: string): ParamInfo | undefined {
  try {
    return operationParams(operation).params.find((param) => param.name === field);
  } catch {
    return undefined;
  }
}

type Test = (value: string | null, param: ParamInfo) => boolean;

/** A server that lets through what its validation should refuse (the spec's invalid_parameter answered with success). */
function accepts(name: string, breaks: string, only: string[], wrongly: Test): Mutant {
  return {
    name,
    breaks,
    expected: firstMatch(only),
    only,
    response: (req: ProxyRequest, answer: ProxyAnswer) => {
      const body = jsonOf(answer);
      const param = typeof body?.param === 'string' ? body.param : undefined;
      const schema = param ? schemaOf(operationOf(req), param) : undefined;
      if (body?.error !== 'invalid_parameter' || !param || !schema || !wrongly(formOf(req).get(param), schema)) return answer;
      return json({ resultcode: 1, meetingKey: formOf(req).get('meetingKey') ?? 'lmc-mutant' });
    },
  };
}

/** A server that refuses values the spec allows. */
function refuses(name: string, breaks: string, only: string[], wrongly: Test): Mutant {
  return {
    name,
    breaks,
    expected: firstMatch(only),
    only,
    request: (req: ProxyRequest) => {
      for (const [field, value] of formOf(req)) {
        const schema = schemaOf(operationOf(req), field);
        if (schema && wrongly(value, schema)) return json({ resultcode: 0, error: 'invalid_parameter', message: `${field} is invalid.`, param: field });
      }
      return req;
    },
  };
}

/** The first check the patterns select: the one the test names as expected. */
function firstMatch(only: readonly string[]): string {
  return selectChecks(allChecks(), only)[0]?.id ?? String(only[0]);
}

const length = (value: string | null): number => [...(value ?? '')].length;
const maxLength = (param: ParamInfo): number | undefined => param.maxLength;

/**
 * @example
 * createParamMutants().map((mutant) => mutant.name); // ['required-not-enforced', ...]
 */
export function createParamMutants(): Mutant[] {
  return [
    accepts('required-not-enforced', 'param rules: a required parameter left out is accepted', ['param.*.missing'], (value) => value === null),
    accepts('empty-accepted', 'param rules: an empty identifier is accepted', ['param.*.empty'], (value) => value === ''),
    accepts('no-max-length', 'maxLength: values past the maximum are accepted', ['param.*.max-plus-one'], (value, schema) => {
      const max = maxLength(schema);
      return max !== undefined && length(value) > max;
    }),
    accepts('pattern-not-enforced', 'pattern: values breaking the pattern are accepted', ['param.*.pattern'], (value, schema) => {
      const pattern = schema.pattern;
      return pattern !== undefined && value !== null && !new RegExp(pattern, 'u').test(value);
    }),
    accepts('number-range-open', 'x-liveminutes-number: numbers outside the range are accepted', ['param.*.number-min', 'param.*.number-over'], (_value, schema) =>
      schema.number !== undefined,
    ),
    refuses('max-length-exclusive', 'maxLength: a value at the maximum is refused (off by one)', ['param.*.at-max'], (value, schema) => {
      const max = maxLength(schema);
      return max !== undefined && length(value) >= max;
    }),
    refuses('non-ascii-refused', 'transport.form-body: non-ASCII characters refused', ['param.*.non-ascii', 'param.*.code-points'], (value) => [...(value ?? '')].some((char) => (char.codePointAt(0) ?? 0) > 0x7f)),
    refuses('injection-filter', 'transport.form-body: a naive injection filter refuses ; % # in values', ['param.*.form-characters', 'verbatim.*'], (value) => /[;%#]/.test(value ?? '')),
    refuses(
      'optional-time-duration-refused',
      'createMeeting: the optional time and duration are refused whatever their value',
      ['param.*.valid', 'param.*.format-edge', 'param.*.number-above-min', 'param.*.number-max'],
      (_value, schema) => schema.format !== undefined || schema.number !== undefined,
    ),
  ];
}
