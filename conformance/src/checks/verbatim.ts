/**
 * Values are stored and echoed verbatim (rule param.values-verbatim): every
 * string parameter of every operation, within its bounds, carries the
 * characters that break naive SQL, HTML, JSON, URL or shell handling, and the
 * call must succeed and read back what was sent.
 */
import { operationIds, operationParams, type ParamInfo } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { holdsRaw, pageText } from './page-text.js';
import { openPage } from './pages.js';
import { validRequest, MEETING_FIELD, PARTICIPANT_FIELD } from './requests.js';
import { addParticipant, body, createMeeting, defineCheck, describe, isSuccess, requireSuccess } from './support.js';

/** Quote, double quote, backslash, markup, entity, percent, statement end, SQL comments, an emoji and a right-to-left mark. */
export const HOSTILE = `'"\\<>&%;--/*\u{1F600}\u200F`;

/**
 * The hostile value of one parameter: after the run's id for identifiers, cut to the parameter's maximum.
 * @example
 * hostileValue({ maxLength: 35, pattern: undefined }, undefined); // the hostile characters alone
 */
export function hostileValue(param: Pick<ParamInfo, 'maxLength' | 'pattern'>, id: string | undefined): string | undefined {
  const { maxLength: max, pattern } = param;
  const value = [...`${id ?? ''}${HOSTILE}`].slice(0, max).join('');
  // Fields whose pattern is a format of their own (time, duration) have no room for these characters.
  return pattern === undefined || new RegExp(pattern, 'u').test(value) ? value : undefined;
}

/** The hostile value of `operation`'s `field`, after `id`; ends the check if the field has no room for it. */
function hostileOf(context: CheckContext, operation: string, field: string, id: string): string {
  const param = operationParams(operation).params.find((p) => p.name === field);
  const value = param && hostileValue(param, id);
  context.require(value !== undefined, `${operation}.${field} has no room for the hostile characters`);
  return value;
}

/** Every string parameter of the operation, hostile; the ids (meeting, host, participant) are the run's own first. */
function hostileFields(context: CheckContext, operation: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const param of operationParams(operation).params) {
    const entity = param.identifies?.entity;
    const id = entity === 'meeting' ? context.ids.key() : entity === 'participant' ? context.ids.user('p') : entity === 'host' ? context.ids.user('h') : undefined;
    const value = hostileValue(param, id);
    if (value !== undefined) fields[param.name] = value;
  }
  return fields;
}

/** One check per operation. */
export const verbatimChecks: Check[] = operationIds().map((operation) =>
  defineCheck({
    id: `verbatim.${operation}`,
    rule: 'param.values-verbatim',
    title: `accept ${operation} with quotes, backslashes, < > & % ; -- /*, an emoji and an RTL mark in every string parameter, and read them back unchanged`,
    async run(context) {
      const hostile = hostileFields(context, operation);
      const { fields } = await validRequest(context, operation, hostile);
      const answer = await context.api.call(operation, fields);
      const json = requireSuccess(context, answer, `${operation} with ${JSON.stringify(hostile)}`);
      const key = fields[MEETING_FIELD];
      if ('meetingKey' in json) context.expect(json.meetingKey === key, `${operation} echoed meetingKey ${JSON.stringify(json.meetingKey)}, not ${JSON.stringify(key)}`);
      if (operation === 'createMeeting' && key !== undefined) {
        const read = await context.api.call('getMeetingStatus', { meetingKey: key });
        context.expect(isSuccess(read), `getMeetingStatus with the key just created (${JSON.stringify(key)}): ${describe(read)}`);
      }
      const puid = fields[PARTICIPANT_FIELD];
      if (operation === 'addParticipant' && key !== undefined && puid !== undefined) {
        const read = await context.api.call('getParticipantUrl', { meetingKey: key, puid });
        context.expect(body(read)?.participantUrl === json.participantUrl, `getParticipantUrl with the puid just added (${JSON.stringify(puid)}): ${describe(read)}`);
      }
    },
  }),
);

/**
 * The same values read back through the entry pages, on servers that have the
 * sandbox's pages: the host page shows the meeting's key and title, the
 * participant's page the nickname and the title, the lobby behind meetingUrl
 * the title. Each must read as text exactly as sent, and never reach the
 * markup unescaped.
 */
export const verbatimPagesCheck: Check = defineCheck({
  id: 'verbatim.entry-pages',
  rule: 'param.values-verbatim',
  needs: ['entry-pages'],
  title: "show a meeting's key and title and a participant's nickname holding quotes, backslashes, < > & % ; -- /*, an emoji and an RTL mark on the entry pages exactly as sent, escaped in the markup",
  async run(context: CheckContext) {
    const meetingKey = hostileOf(context, 'createMeeting', MEETING_FIELD, context.ids.key());
    const title = hostileOf(context, 'createMeeting', 'title', context.ids.user('t'));
    const nickname = hostileOf(context, 'addParticipant', 'nickname', context.ids.user('n'));
    const meeting = await createMeeting(context, { meetingKey, hostid: hostileOf(context, 'createMeeting', 'hostid', context.ids.user('h')), title });
    const participant = await addParticipant(context, meeting.meetingKey, { puid: hostileOf(context, 'addParticipant', PARTICIPANT_FIELD, context.ids.user('p')), nickname });
    const pages = [
      { page: 'host page', url: meeting.hostUrl, shown: { meetingKey, title } },
      { page: "participant's page", url: participant.participantUrl, shown: { nickname, title } },
      { page: 'lobby page', url: meeting.meetingUrl, shown: { title } },
    ];
    for (const { page, url, shown } of pages) {
      const response = await openPage(context, url);
      context.require(response.status === 200, `GET the ${page}: HTTP ${response.status}`);
      const text = pageText(response.text);
      for (const [name, value] of Object.entries(shown)) {
        context.expect(text.includes(value), `the ${page} does not show the ${name} ${JSON.stringify(value)} as sent`);
        context.expect(!holdsRaw(response.text, value), `the ${page} holds the ${name} ${JSON.stringify(value)} unescaped in its markup`);
      }
    }
  },
});
