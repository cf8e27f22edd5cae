/**
 * The server's side of an exchange: what came back. Never a 5xx, an
 * internal_error or no answer at all; JSON labelled UTF-8; no 401 challenge;
 * every answer to an operation call HTTP 200 with the failure shape or the
 * success schema; documented error codes with a message (the expected code
 * when the sender knows it); and no success for a request that breaks a MUST
 * rule of its own side.
 */
import { failureCodes, getRule, serverFaultCode, successRule, type RuleLevel } from '@org/liveminutes-spec';
import { schemaViolations } from '../run/validator.js';
import { describeAnswer, type Judged, type Problem, type TrafficCheck } from './define.js';

/**
 * `application/json; charset=utf-8`, spaces and case aside.
 * @example
 * isJsonUtf8('application/json;charset=UTF-8'); // true
 */
export function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.toLowerCase().split(';').map((part) => part.trim());
  return type === 'application/json' && params.some((param) => param.replace(/\s/g, '') === 'charset=utf-8' || param.replace(/\s/g, '') === 'charset="utf-8"');
}

// The spec's data, read once: the proxy judges every exchange, and reading the model costs more than judging.
const resultRules = new Map<string, { rule: string; level: RuleLevel }>();
let faultCode: string | undefined;

/** The rule an operation's success schema cites, and its level. */
function resultRuleOf(operation: string): { rule: string; level: RuleLevel } {
  let found = resultRules.get(operation);
  if (!found) {
    const rule = successRule(operation);
    found = { rule, level: getRule(rule).level };
    resultRules.set(operation, found);
  }
  return found;
}

/** An answer to an operation call that is not a success. */
function isFailureAnswer({ read, exchange, json }: Judged): boolean {
  return read.reachesOperation && exchange.answer !== undefined && json?.resultcode !== 1;
}

/**
 * The success schema's violations that the operation's result rule owns
 * (keywords cited by weaker rules are those rules' business).
 * @example
 * successProblems('getMeetingStatus', { resultcode: 1, status: 1 }); // ['/status must be string']
 */
export function successProblems(operation: string, json: unknown): string[] {
  const { rule, level } = resultRuleOf(operation);
  return schemaViolations(operation, 'success', json)
    .filter((violation) => violation.level === undefined || violation.level === level || violation.rule === rule)
    .map((violation) => violation.message);
}

export const answerChecks: readonly TrafficCheck[] = [
  {
    id: 'robustness.no-5xx',
    rule: 'transport.no-5xx',
    side: 'server',
    judge: ({ exchange, json }) => {
      if (exchange.abandoned) return [];
      if (!exchange.answer) return [describeAnswer(exchange)];
      // internal_error means the server broke (rule failure.internal-error): the same fault as a 5xx.
      faultCode ??= serverFaultCode();
      return exchange.answer.status >= 500 || json?.error === faultCode ? [describeAnswer(exchange)] : [];
    },
  },
  {
    id: 'transport.json-content-type',
    rule: 'transport.json-content-type',
    side: 'server',
    judge: ({ exchange, read }) => {
      const { request, answer } = exchange;
      // Entry pages are HTML: requests to other servers (absolute targets) and page GETs outside the API's paths.
      if (!answer || !request.target.startsWith('/')) return [];
      if (read.operation === undefined && (request.method === 'GET' || request.method === 'HEAD')) return [];
      const type = answer.headers['content-type'];
      return isJsonUtf8(type) ? [] : [`(HTTP ${answer.status}) Content-Type ${String(type)}`];
    },
  },
  {
    id: 'auth.no-challenge',
    rule: 'auth.no-challenge',
    side: 'server',
    judge: ({ exchange }) => {
      const answer = exchange.answer;
      if (!answer) return [];
      const problems: string[] = [];
      if (answer.status === 401) problems.push(`HTTP 401 (${describeAnswer(exchange)})`);
      if (answer.headers['www-authenticate'] !== undefined) problems.push(`WWW-Authenticate ${JSON.stringify(answer.headers['www-authenticate'])}`);
      return problems;
    },
  },
  {
    id: 'failure.shape',
    rule: 'failure.resultcode-zero',
    side: 'server',
    judge: (judged) => {
      if (!isFailureAnswer(judged)) return [];
      const { exchange, read } = judged;
      const answer = exchange.answer!;
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.body.toString('utf8')) as unknown;
      } catch {
        parsed = undefined;
      }
      // One finding per answer: every MUST keyword it breaks (error codes are failure.fields' business).
      const broken = schemaViolations(read.operation ?? '', 'failure', parsed).filter((violation) => violation.level !== 'SHOULD');
      const problems = [...(answer.status === 200 ? [] : [`HTTP ${answer.status} instead of 200`]), ...broken.map((violation) => violation.message)];
      return problems.length === 0 ? [] : [`${problems.join('; ')} (${describeAnswer(exchange)})`];
    },
  },
  {
    id: 'failure.fields',
    rule: 'failure.fields',
    side: 'server',
    judge: (judged) => {
      const { exchange, read, json } = judged;
      if (!isFailureAnswer(judged) || !json) return [];
      const operation = read.operation ?? '';
      const expected = exchange.expected;
      const where = expected ? `(${expected.error}) ` : '';
      const problems: string[] = [];
      const documented = failureCodes(operation);
      if (expected && json.error !== expected.error) problems.push(`${where}error ${JSON.stringify(json.error)}`);
      if (!expected && typeof json.error !== 'string') problems.push(`no error code (${describeAnswer(exchange)})`);
      if (typeof json.error === 'string' && !documented.includes(json.error)) {
        problems.push(`${where}error ${json.error} is not one of ${operation}'s documented errors (${documented.join(', ')})`);
      }
      if (!(typeof json.message === 'string' && json.message.trim() !== '')) problems.push(`${where}no message`);
      if (expected?.param !== undefined && json.error === 'invalid_parameter' && json.param !== expected.param) {
        problems.push(`${where}param ${JSON.stringify(json.param)} instead of ${expected.param}`);
      }
      return problems;
    },
  },
  {
    id: 'success.schema',
    rule: 'result.success',
    side: 'server',
    judge: ({ exchange, read, json }) => {
      if (!read.reachesOperation || json?.resultcode !== 1 || !exchange.answer) return [];
      const operation = read.operation ?? '';
      const { rule } = resultRuleOf(operation);
      const broken = successProblems(operation, json);
      const problems: Problem[] = broken.length === 0 ? [] : [{ rule, message: `${broken.join('; ')} (${describeAnswer(exchange)})` }];
      if (exchange.answer.status !== 200) problems.push({ rule: 'result.http-200', message: describeAnswer(exchange) });
      return problems;
    },
  },
];
