/**
 * A traffic check: a pure function of one exchange (as read by read-request.ts)
 * that returns what is wrong with it, for one rule and one side. Its level is
 * the rule's level in the spec.
 */
import { getRule } from '@org/liveminutes-spec';
import type { Finding, Side, TrafficExchange } from './exchange.js';
import type { ReadRequest } from './read-request.js';

/** What a traffic check is given. */
export interface Judged {
  readonly exchange: TrafficExchange;
  readonly read: ReadRequest;
  /** The answer's JSON object body, when it has one. */
  readonly json: Record<string, unknown> | undefined;
}

/** A problem and, when it is not the check's own, the rule it breaks. */
export type Problem = string | { readonly rule: string; readonly message: string };

/** One traffic check. */
export interface TrafficCheck {
  readonly id: string;
  /** The rule of its findings, unless a problem names another. */
  readonly rule: string;
  readonly side: Side;
  judge(judged: Judged): readonly Problem[];
}

/**
 * The findings of one check on one exchange.
 * @example
 * findingsOf(methodCheck, judged); // [{ rule: 'transport.post-path', level: 'MUST', side: 'client', check: 'request.method', message: 'GET /createMeeting: ...' }]
 */
export function findingsOf(check: TrafficCheck, judged: Judged): Finding[] {
  const { method, target } = judged.exchange.request;
  return check.judge(judged).map((problem) => {
    const rule = typeof problem === 'string' ? check.rule : problem.rule;
    const message = typeof problem === 'string' ? problem : problem.message;
    return { rule, level: getRule(rule).level, side: check.side, check: check.id, message: `${method} ${target}: ${message}` };
  });
}

/** A short account of an answer: `HTTP 200 {"resultcode":0,...}`. */
export function describeAnswer(exchange: TrafficExchange): string {
  if (!exchange.answer) return `no answer (${exchange.error ?? 'closed'})`;
  const text = exchange.answer.body.toString('utf8');
  const cut = text.length > 240 ? `${text.slice(0, 240)}...` : text;
  return `HTTP ${exchange.answer.status} ${cut.replace(/\s+/g, ' ')}`;
}
