/**
 * Quotas, on a server whose limits are small enough to reach (the embedded
 * suite starts one; a real server's 1000 users and 10000 sessions are never
 * approached): the call that would exceed a quota fails with limit_exceeded
 * and changes nothing.
 */
import type { Answer } from '../http/api.js';
import type { CheckContext } from '../run/context.js';
import type { TrackedApi } from '../run/tracked-api.js';
import type { Check } from '../types.js';
import { body, defineCheck, describe, expectFailure } from './support.js';

async function succeed(context: CheckContext, api: TrackedApi, operation: string, fields: Record<string, string>): Promise<void> {
  const answer = await api.call(operation, fields);
  context.require(body(answer)?.resultcode === 1, `${operation} below the quota failed: ${describe(answer)}`);
}

/** How many of the read-backs found something live (resultcode 1). */
async function liveCount(reads: ReadonlyArray<Promise<Answer>>): Promise<number> {
  const answers = await Promise.all(reads);
  return answers.filter((answer) => body(answer)?.resultcode === 1).length;
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
      const answer = await quota.api.call('createMeeting', { meetingKey, hostid }, { expect: { error: 'limit_exceeded' } });
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
      const answer = await quota.api.call('addParticipant', { meetingKey, puid }, { expect: { error: 'limit_exceeded' } });
      expectFailure(context, answer, `addParticipant of user number ${quota.limits.users + 1}`, 'limit_exceeded');
      const read = await quota.api.call('getParticipantStatus', { meetingKey, puid });
      context.expect(body(read)?.resultcode === 0, `the refused participant exists anyway: ${describe(read)}`);
    },
  }),
  defineCheck({
    id: 'quota.concurrent',
    rule: 'quota.atomic',
    needs: ['small-quota'],
    title: 'never let concurrent calls push an account past its session or user quota',
    async run(context: CheckContext) {
      const quota = context.quota;
      if (!quota) context.skip('needs a server with small quotas');
      const { sessions, users } = quota.limits;
      const hostid = context.ids.user('h');
      const keys = Array.from({ length: sessions + 3 }, () => context.ids.key('q'));
      const creates = await Promise.all(keys.map((meetingKey) => quota.api.call('createMeeting', { meetingKey, hostid })));
      const created = creates.filter((answer) => body(answer)?.resultcode === 1);
      context.expect(created.length === sessions, `${creates.length} concurrent createMeeting: ${created.length} succeeded, quota ${sessions}`);
      for (const answer of creates.filter((a) => body(a)?.resultcode !== 1)) expectFailure(context, answer, 'a concurrent createMeeting over the quota', 'limit_exceeded');
      // What was stored, not only what was answered: read every key back.
      const stored = await liveCount(keys.map((meetingKey) => quota.api.call('getMeetingStatus', { meetingKey })));
      context.expect(stored === sessions, `after ${creates.length} concurrent createMeeting, ${stored} meetings exist, quota ${sessions}`);
      context.expect(stored === created.length, `${created.length} createMeeting answered success but ${stored} meetings exist`);
      const meetingKey = String(body(created[0] ?? creates[0]!)?.meetingKey ?? '');
      context.require(meetingKey !== '', 'no meeting to add participants to');
      const puids = Array.from({ length: users + 2 }, () => context.ids.user('p'));
      const adds = await Promise.all(puids.map((puid) => quota.api.call('addParticipant', { meetingKey, puid })));
      const added = adds.filter((answer) => body(answer)?.resultcode === 1).length;
      // The host is one of the users already.
      context.expect(added === users - 1, `${adds.length} concurrent addParticipant: ${added} succeeded, room for ${users - 1}`);
      const present = await liveCount(puids.map((puid) => quota.api.call('getParticipantStatus', { meetingKey, puid })));
      context.expect(present === users - 1, `after ${adds.length} concurrent addParticipant, ${present} participants exist, room for ${users - 1}`);
      context.expect(present === added, `${added} addParticipant answered success but ${present} participants exist`);
    },
  }),
  defineCheck({
    id: 'quota.counting',
    rule: 'quota.counting',
    needs: ['small-quota'],
    title: 'count live meetings as sessions and distinct hosts and live participants as users',
    async run(context: CheckContext) {
      const quota = context.quota;
      if (!quota) context.skip('needs a server with small quotas');
      const { sessions, users } = quota.limits;
      const host = context.ids.user('h');
      const keys = Array.from({ length: sessions }, () => context.ids.key('q'));
      for (const meetingKey of keys) await succeed(context, quota.api, 'createMeeting', { meetingKey, hostid: host });
      await succeed(context, quota.api, 'cancelMeeting', { meetingKey: keys[0] ?? '' });
      const replacement = await quota.api.call('createMeeting', { meetingKey: context.ids.key('q'), hostid: host });
      context.expect(body(replacement)?.resultcode === 1, `a cancelled meeting still counts as a session: ${describe(replacement)}`);

      const meetingKey = keys[1] ?? '';
      // The host added as a participant is the same user.
      const self = await quota.api.call('addParticipant', { meetingKey, puid: host });
      context.expect(body(self)?.resultcode === 1, `the host as a participant counted as a new user: ${describe(self)}`);
      const others: string[] = [];
      for (let count = 1; count < users; count += 1) {
        const puid = context.ids.user('p');
        await succeed(context, quota.api, 'addParticipant', { meetingKey, puid });
        others.push(puid);
      }
      const extra = context.ids.user('p');
      const refused = await quota.api.call('addParticipant', { meetingKey, puid: extra });
      expectFailure(context, refused, `addParticipant of user number ${users + 1}`, 'limit_exceeded');
      await succeed(context, quota.api, 'cancelParticipant', { meetingKey, puid: others[others.length - 1] ?? '' });
      const freed = await quota.api.call('addParticipant', { meetingKey, puid: extra });
      context.expect(body(freed)?.resultcode === 1, `a cancelled participant still counts as a user: ${describe(freed)}`);
    },
  }),
];
