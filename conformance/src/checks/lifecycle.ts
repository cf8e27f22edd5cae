/**
 * The life of a meeting and its participants through the API alone: initial
 * statuses (from the rules' data), getParticipantUrl giving addParticipant's
 * URL, cancelled participants and meetings answering not-found everywhere,
 * cancelling twice, re-adding, reusing a key, and the key createMeeting
 * generates for an empty one.
 */
import { lifecycle, operationIds, operationParams } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { requiredValues } from './requests.js';
import { addParticipant, body, createMeeting, defineCheck, describe, expectFailure, requireSuccess } from './support.js';

export const lifecycleChecks: Check[] = [
  defineCheck({
    id: 'lifecycle.initial-meeting-status',
    rule: 'createMeeting.initial-status',
    title: 'give a new meeting the initial status of the rule',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const answer = await context.api.call('getMeetingStatus', { meetingKey: meeting.meetingKey });
      const json = requireSuccess(context, answer, 'getMeetingStatus of a new meeting');
      const expected = lifecycle('meeting').initial;
      context.expect(json.status === expected, `status ${JSON.stringify(json.status)} instead of "${expected}"`);
    },
  }),
  defineCheck({
    id: 'lifecycle.initial-participant-status',
    rule: 'addParticipant.initial-status',
    title: 'give a new participant the initial status of the rule',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const participant = await addParticipant(context, meeting.meetingKey);
      const answer = await context.api.call('getParticipantStatus', { meetingKey: meeting.meetingKey, puid: participant.puid });
      const json = requireSuccess(context, answer, 'getParticipantStatus of a new participant');
      const expected = lifecycle('participant').initial;
      context.expect(json.status === expected, `status ${JSON.stringify(json.status)} instead of "${expected}"`);
    },
  }),
  defineCheck({
    id: 'lifecycle.participant-url-same',
    rule: 'getParticipantUrl.same-url',
    title: 'answer getParticipantUrl with the URL addParticipant gave',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      for (const participant of [await addParticipant(context, meeting.meetingKey), await addParticipant(context, meeting.meetingKey)]) {
        const answer = await context.api.call('getParticipantUrl', { meetingKey: meeting.meetingKey, puid: participant.puid });
        const json = requireSuccess(context, answer, 'getParticipantUrl');
        context.expect(
          json.participantUrl === participant.participantUrl,
          `getParticipantUrl gave ${JSON.stringify(json.participantUrl)}, addParticipant ${participant.participantUrl}`,
        );
      }
    },
  }),
  defineCheck({
    id: 'lifecycle.cancel-participant-gone',
    rule: 'cancelParticipant.gone',
    title: "answer every later call for a cancelled participant with participant_not_found, and leave the others alone",
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const gone = await addParticipant(context, meeting.meetingKey);
      const other = await addParticipant(context, meeting.meetingKey);
      const cancel = await context.api.call('cancelParticipant', { meetingKey: meeting.meetingKey, puid: gone.puid });
      requireSuccess(context, cancel, 'cancelParticipant');
      for (const operation of operationIds().filter((op) => operationParams(op).needs.participant)) {
        const answer = await context.api.call(operation, { meetingKey: meeting.meetingKey, puid: gone.puid }, { expect: { error: 'participant_not_found' } });
        expectFailure(context, answer, `${operation} after cancelParticipant`, 'participant_not_found');
      }
      const still = await context.api.call('getParticipantUrl', { meetingKey: meeting.meetingKey, puid: other.puid });
      context.expect(body(still)?.participantUrl === other.participantUrl, `another participant was affected: ${describe(still)}`);
    },
  }),
  defineCheck({
    id: 'lifecycle.cancel-participant-re-add',
    rule: 'cancelParticipant.re-add',
    title: 'give a cancelled puid a new participantUrl when it is added again',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const first = await addParticipant(context, meeting.meetingKey);
      requireSuccess(context, await context.api.call('cancelParticipant', { meetingKey: meeting.meetingKey, puid: first.puid }), 'cancelParticipant');
      const again = await addParticipant(context, meeting.meetingKey, { puid: first.puid });
      context.expect(again.participantUrl !== first.participantUrl, `the re-added participant got its old URL ${first.participantUrl}`);
    },
  }),
  defineCheck({
    id: 'lifecycle.cancel-meeting-gone',
    rule: 'cancelMeeting.gone',
    title: "answer every later call on a cancelled meeting's key with meeting_not_found",
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      const participant = await addParticipant(context, meeting.meetingKey);
      requireSuccess(context, await context.api.call('cancelMeeting', { meetingKey: meeting.meetingKey }), 'cancelMeeting');
      for (const operation of operationIds().filter((op) => operationParams(op).needs.meeting && op !== 'cancelMeeting')) {
        const fields = requiredValues(context, operation, meeting.meetingKey, participant.puid);
        const answer = await context.api.call(operation, fields, { expect: { error: 'meeting_not_found' } });
        expectFailure(context, answer, `${operation} after cancelMeeting`, 'meeting_not_found');
      }
    },
  }),
  defineCheck({
    id: 'lifecycle.cancel-meeting-twice',
    rule: 'cancelMeeting.twice',
    title: 'refuse a second cancelMeeting of the same meeting with meeting_not_found',
    async run(context: CheckContext) {
      const meeting = await createMeeting(context);
      requireSuccess(context, await context.api.call('cancelMeeting', { meetingKey: meeting.meetingKey }), 'cancelMeeting');
      const answer = await context.api.call('cancelMeeting', { meetingKey: meeting.meetingKey }, { expect: { error: 'meeting_not_found' } });
      expectFailure(context, answer, 'the second cancelMeeting', 'meeting_not_found');
    },
  }),
  defineCheck({
    id: 'lifecycle.key-reuse',
    rule: 'cancelMeeting.key-reuse',
    title: "accept a cancelled meeting's key for a new meeting, with new URLs and none of the old participants",
    async run(context: CheckContext) {
      const first = await createMeeting(context);
      const old = await addParticipant(context, first.meetingKey);
      requireSuccess(context, await context.api.call('cancelMeeting', { meetingKey: first.meetingKey }), 'cancelMeeting');
      const second = await createMeeting(context, { meetingKey: first.meetingKey, hostid: context.ids.user('h') });
      context.expect(second.meetingKey === first.meetingKey, `the new meeting has key ${second.meetingKey}`);
      context.expect(second.hostUrl !== first.hostUrl, `the new meeting's host got the old host URL ${first.hostUrl}`);
      context.expect(second.meetingUrl !== first.meetingUrl, `the new meeting got the old meetingUrl ${first.meetingUrl}`);
      // The old meeting's participants stay gone: they do not come back with the key.
      const ghost = await context.api.call('getParticipantUrl', { meetingKey: first.meetingKey, puid: old.puid }, { expect: { error: 'participant_not_found' } });
      expectFailure(context, ghost, "the cancelled meeting's participant in the new meeting", 'participant_not_found');
      // Every URL is new: the old participant's puid, added again, gets a URL of its own.
      const again = await addParticipant(context, first.meetingKey, { puid: old.puid });
      context.expect(again.participantUrl !== old.participantUrl, `the old puid added to the new meeting got its old URL ${old.participantUrl}`);
    },
  }),
  defineCheck({
    id: 'lifecycle.generated-key',
    rule: 'param.meetingkey-create',
    title: 'generate a meeting key when createMeeting gets an empty one, and answer calls with it',
    async run(context: CheckContext) {
      const answer = await context.api.call('createMeeting', { meetingKey: '', hostid: context.ids.user('h') });
      const json = requireSuccess(context, answer, 'createMeeting with an empty meetingKey');
      context.require(typeof json.meetingKey === 'string' && json.meetingKey !== '', `no generated meetingKey: ${describe(answer)}`);
      const status = await context.api.call('getMeetingStatus', { meetingKey: json.meetingKey });
      context.expect(body(status)?.resultcode === 1, `getMeetingStatus with the generated key: ${describe(status)}`);
    },
  }),
];
