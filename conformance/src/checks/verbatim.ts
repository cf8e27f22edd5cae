/**
 * Values are stored and echoed verbatim (rule param.values-verbatim): every
 * string parameter of every operation, within its bounds, carries the
 * characters that break naive SQL, HTML, JSON, URL or shell handling, and the
 * call must succeed and read back what was sent.
 */
import { getOperation, type JsonSchema } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { operations, validRequest, MEETING_FIELD, PARTICIPANT_FIELD } from './requests.js';
import { body, defineCheck, describe, isSuccess, requireSuccess } from './support.js';

/** Quote, double quote, backslash, markup, entity, percent, statement end, SQL comments, an emoji and a right-to-left mark. */
export const HOSTILE = `'"\\<>&%;--/*\u{1F600}\u200F`;

/**
 * The hostile value of one field: after the run's id for identifiers, cut to the field's maximum.
 * @example
 * hostileValue({ maxLength: 35 }, undefined); // the hostile characters alone
 */
export function hostileValue(schema: JsonSchema, id: string | undefined): string | undefined {
  const max = schema.maxLength as number | undefined;
  const value = [...`${id ?? ''}${HOSTILE}`].slice(0, max).join('');
  const pattern = schema.pattern as string | undefined;
  // Fields whose pattern is a format of their own (time, duration) have no room for these characters.
  return pattern === undefined || new RegExp(pattern, 'u').test(value) ? value : undefined;
}

function hostileFields(context: CheckContext, operation: string): Record<string, string> {
  const properties = (getOperation(operation).requestSchema.properties ?? {}) as Record<string, JsonSchema>;
  const fields: Record<string, string> = {};
  for (const [field, schema] of Object.entries(properties)) {
    const id = field === MEETING_FIELD ? context.ids.key() : field === PARTICIPANT_FIELD ? context.ids.user('p') : (getOperation(operation).requestSchema.required as string[] | undefined)?.includes(field) ? context.ids.user('h') : undefined;
    const value = hostileValue(schema, id);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/** One check per operation. */
export const verbatimChecks: Check[] = operations().map((operation) =>
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
