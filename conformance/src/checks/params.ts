/**
 * One check per generated bound case (see bounds.ts): values the spec allows
 * must succeed, values it forbids must fail with resultcode 0 and no data.
 * The check's level is the level of the rule the case's keyword maps to.
 */
import { operationIds, operationParams } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { boundCases, type BoundCase } from './bounds.js';
import { sharedFields, validRequest, MEETING_FIELD, PARTICIPANT_FIELD } from './requests.js';
import { body, defineCheck, describe, expectFailure, requireSuccess } from './support.js';

/** Every bound case of every operation. */
export function allBoundCases(): BoundCase[] {
  return operationIds().flatMap((operation) => boundCases(operation));
}

function isReference(testCase: BoundCase): boolean {
  const refs = operationParams(testCase.operation).needs;
  return (testCase.field === MEETING_FIELD && refs.meeting) || (testCase.field === PARTICIPANT_FIELD && refs.participant);
}

async function runSuccessCase(context: CheckContext, testCase: BoundCase, value: string): Promise<void> {
  const { operation, field } = testCase;
  // A value that names a meeting or participant is first given to the call that creates it.
  const { fields } = await validRequest(context, operation, { [field]: value });
  const answer = await context.api.call(operation, fields);
  const json = requireSuccess(context, answer, `${operation} with ${testCase.description} (${JSON.stringify(value)})`);
  if (field === MEETING_FIELD && 'meetingKey' in json) {
    context.expect(json.meetingKey === value, `${operation} with ${testCase.description} echoed meetingKey ${JSON.stringify(json.meetingKey)}`);
  }
  // A new identifier must read back: the server stored what was sent, not a mangled copy.
  if ((testCase.kind !== 'non-ascii' && testCase.kind !== 'form-characters') || isReference(testCase)) return;
  if (operation === 'createMeeting' && field === MEETING_FIELD) {
    const read = await context.api.call('getMeetingStatus', { meetingKey: value });
    context.expect(read.status === 200 && body(read)?.resultcode === 1, `getMeetingStatus with the key just created: ${describe(read)}`);
  }
  if (operation === 'addParticipant' && field === PARTICIPANT_FIELD) {
    const read = await context.api.call('getParticipantStatus', { meetingKey: fields[MEETING_FIELD] ?? '', puid: value });
    context.expect(read.status === 200 && body(read)?.resultcode === 1, `getParticipantStatus with the puid just added: ${describe(read)}`);
  }
}

async function runFailureCase(context: CheckContext, testCase: BoundCase, value: string | undefined): Promise<void> {
  const { operation, field } = testCase;
  const fields: Record<string, string | undefined> = await sharedFields(context, operation);
  fields[field] = value;
  const answer = await context.api.call(operation, fields, { expect: { error: 'invalid_parameter', param: field } });
  expectFailure(context, answer, `${operation} with ${testCase.description}${value === undefined ? '' : ` (${JSON.stringify(value)})`}`);
}

export const paramChecks: Check[] = allBoundCases().map((testCase) =>
  defineCheck({
    id: `param.${testCase.operation}.${testCase.field}.${testCase.kind}`,
    rule: testCase.rule,
    title:
      testCase.expect === 'success'
        ? `accept ${testCase.operation} with ${testCase.description}`
        : `refuse ${testCase.operation} with ${testCase.description} (resultcode 0, no data)`,
    async run(context: CheckContext) {
      const values = testCase.values(context.ids);
      context.require(values.length > 0, `the spec leaves no value to try for ${testCase.description}`);
      for (const value of values) {
        if (testCase.expect === 'failure') await runFailureCase(context, testCase, value);
        else if (value !== undefined) await runSuccessCase(context, testCase, value);
      }
    },
  }),
);
