/**
 * Documented failures (each operation's x-liveminutes-errors): the situations
 * that call for them answer resultcode 0 with no data, and the failures the
 * whole run provoked have the spec's failure shape and, where the server adds
 * them, the right error code, a message and the offending parameter.
 */
import { operationIds, operationParams } from '@org/liveminutes-spec';
import type { Answer } from '../http/api.js';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { requiredValues } from './requests.js';
import { body, defineCheck, describe, expectFailure, sharedMeeting } from './support.js';

/** Calls every operation that names a meeting with a key no meeting has (once per run); its answers. */
function provokeMeetingNotFound(context: CheckContext): Promise<Answer[]> {
  return context.memo('provoke:meeting_not_found', async () => {
    const meetingKey = context.ids.key('n');
    const answers: Answer[] = [];
    for (const operation of operationIds().filter((op) => operationParams(op).needs.meeting)) {
      const fields = requiredValues(context, operation, meetingKey, undefined);
      answers.push(await context.api.call(operation, fields, { expect: { error: 'meeting_not_found' } }));
    }
    return answers;
  });
}

export const failureChecks: Check[] = [
  defineCheck({
    id: 'failure.meeting-not-found',
    rule: 'not-found.meeting',
    title: 'answer every call on a key with no live meeting with resultcode 0 and meeting_not_found',
    async run(context) {
      for (const answer of await provokeMeetingNotFound(context)) {
        expectFailure(context, answer, `${answer.operation} on an unknown key`, 'meeting_not_found');
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
        const answer = await context.api.call(operation, { meetingKey: meeting.meetingKey, puid }, { expect: { error: 'participant_not_found' } });
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
      const answer = await context.api.call('createMeeting', { meetingKey: meeting.meetingKey, hostid: context.ids.user('h') }, { expect: { error: 'meeting_exists' } });
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
      if (context.provoked === 0) await provokeMeetingNotFound(context);
      for (const finding of context.reviewed('failure.shape')) context.expect(false, finding);
    },
  }),
  defineCheck({
    id: 'failure.fields',
    rule: 'failure.fields',
    title: "give every failure the documented error code for its situation, a message, and for invalid_parameter the param",
    async run(context) {
      if (context.provoked === 0) await provokeMeetingNotFound(context);
      for (const finding of context.reviewed('failure.fields')) context.expect(false, finding);
    },
  }),
];
