/**
 * Before verifying, each capability the pacts' states need is tried once on
 * the provider, through the public API: can a person's action be simulated
 * through the entry pages (a sandbox), can each quota be reached within the
 * allowed number of calls. An interaction whose state needs a capability the
 * provider lacks is skipped with the reason found here.
 */
import { fillQuota } from './fill-quota.js';
import type { ProviderContext } from './provider-context.js';
import type { StateCapability, StateOptions } from './state-handlers.js';

/** The outcome of trying one capability. */
export type CapabilityProbe = { readonly supported: true } | { readonly supported: false; readonly reason: string };

/**
 * Tries one capability and cleans up whatever it created.
 * @example
 * const probe = await probeCapability(context, 'entry-pages', { quotaFillLimit: 50 });
 * if (!probe.supported) console.log(probe.reason);
 */
export async function probeCapability(
  context: ProviderContext,
  capability: StateCapability,
  options: StateOptions,
): Promise<CapabilityProbe> {
  try {
    if (capability === 'entry-pages') {
      const meetingKey = context.freshKey();
      const answer = await context.api.expectSuccess('createMeeting', { meetingKey, hostid: context.freshUserId('pact-probe') });
      if (typeof answer.hostUrl !== 'string') throw new Error('createMeeting answered resultcode 1 without a hostUrl');
      await context.api.reachStatus({ kind: 'meeting', meetingKey, entryUrl: answer.hostUrl }, 'inProgress');
    } else {
      // Each quota from an empty account: a full sessions quota would refuse the users filler's meeting.
      await fillQuota(context, 'sessions', options.quotaFillLimit);
      await context.cleanup();
      await fillQuota(context, 'users', options.quotaFillLimit);
    }
    return { supported: true };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const reason =
      capability === 'entry-pages'
        ? `the state needs a person to act on the entry pages, which this provider does not simulate (${detail})`
        : `the state needs the account's quotas reached through the API, which failed: ${detail}`;
    return { supported: false, reason };
  } finally {
    await context.cleanup();
  }
}
