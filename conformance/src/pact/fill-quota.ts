/**
 * Reaching an account's quota through the public API: create meetings (or add
 * participants) until the provider answers `limit_exceeded`, at most a given
 * number of calls. The documented limits come from the spec's `quota.limits`
 * rule; a provider configured lower (a sandbox in CI) is filled quickly.
 */
import { limits } from '@org/liveminutes-spec';
import type { ProviderContext } from './provider-context.js';

/** The two quotas of an account. */
export type QuotaName = 'sessions' | 'users';

/**
 * The documented limit of a quota.
 * @example
 * documentedLimit('users'); // 1000
 */
export function documentedLimit(quota: QuotaName): number {
  return limits()[quota];
}

/**
 * Fills one quota; resolves once the provider refuses with `limit_exceeded`.
 * Everything created is tracked by the context's API, so that cleanup cancels it.
 * Throws (with the reason) when the quota is not reached within `maxCalls`.
 * @example
 * await fillQuota(context, 'sessions', 50);
 */
export async function fillQuota(context: ProviderContext, quota: QuotaName, maxCalls: number): Promise<void> {
  const { api } = context;
  // One host for every filler meeting: sessions grow, users by one at most.
  const host = context.freshUserId('pact-filler-host');
  let meetingKey: string | undefined;
  if (quota === 'users') {
    meetingKey = context.freshKey();
    const answer = await api.call('createMeeting', { meetingKey, hostid: host });
    if (answer.resultcode !== 1) {
      if (answer.error === 'limit_exceeded') return;
      throw new Error(`could not create a meeting to fill the users quota: ${answer.error ?? 'resultcode 0'}`);
    }
  }
  for (let call = 0; call < maxCalls; call += 1) {
    const answer =
      quota === 'sessions'
        ? await api.call('createMeeting', { meetingKey: context.freshKey(), hostid: host })
        : await api.call('addParticipant', { meetingKey: meetingKey!, puid: context.freshUserId('pact-filler') });
    if (answer.resultcode === 1) continue;
    if (answer.error === 'limit_exceeded') return;
    throw new Error(`filling the ${quota} quota failed with ${answer.error ?? 'resultcode 0'}`);
  }
  throw new Error(
    `the account's ${quota} quota was not reached after ${maxCalls} calls (documented limit ${documentedLimit(quota)}; raise quotaFillLimit)`,
  );
}
