/**
 * Every operation's success: a valid call answers HTTP 200 with resultcode 1
 * and a body that validates against the bundled spec's success schema. The
 * check's rule is the one the success schema cites for its required fields;
 * violations of keywords that belong to SHOULD rules (URL formats) are left to
 * the checks of those rules.
 */
import { operationIds, successRule } from '@org/liveminutes-spec';
import { successProblems } from '../traffic/answer-checks.js';
import type { Check } from '../types.js';
import { validRequest } from './requests.js';
import { defineCheck, describe, requireSuccess } from './support.js';

export const successChecks: Check[] = operationIds().map((operation) => {
  const rule = successRule(operation);
  return defineCheck({
    id: `success.${operation}`,
    rule,
    title: `answer a valid ${operation} with HTTP 200, resultcode 1 and a body valid against the spec's schema`,
    async run(context) {
      const { fields } = await validRequest(context, operation);
      const answer = await context.api.call(operation, fields);
      const json = requireSuccess(context, answer, operation);
      // The traffic check's judgement of the success body (keywords cited by weaker rules are those rules' business).
      for (const problem of successProblems(operation, json)) context.expect(false, `${operation}: ${problem} (${describe(answer)})`);
    },
  });
});
