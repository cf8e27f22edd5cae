/**
 * Runs every traffic check over one exchange: the client's side (what was
 * sent) and the server's (what came back), and holds a server to the rules
 * the client broke: a request that breaks a rule and is answered with a
 * success is the server's fault too (it had to refuse it).
 */
import { getRule } from '@org/liveminutes-spec';
import { answerChecks } from './answer-checks.js';
import { findingsOf, type Judged, type TrafficCheck } from './define.js';
import type { Finding, Side, TrafficExchange } from './exchange.js';
import { readRequest } from './read-request.js';
import { requestChecks } from './request-checks.js';

/** The rule a server breaks when it accepts a request that breaks a client rule (credentials: the answer must be a failure). */
const ACCEPTED_RULE: Readonly<Record<string, string>> = { 'request.credentials': 'auth.failure-resultcode' };

/** Client mistakes a server may still accept: no rule asks it to refuse a body that is not UTF-8. */
const MAY_BE_ACCEPTED: ReadonlySet<string> = new Set(['request.encoding']);

/** Every traffic check, client side first. */
export const trafficChecks: readonly TrafficCheck[] = [...requestChecks, ...answerChecks];

/** The answer's body as a JSON object, if it is one. */
function jsonObject(exchange: TrafficExchange): Record<string, unknown> | undefined {
  if (!exchange.answer) return undefined;
  try {
    const value = JSON.parse(exchange.answer.body.toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads an exchange once for every check.
 * @example
 * judgeOf(exchange).read.operation; // 'createMeeting'
 */
export function judgeOf(exchange: TrafficExchange): Judged {
  return { exchange, read: readRequest(exchange.request), json: jsonObject(exchange) };
}

/** Options of {@link checkExchange}. */
export interface CheckExchangeOptions {
  /** Only this side (the suite sends broken requests on purpose and judges only the server). */
  readonly side?: Side;
  /** Only these checks. */
  readonly only?: ReadonlySet<string>;
}

/**
 * Every finding on one exchange.
 * @example
 * checkExchange({ request: { method: 'GET', target: '/createMeeting', headers: {}, body: Buffer.alloc(0) }, answer }).map((f) => f.check);
 * // ['request.method']
 */
export function checkExchange(exchange: TrafficExchange, options: CheckExchangeOptions = {}, judged: Judged = judgeOf(exchange)): Finding[] {
  const chosen = trafficChecks.filter((check) => (options.side === undefined || check.side === options.side) && (options.only === undefined || options.only.has(check.id)));
  const findings = chosen.flatMap((check) => findingsOf(check, judged));
  if (options.side !== undefined || options.only !== undefined) return findings;
  const client = findings.filter((finding) => finding.side === 'client');
  if (judged.json?.resultcode === 1) {
    for (const mistake of client.filter((finding) => !MAY_BE_ACCEPTED.has(finding.check))) {
      const rule = ACCEPTED_RULE[mistake.check] ?? mistake.rule;
      findings.push({ rule, level: getRule(rule).level, side: 'server', check: 'answer.accepted-invalid', message: `${mistake.message}; answered with a success` });
    }
  }
  return findings;
}
