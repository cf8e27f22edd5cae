/**
 * Tenant isolation, with a second account: another account's meeting is
 * meeting_not_found for every operation (never "forbidden"), its calls change
 * nothing, and each account has its own namespace of keys.
 */
import { operationIds, operationParams } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { requiredValues } from './requests.js';
import { addParticipant, body, createMeeting, defineCheck, describe, expectFailure, requireSuccess } from './support.js';

export const isolationChecks: Check[] = [
  defineCheck({
    id: 'isolation.foreign-meeting',
    rule: 'account.isolation',
    needs: ['second-account'],
    title: "answer every call on another account's meeting with meeting_not_found, changing nothing",
    async run(context: CheckContext) {
      const second = context.second;
      if (!second) context.skip('needs --second-account');
      const meeting = await createMeeting(context);
      const participant = await addParticipant(context, meeting.meetingKey);
      for (const operation of operationIds().filter((op) => operationParams(op).needs.meeting)) {
        const fields = requiredValues(context, operation, meeting.meetingKey, participant.puid);
        const answer = await context.api.call(operation, fields, { auth: second, expect: { error: 'meeting_not_found' } });
        expectFailure(context, answer, `${operation} by the second account`, 'meeting_not_found');
      }
      const url = await context.api.call('getParticipantUrl', { meetingKey: meeting.meetingKey, puid: participant.puid });
      context.expect(
        body(url)?.participantUrl === participant.participantUrl,
        `the owner's participant changed after the second account's calls: ${describe(url)}`,
      );
    },
  }),
  defineCheck({
    id: 'isolation.key-namespace',
    rule: 'account.isolation',
    needs: ['second-account'],
    title: "let another account create a meeting with the same key, separate from the first",
    async run(context: CheckContext) {
      const second = context.second;
      if (!second) context.skip('needs --second-account');
      const mine = await createMeeting(context);
      const theirs = await createMeeting(context, { meetingKey: mine.meetingKey }, { auth: second });
      context.expect(theirs.hostUrl !== mine.hostUrl, `both accounts' meetings share the host URL ${mine.hostUrl}`);
      requireSuccess(context, await context.api.call('cancelMeeting', { meetingKey: mine.meetingKey }, { auth: second }), 'cancelMeeting by the second account');
      const still = await context.api.call('getMeetingUrl', { meetingKey: mine.meetingKey });
      context.expect(
        body(still)?.meetingUrl === mine.meetingUrl,
        `the second account's cancelMeeting of its own meeting touched the first's: ${describe(still)}`,
      );
    },
  }),
];
