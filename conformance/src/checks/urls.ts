/**
 * The URLs the API hands out: each participant's entry URL is its own, and
 * meeting and entry URLs have the formats of the spec's url.formats rule
 * (read from its data, matched to each field by the model's successFields).
 */
import { operationIds, successFields, urlFormats, urlRandomness, type UrlFormats } from '@org/liveminutes-spec';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';

import { addParticipant, body, createMeeting, defineCheck, isSuccess, sharedMeeting } from './support.js';

/** A URL field of a success body and the pattern its url.formats kind gives it. */
interface UrlField {
  readonly operation: string;
  readonly field: string;
  readonly pattern: RegExp;
  readonly kind: keyof UrlFormats;
}

/** Every URL field of every operation's success schema. */
function urlFields(): UrlField[] {
  return operationIds().flatMap((operation) =>
    successFields(operation).flatMap(({ name, url }) => (url ? [{ operation, field: name, kind: url, pattern: urlFormats()[url] }] : [])),
  );
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
  defineCheck({
    id: 'url.random',
    rule: 'url.random',
    title: 'hand out entry tokens that look random: no shared runs, a wide alphabet',
    async run(context) {
      const { minTokens, sharedRun, minAlphabet } = urlRandomness();
      const tokens = new Set(entryTokens(context));
      if (tokens.size < minTokens) {
        const meeting = await createMeeting(context);
        for (let i = tokens.size; i < minTokens; i += 1) await addParticipant(context, meeting.meetingKey);
        for (const token of entryTokens(context)) tokens.add(token);
      }
      const random = randomParts([...tokens]);
      for (let i = 0; i < random.length; i += 1) {
        for (let j = i + 1; j < random.length; j += 1) {
          const [a, b] = [random[i] ?? '', random[j] ?? ''];
          if (sharedEnd(a, b) >= sharedRun) context.expect(false, `entry tokens ${a} and ${b} share ${sharedEnd(a, b)} characters at one end`);
        }
      }
      const alphabet = new Set(random.join(''));
      context.expect(alphabet.size >= minAlphabet, `${random.length} entry tokens use only ${alphabet.size} distinct characters`);
      context.findings.splice(5, context.findings.length);
    },
  }),
];

/** The token (last path segment) of every entry URL the run has been given. */
function entryTokens(context: CheckContext): string[] {
  const fields = urlFields().filter((field) => field.kind === 'entryUrl');
  const tokens: string[] = [];
  for (const response of context.traffic) {
    if (!isSuccess(response)) continue;
    const json = body(response) ?? {};
    for (const { operation, field } of fields) {
      const value = json[field];
      if (response.target === `/${operation}` && typeof value === 'string') tokens.push(value.slice(value.lastIndexOf('/') + 1));
    }
  }
  return tokens;
}

/** The tokens without the prefix they all share (the format's literal part). */
function randomParts(tokens: string[]): string[] {
  let common = tokens[0]?.length ?? 0;
  for (const token of tokens) {
    while (common > 0 && token.slice(0, common) !== tokens[0]?.slice(0, common)) common -= 1;
  }
  return tokens.map((token) => token.slice(common));
}

/** The longer of the common prefix and the common suffix of two strings. */
function sharedEnd(a: string, b: string): number {
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  return Math.max(prefix, suffix);
}
