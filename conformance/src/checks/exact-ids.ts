/**
 * Identifiers are opaque and exact (rule param.ids-exact): a meetingKey, hostid
 * or puid that differs from another only in letter case, a surrounding space
 * or its Unicode normal form names a different meeting, host or participant,
 * on every operation that takes it. Every id the suite creates still starts
 * with the run's prefix: the leading-space variant is only ever looked up,
 * never created.
 */
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { addParticipant, body, createMeeting, defineCheck, describe, expectFailure, isSuccess, type Meeting } from './support.js';

/** One id that a normalizing server would take for `base`. */
export interface IdVariant {
  readonly what: string;
  readonly value: string;
  /** Whether the suite may create it (it keeps the run's prefix). */
  readonly creatable: boolean;
}

/**
 * A base id with letters and a precomposed é, and its near twins.
 * @example
 * idVariants('lmc-x-m1').base; // 'lmc-x-m1-abé' (é precomposed, NFC)
 */
export function idVariants(id: string): { base: string; variants: IdVariant[] } {
  const base = `${id}-ab\u00e9`;
  return {
    base,
    variants: [
      { what: 'in another letter case', value: `${id}-AB\u00c9`, creatable: true },
      { what: 'with a trailing space', value: `${base} `, creatable: true },
      { what: 'in Unicode normal form NFD', value: base.normalize('NFD'), creatable: true },
      { what: 'with a leading space', value: ` ${base}`, creatable: false },
    ],
  };
}

const quote = JSON.stringify;

async function stillLive(context: CheckContext, meeting: Meeting, after: string): Promise<void> {
  const url = await context.api.call('getMeetingUrl', { meetingKey: meeting.meetingKey });
  context.expect(isSuccess(url) && body(url)?.meetingUrl === meeting.meetingUrl, `after ${after}, meeting ${quote(meeting.meetingKey)} changed or went: ${describe(url)}`);
}

const meetingKeyCheck = defineCheck({
  id: 'ids.meeting-key-exact',
  rule: 'param.ids-exact',
  title: 'treat meeting keys that differ only in case, surrounding spaces or Unicode normal form as different meetings, on every operation',
  async run(context) {
    const { base, variants } = idVariants(context.ids.key());
    const meeting = await createMeeting(context, { meetingKey: base });
    for (const { what, value, creatable } of variants) {
      const label = `the key ${what} (${quote(value)})`;
      for (const operation of ['getMeetingStatus', 'getMeetingUrl'] as const) {
        expectFailure(context, await context.api.call(operation, { meetingKey: value }), `${operation} with ${label}`, 'meeting_not_found');
      }
      const puid = context.ids.user('p');
      expectFailure(context, await context.api.call('addParticipant', { meetingKey: value, puid }), `addParticipant with ${label}`, 'meeting_not_found');
      if (!creatable) {
        expectFailure(context, await context.api.call('cancelMeeting', { meetingKey: value }), `cancelMeeting with ${label}`, 'meeting_not_found');
        await stillLive(context, meeting, `cancelMeeting with ${label}`);
        continue;
      }
      const twin = await context.api.call('createMeeting', { meetingKey: value, hostid: context.ids.user('h') });
      if (!context.expect(isSuccess(twin), `createMeeting with ${label} and another host was refused: ${describe(twin)}`)) continue;
      const twinUrl = body(twin)?.meetingUrl;
      context.expect(body(twin)?.meetingKey === value, `createMeeting with ${label} echoed ${quote(body(twin)?.meetingKey)}`);
      context.expect(twinUrl !== meeting.meetingUrl, `createMeeting with ${label} gave the meetingUrl of ${quote(base)}`);
      const read = await context.api.call('getMeetingUrl', { meetingKey: value });
      context.expect(body(read)?.meetingUrl === twinUrl, `getMeetingUrl with ${label}: ${describe(read)}, not its own ${twinUrl}`);
      const cancel = await context.api.call('cancelMeeting', { meetingKey: value });
      context.expect(isSuccess(cancel), `cancelMeeting with ${label}: ${describe(cancel)}`);
      await stillLive(context, meeting, `cancelMeeting with ${label}`);
    }
  },
});

const hostidCheck = defineCheck({
  id: 'ids.hostid-exact',
  rule: 'param.ids-exact',
  title: 'treat host ids that differ only in case, surrounding spaces or Unicode normal form as different hosts',
  async run(context) {
    const { base, variants } = idVariants(context.ids.user('h'));
    const meeting = await createMeeting(context, { hostid: base });
    for (const { what, value } of variants) {
      const answer = await context.api.call('createMeeting', { meetingKey: meeting.meetingKey, hostid: value });
      expectFailure(context, answer, `createMeeting with the live key and the hostid ${what} (${quote(value)})`, 'meeting_exists');
      await stillLive(context, meeting, `createMeeting with the hostid ${what}`);
    }
  },
});

const puidCheck = defineCheck({
  id: 'ids.puid-exact',
  rule: 'param.ids-exact',
  title: 'treat puids that differ only in case, surrounding spaces or Unicode normal form as different participants, on every operation',
  async run(context) {
    const meeting = await createMeeting(context);
    const { base, variants } = idVariants(context.ids.user('p'));
    const participant = await addParticipant(context, meeting.meetingKey, { puid: base });
    const meetingKey = meeting.meetingKey;
    const original = async (after: string): Promise<void> => {
      const read = await context.api.call('getParticipantUrl', { meetingKey, puid: base });
      context.expect(body(read)?.participantUrl === participant.participantUrl, `after ${after}, participant ${quote(base)} changed or went: ${describe(read)}`);
    };
    for (const { what, value, creatable } of variants) {
      const label = `the puid ${what} (${quote(value)})`;
      for (const operation of ['getParticipantStatus', 'getParticipantUrl'] as const) {
        expectFailure(context, await context.api.call(operation, { meetingKey, puid: value }), `${operation} with ${label}`, 'participant_not_found');
      }
      if (!creatable) {
        expectFailure(context, await context.api.call('cancelParticipant', { meetingKey, puid: value }), `cancelParticipant with ${label}`, 'participant_not_found');
        await original(`cancelParticipant with ${label}`);
        continue;
      }
      const twin = await context.api.call('addParticipant', { meetingKey, puid: value });
      if (!context.expect(isSuccess(twin), `addParticipant with ${label}: ${describe(twin)}`)) continue;
      const twinUrl = body(twin)?.participantUrl;
      context.expect(twinUrl !== participant.participantUrl, `addParticipant with ${label} gave the participantUrl of ${quote(base)}`);
      const read = await context.api.call('getParticipantUrl', { meetingKey, puid: value });
      context.expect(body(read)?.participantUrl === twinUrl, `getParticipantUrl with ${label}: ${describe(read)}, not its own ${twinUrl}`);
      const cancel = await context.api.call('cancelParticipant', { meetingKey, puid: value });
      context.expect(isSuccess(cancel), `cancelParticipant with ${label}: ${describe(cancel)}`);
      await original(`cancelParticipant with ${label}`);
    }
  },
});

/** The exact-identifier checks. */
export const exactIdChecks: Check[] = [meetingKeyCheck, hostidCheck, puidCheck];
