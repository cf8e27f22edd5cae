/**
 * Authentication: wrong, missing or malformed credentials get HTTP 200 with
 * resultcode 0 and none of the operation's data, on every operation, never a
 * 401 challenge, and (where the server adds error codes) `auth_failed`.
 */
import { operationIds } from '@org/liveminutes-spec';
import { randomBytes } from 'node:crypto';
import { basicAuthorization, type Answer, type Auth } from '../http/api.js';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { requiredValues } from './requests.js';
import { addParticipant, createMeeting, defineCheck, describe, expectFailure, isSuccess, sharedMeeting } from './support.js';

/** The ways credentials can be wrong. */
const VARIANTS = {
  'wrong-sid': { describe: 'a wrong AccountSid' },
  'wrong-token': { describe: 'a wrong AuthToken' },
  'missing-header': { describe: 'no Authorization header' },
  'malformed-header': { describe: 'a malformed Authorization header' },
} as const;

type Variant = keyof typeof VARIANTS;

function randomSecret(): string {
  return randomBytes(12).toString('hex');
}

/** The credentials a variant sends (several for the malformed one). */
function credentials(context: CheckContext, variant: Variant): Auth[] {
  const { accountSid, authToken } = context.api.primary;
  switch (variant) {
    case 'wrong-sid':
      return [{ accountSid: `${accountSid}x${randomSecret().slice(0, 6)}`, authToken }];
    case 'wrong-token':
      return [{ accountSid, authToken: randomSecret() }];
    case 'missing-header':
      return [null];
    case 'malformed-header':
      return [
        { header: 'Basic !!!not-base64!!!' },
        { header: `Basic ${Buffer.from(accountSid).toString('base64')}` },
        { header: `Bearer ${randomSecret()}` },
        { header: 'Basic' },
      ];
  }
}

/** A meeting with a participant that only the authentication checks use, so that a server that wrongly obeys cannot spoil the others' fixture. */
function authMeeting(context: CheckContext): Promise<{ meetingKey: string; puid: string }> {
  return context.memo('auth-meeting', async () => {
    const meeting = await createMeeting(context, {}, { owner: 'fixture' });
    const participant = await addParticipant(context, meeting.meetingKey);
    return { meetingKey: meeting.meetingKey, puid: participant.puid };
  });
}

/** Every operation called with the variant's credentials and otherwise valid fields. */
function answersFor(context: CheckContext, variant: Variant): Promise<Array<{ auth: Auth; answer: Answer }>> {
  return context.memo(`auth-answers:${variant}`, async () => {
    const live = await authMeeting(context);
    const results: Array<{ auth: Auth; answer: Answer }> = [];
    for (const auth of credentials(context, variant)) {
      for (const operation of operationIds()) {
        const fields = requiredValues(context, operation, operation === 'createMeeting' ? undefined : live.meetingKey, live.puid);
        const answer = await context.api.call(operation, fields, { auth, expect: { error: 'auth_failed' } });
        results.push({ auth, answer });
      }
    }
    return results;
  });
}

const variantChecks: Check[] = (Object.keys(VARIANTS) as Variant[]).map((variant) =>
  defineCheck({
    id: `auth.${variant}`,
    rule: 'auth.failure-resultcode',
    title: `answer ${VARIANTS[variant].describe} with HTTP 200, resultcode 0 and no data, on every operation`,
    async run(context) {
      for (const { answer } of await answersFor(context, variant)) {
        expectFailure(context, answer, `${answer.operation} with ${VARIANTS[variant].describe}`);
      }
    },
  }),
);

/** Every answer of the four variants (runs them when no other check has). */
async function allAuthAnswers(context: CheckContext): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const variant of Object.keys(VARIANTS) as Variant[]) {
    answers.push(...(await answersFor(context, variant)).map((entry) => entry.answer));
  }
  return answers;
}

export const authChecks: Check[] = [
  ...variantChecks,
  defineCheck({
    id: 'auth.scheme-case',
    rule: 'auth.basic',
    title: 'accept the basic auth scheme name in any letter case',
    async run(context) {
      const { meeting } = await sharedMeeting(context);
      // Auth scheme names are case-insensitive (RFC 9110 section 11.1).
      const credentials = basicAuthorization(context.api.primary).slice('Basic '.length);
      for (const scheme of ['basic', 'BASIC']) {
        const answer = await context.api.call('getMeetingStatus', { meetingKey: meeting.meetingKey }, { auth: { header: `${scheme} ${credentials}` } });
        context.expect(isSuccess(answer), `scheme ${scheme}: ${describe(answer)}`);
      }
    },
  }),
  defineCheck({
    id: 'auth.no-challenge',
    rule: 'auth.no-challenge',
    title: 'never answer an authentication failure with HTTP 401 or a WWW-Authenticate challenge',
    async run(context) {
      await allAuthAnswers(context);
      // Every answer of the run, the authentication failures included (traffic check auth.no-challenge).
      for (const finding of context.reviewed('auth.no-challenge')) context.expect(false, finding);
    },
  }),
  defineCheck({
    id: 'auth.error-code',
    rule: 'failure.fields',
    title: 'name authentication failures auth_failed',
    async run(context) {
      for (const answer of await allAuthAnswers(context)) {
        expectFailure(context, answer, `${answer.operation} with wrong credentials`, 'auth_failed');
      }
    },
  }),
];
