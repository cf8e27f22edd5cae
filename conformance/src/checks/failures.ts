/**
 * Documented failures (each operation's x-liveminutes-errors): the situations
 * that call for them answer resultcode 0 with no data, and the failures the
 * whole run provoked have the spec's failure shape and, where the server adds
 * them, the right error code, a message and the offending parameter.
 */
import { failureCodes, operationIds, operationParams } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import { schemaViolations } from '../run/validator.js';
import type { Check } from '../types.js';
import { requiredFields, MEETING_FIELD, PARTICIPANT_FIELD } from './requests.js';
import { body, defineCheck, describe, expectFailure, sharedMeeting } from './support.js';

/** Calls every operation that names a meeting with a key no meeting has. */
function provokeMeetingNotFound(context: CheckContext): Promise<void> {
  return context.memo('provoke:meeting_not_found', async () => {
    const meetingKey = context.ids.key('n');
    for (const operation of operationIds().filter((op) => operationParams(op).needs.meeting)) {
      const fields: Record<string, string> = {};
      for (const field of requiredFields(operation)) {
        fields[field] = field === MEETING_FIELD ? meetingKey : context.ids.user(field === PARTICIPANT_FIELD ? 'p' : 'h');
      }
      const answer = await context.api.call(operation, fields);
      context.observe({ operation, expected: 'meeting_not_found', answer });
    }
  });
}

export const failureChecks: Check[] = [
  defineCheck({
    id: 'failure.meeting-not-found',
    rule: 'not-found.meeting',
    title: 'answer every call on a key with no live meeting with resultcode 0 and meeting_not_found',
    async run(context) {
      await provokeMeetingNotFound(context);
      for (const seen of context.observations.filter((o) => o.expected === 'meeting_not_found')) {
        expectFailure(context, seen.answer, `${seen.operation} on an unknown key`, 'meeting_not_found');
      }
    },
  }),
  defineCheck({
    id: 'failure.participant-not-found',
    rule: 'not-found.participant',
    title: 'answer every call on a puid with no live participant with resultcode 0 and participant_not_found',
    async run(context) {
      const { meeting } = await sharedMeeting(context);
      const puid = context.ids.user('n');
      for (const operation of operationIds().filter((op) => operationParams(op).needs.participant)) {
        const answer = await context.api.call(operation, { meetingKey: meeting.meetingKey, puid });
        context.observe({ operation, expected: 'participant_not_found', answer });
        expectFailure(context, answer, `${operation} with an unknown puid`, 'participant_not_found');
      }
    },
  }),
  defineCheck({
    id: 'failure.meeting-exists',
    rule: 'createMeeting.meeting-exists',
    title: 'refuse createMeeting with the key of a live meeting and another hostid with meeting_exists, leaving the meeting unchanged',
    async run(context) {
      const { meeting } = await sharedMeeting(context);
      const answer = await context.api.call('createMeeting', { meetingKey: meeting.meetingKey, hostid: context.ids.user('h') });
      context.observe({ operation: 'createMeeting', expected: 'meeting_exists', answer });
      expectFailure(context, answer, 'createMeeting with a live key and another hostid', 'meeting_exists');
      const again = await context.api.call('createMeeting', { meetingKey: meeting.meetingKey, hostid: meeting.hostid });
      context.expect(
        body(again)?.hostUrl === meeting.hostUrl,
        `the meeting changed: its host now gets ${describe(again)} instead of hostUrl ${meeting.hostUrl}`,
      );
    },
  }),
  defineCheck({
    id: 'failure.shape',
    rule: 'failure.resultcode-zero',
    title: "answer every provoked failure with HTTP 200 and a JSON body whose resultcode is the integer 0",
    async run(context) {
      if (context.observations.length === 0) await provokeMeetingNotFound(context);
      for (const seen of context.observations) {
        const json = body(seen.answer);
        if (json?.resultcode === 1) continue; // a success where a failure was due: the situation's own check says so
        context.expect(seen.answer.status === 200, `${seen.operation} (${seen.expected}): ${describe(seen.answer)}`);
        for (const violation of schemaViolations(seen.operation, 'failure', seen.answer.json)) {
          if (violation.level === 'SHOULD') continue; // error codes: failure.fields
          context.expect(false, `${seen.operation} (${seen.expected}): ${violation.message} (${describe(seen.answer)})`);
        }
      }
    },
  }),
  defineCheck({
    id: 'failure.fields',
    rule: 'failure.fields',
    title: "give every failure the documented error code for its situation, a message, and for invalid_parameter the param",
    async run(context) {
      if (context.observations.length === 0) await provokeMeetingNotFound(context);
      for (const seen of context.observations) {
        const json = body(seen.answer);
        if (!json || json.resultcode === 1) continue;
        const where = `${seen.operation} (${seen.expected})`;
        const documented = failureCodes(seen.operation);
        context.expect(json.error === seen.expected, `${where}: error ${JSON.stringify(json.error)}`);
        context.expect(
          typeof json.error !== 'string' || documented.includes(json.error),
          `${where}: error ${json.error} is not one of ${seen.operation}'s documented errors (${documented.join(', ')})`,
        );
        context.expect(typeof json.message === 'string' && json.message.trim() !== '', `${where}: no message`);
        if (seen.param !== undefined && json.error === 'invalid_parameter') {
          context.expect(json.param === seen.param, `${where}: param ${JSON.stringify(json.param)} instead of ${seen.param}`);
        }
      }
      context.findings.splice(0, context.findings.length, ...new Set(context.findings));
    },
  }),
];
