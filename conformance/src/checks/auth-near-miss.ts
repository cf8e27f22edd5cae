/**
 * Authentication near misses: credentials that a sloppy comparison would let
 * through (rule auth.token-exact). The right AccountSid with a token that
 * differs only in letter case, in one character (first, middle, last), that
 * is a prefix or an extension of the real one, or is empty; the second
 * account's token with the first account's AccountSid; the right token with
 * the AccountSid in another case. Each is a wrong credential: HTTP 200,
 * resultcode 0, no data, on every operation.
 */
import { operationIds } from '@org/liveminutes-spec';
import type { Account } from '../types.js';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { requiredValues } from './requests.js';
import { addParticipant, createMeeting, defineCheck, expectFailure } from './support.js';

/** The same text with every letter's case swapped; undefined when it has no letter. */
function swapCase(text: string): string | undefined {
  const swapped = [...text].map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join('');
  return swapped === text ? undefined : swapped;
}

/** The text with the character at `index` replaced by another one. */
function changeAt(text: string, index: number): string {
  const chars = [...text];
  chars[index] = chars[index] === 'a' ? 'b' : 'a';
  return chars.join('');
}

/**
 * Tokens that differ from `token` the way a sloppy comparison misses.
 * @example
 * nearMissTokens('abc123').map((t) => t.what); // ['in another letter case', 'with its first character changed', ...]
 */
export function nearMissTokens(token: string): Array<{ what: string; token: string }> {
  const length = [...token].length;
  const cased = swapCase(token);
  return [
    ...(cased ? [{ what: 'in another letter case', token: cased }] : []),
    { what: 'with its first character changed', token: changeAt(token, 0) },
    { what: 'with its middle character changed', token: changeAt(token, Math.floor(length / 2)) },
    { what: 'with its last character changed', token: changeAt(token, length - 1) },
    { what: 'cut by one character (a prefix)', token: [...token].slice(0, -1).join('') },
    { what: 'extended by one character', token: `${token}0` },
    { what: 'empty', token: '' },
  ];
}

/** Valid fields for every operation on a meeting of the near-miss checks' own. */
function nearMissFields(context: CheckContext): Promise<(operation: string) => Record<string, string>> {
  return context.memo('near-miss-meeting', async () => {
    const meeting = await createMeeting(context, {}, { owner: 'fixture' });
    const participant = await addParticipant(context, meeting.meetingKey);
    return (operation: string) => {
      return requiredValues(context, operation, operation === 'createMeeting' ? undefined : meeting.meetingKey, participant.puid);
    };
  });
}

async function expectRefusedEverywhere(context: CheckContext, auth: Account, what: string): Promise<void> {
  const fieldsFor = await nearMissFields(context);
  for (const operation of operationIds()) {
    const answer = await context.api.call(operation, fieldsFor(operation), { auth, expect: { error: 'auth_failed' } });
    expectFailure(context, answer, `${operation} with ${what}`);
  }
}

/** The authentication near-miss checks. */
export const nearMissChecks: Check[] = [
  defineCheck({
    id: 'auth.token-near-miss',
    rule: 'auth.failure-resultcode',
    title: 'answer a token that differs from the real one in case, in one character, as a prefix, an extension or empty, or is the other account\'s, with resultcode 0 and no data, on every operation',
    async run(context) {
      const { accountSid, authToken } = context.api.primary;
      for (const { what, token } of nearMissTokens(authToken)) {
        await expectRefusedEverywhere(context, { accountSid, authToken: token }, `the AuthToken ${what}`);
      }
      if (context.second) await expectRefusedEverywhere(context, { accountSid, authToken: context.second.authToken }, "the second account's AuthToken");
    },
  }),
  defineCheck({
    id: 'auth.sid-exact',
    rule: 'auth.token-exact',
    title: 'answer the right AuthToken with the AccountSid in another letter case with resultcode 0 and no data, on every operation',
    async run(context) {
      const { accountSid, authToken } = context.api.primary;
      const cased = swapCase(accountSid);
      if (!cased) return context.skip('the AccountSid has no letter to change the case of');
      await expectRefusedEverywhere(context, { accountSid: cased, authToken }, 'the AccountSid in another letter case');
    },
  }),
];
