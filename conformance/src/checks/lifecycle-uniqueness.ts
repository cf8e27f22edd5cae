/**
 * Uniqueness and stability: keys the server generates are unique within the
 * account (rule createMeeting.generated-key-unique), and getMeetingUrl gives
 * the very meetingUrl createMeeting gave (rule getMeetingUrl.same-url).
 */
import type { Check } from '../types.js';
import { body, createMeeting, defineCheck, describe } from './support.js';

/** Empty-key creates per run: enough to catch a counter that repeats or a clock-based key. */
const GENERATED = 3;

/** The uniqueness and stability checks. */
export const uniquenessChecks: Check[] = [
  defineCheck({
    id: 'lifecycle.generated-keys-unique',
    rule: 'createMeeting.generated-key-unique',
    title: 'generate a different key for each empty-key createMeeting (different hosts), each its own meeting',
    async run(context) {
      const meetings = [];
      for (let i = 0; i < GENERATED; i += 1) meetings.push(await createMeeting(context, { meetingKey: '' }));
      const keys = meetings.map((meeting) => meeting.meetingKey);
      context.expect(new Set(keys).size === keys.length, `${GENERATED} empty-key createMeeting calls got the keys ${JSON.stringify(keys)}`);
      context.expect(new Set(meetings.map((m) => m.meetingUrl)).size === keys.length, `${GENERATED} generated meetings share a meetingUrl`);
      for (const meeting of meetings) {
        const read = await context.api.call('getMeetingUrl', { meetingKey: meeting.meetingKey });
        context.expect(body(read)?.meetingUrl === meeting.meetingUrl, `getMeetingUrl of the generated key ${meeting.meetingKey}: ${describe(read)}, not ${meeting.meetingUrl}`);
      }
    },
  }),
  defineCheck({
    id: 'lifecycle.meeting-url-same',
    rule: 'getMeetingUrl.same-url',
    title: 'answer getMeetingUrl with the meetingUrl createMeeting gave',
    async run(context) {
      const meeting = await createMeeting(context);
      for (let read = 0; read < 2; read += 1) {
        const answer = await context.api.call('getMeetingUrl', { meetingKey: meeting.meetingKey });
        context.expect(body(answer)?.meetingUrl === meeting.meetingUrl, `getMeetingUrl: ${describe(answer)}, not ${meeting.meetingUrl}`);
      }
    },
  }),
];
