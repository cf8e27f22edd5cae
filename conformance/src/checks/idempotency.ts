/**
 * Safe repeats: createMeeting with a live key and the same hostid returns the
 * same meeting, and addParticipant for a live participant returns the same URL.
 */
import type { Check } from '../types.js';
import { addParticipant, createMeeting, defineCheck } from './support.js';

export const idempotencyChecks: Check[] = [
  defineCheck({
    id: 'idempotent.createMeeting',
    rule: 'createMeeting.idempotent',
    title: 'answer a repeated createMeeting (same key, same hostid) with the same meeting',
    async run(context) {
      const first = await createMeeting(context);
      const again = await createMeeting(context, { meetingKey: first.meetingKey, hostid: first.hostid });
      for (const field of ['meetingKey', 'meetingUrl', 'hostUrl'] as const) {
        context.expect(again[field] === first[field], `the repeat gave ${field} ${again[field]} instead of ${first[field]}`);
      }
    },
  }),
  defineCheck({
    id: 'idempotent.addParticipant',
    rule: 'addParticipant.idempotent',
    title: 'answer a repeated addParticipant for a live participant with the same participantUrl',
    async run(context) {
      const meeting = await createMeeting(context);
      const first = await addParticipant(context, meeting.meetingKey);
      const again = await addParticipant(context, meeting.meetingKey, { puid: first.puid });
      context.expect(again.participantUrl === first.participantUrl, `the repeat gave ${again.participantUrl} instead of ${first.participantUrl}`);
    },
  }),
];
