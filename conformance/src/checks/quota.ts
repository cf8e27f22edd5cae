/**
 * Quotas, on a server whose limits are small enough to reach (the embedded
 * suite starts one; a real server's 1000 users and 10000 sessions are never
 * approached): the call that would exceed a quota fails with limit_exceeded
 * and changes nothing.
 */
import type { Api } from '../http/api.js';
import type { CheckContext } from '../run/context.js';
import type { Check } from '../types.js';
import { body, defineCheck, describe, expectFailure } from './support.js';

async function succeed(context: CheckContext, api: Api, operation: string, fields: Record<string, string>): Promise<void> {
  const answer = await api.call(operation, fields);
  context.require(body(answer)?.resultcode === 1, `${operation} below the quota failed: ${describe(answer)}`);
}

export const quotaChecks: Check[] = [
  defineCheck({
    id: 'quota.sessions',
    rule: 'quota.atomic',
    needs: ['small-quota'],
    title: 'refuse the createMeeting that would exceed the session quota with limit_exceeded, creating nothing',
    async run(context: CheckContext) {
      const quota = context.quota;
      if (!quota) context.skip('needs a server with small quotas');
      const hostid = context.ids.user('h');
      for (let i = 0; i < quota.limits.sessions; i += 1) {
        await succeed(context, quota.api, 'createMeeting', { meetingKey: context.ids.key('q'), hostid });
      }
      const meetingKey = context.ids.key('q');
      const answer = await quota.api.call('createMeeting', { meetingKey, hostid });
      context.observe({ operation: 'createMeeting', expected: 'limit_exceeded', answer });
      expectFailure(context, answer, `createMeeting number ${quota.limits.sessions + 1}`, 'limit_exceeded');
      const read = await quota.api.call('getMeetingStatus', { meetingKey });
      context.expect(body(read)?.resultcode === 0, `the refused meeting exists anyway: ${describe(read)}`);
    },
  }),
  defineCheck({
    id: 'quota.users',
    rule: 'quota.atomic',
    needs: ['small-quota'],
    title: 'refuse the addParticipant that would exceed the user quota with limit_exceeded, adding nothing',
    async run(context: CheckContext) {
      const quota = context.quota;
      if (!quota) context.skip('needs a server with small quotas');
      const meetingKey = context.ids.key('q');
      await succeed(context, quota.api, 'createMeeting', { meetingKey, hostid: context.ids.user('h') });
      for (let users = 1; users < quota.limits.users; users += 1) {
        await succeed(context, quota.api, 'addParticipant', { meetingKey, puid: context.ids.user('p') });
      }
      const puid = context.ids.user('p');
      const answer = await quota.api.call('addParticipant', { meetingKey, puid });
      context.observe({ operation: 'addParticipant', expected: 'limit_exceeded', answer });
      expectFailure(context, answer, `addParticipant of user number ${quota.limits.users + 1}`, 'limit_exceeded');
      const read = await quota.api.call('getParticipantStatus', { meetingKey, puid });
      context.expect(body(read)?.resultcode === 0, `the refused participant exists anyway: ${describe(read)}`);
    },
  }),
];
