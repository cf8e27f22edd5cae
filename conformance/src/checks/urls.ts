/**
 * The URLs the API hands out: each participant's entry URL is its own, and
 * meeting and entry URLs have the formats of the spec's url.formats rule
 * (read from its data, matched to each field by the schema's x-liveminutes-url).
 */
import { getOperation, getRule } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { operations } from './requests.js';
import { addParticipant, body, createMeeting, defineCheck, isSuccess, sharedMeeting } from './support.js';

/** A URL field of a success body and the rule that fixes its format. */
interface UrlField {
  readonly operation: string;
  readonly field: string;
  readonly pattern: RegExp;
  readonly kind: string;
}

/** Every URL field of every operation's success schema. */
export function urlFields(): UrlField[] {
  return operations().flatMap((operation) => {
    const properties = (getOperation(operation).successSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
    return Object.entries(properties).flatMap(([field, schema]) => {
      const kind = schema['x-liveminutes-url'];
      if (typeof kind !== 'string') return [];
      const ruleId = (schema['x-liveminutes-rules'] as Record<string, string> | undefined)?.['x-liveminutes-url'] ?? 'url.formats';
      const pattern = getRule(ruleId).data?.[kind];
      if (typeof pattern !== 'string') throw new Error(`Rule ${ruleId} has no pattern for ${kind}`);
      return [{ operation, field, kind, pattern: new RegExp(pattern) }];
    });
  });
}

async function ensureUrls(context: CheckContext): Promise<void> {
  const { meeting, participant } = await sharedMeeting(context);
  await context.api.call('getMeetingUrl', { meetingKey: meeting.meetingKey });
  await context.api.call('getParticipantUrl', { meetingKey: meeting.meetingKey, puid: participant.puid });
}

export const urlChecks: Check[] = [
  defineCheck({
    id: 'url.unique',
    rule: 'url.unique',
    title: "give each participant an entry URL of its own, different from the host's and other participants'",
    async run(context) {
      const first = await createMeeting(context);
      const second = await createMeeting(context);
      const seen = new Map<string, string>([
        [first.hostUrl, `host of ${first.meetingKey}`],
        [second.hostUrl, `host of ${second.meetingKey}`],
      ]);
      context.expect(seen.size === 2, `two meetings share the host URL ${first.hostUrl}`);
      for (const meeting of [first, first, second]) {
        const participant = await addParticipant(context, meeting.meetingKey);
        const owner = `participant ${participant.puid} of ${meeting.meetingKey}`;
        const clash = seen.get(participant.participantUrl);
        context.expect(clash === undefined, `${owner} got the URL of ${clash}: ${participant.participantUrl}`);
        seen.set(participant.participantUrl, owner);
      }
    },
  }),
  defineCheck({
    id: 'url.formats',
    rule: 'url.formats',
    title: 'hand out meeting URLs and entry URLs in the formats of the url.formats rule',
    async run(context) {
      const fields = urlFields();
      const review = (): number => {
        let seen = 0;
        for (const response of context.traffic) {
          if (!isSuccess(response)) continue;
          const json = body(response) ?? {};
          for (const { operation, field, kind, pattern } of fields) {
            if (response.target !== `/${operation}` || !(field in json)) continue;
            seen += 1;
            const value = json[field];
            context.expect(
              typeof value === 'string' && pattern.test(value),
              `${operation}.${field} ${JSON.stringify(value)} is not a ${kind} (${pattern.source})`,
            );
          }
        }
        return seen;
      };
      if (review() === 0) {
        await ensureUrls(context);
        review();
      }
      // One finding per field and value is enough.
      context.findings.splice(0, context.findings.length, ...new Set(context.findings));
    },
  }),
];
