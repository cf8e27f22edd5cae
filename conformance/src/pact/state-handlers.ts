/**
 * The provider states of the liveminutes-client -> liveminutes-api pact, set
 * up through the public API only. Each handler maps the pact's example
 * meetingKey to a fresh key it created (the request filter rewrites the
 * request), so that verification never touches meetings it did not make and
 * can run against a shared staging server. Teardown cancels what was created.
 */
import type { Capability } from '../types.js';
import { fillQuota, type QuotaName } from './fill-quota.js';
import type { ProviderContext } from './provider-context.js';

/** What a state may need beyond the public API (a verification has one account, never a second). */
export type StateCapability = Exclude<Capability, 'second-account'>;

/** One provider state: its setup, and what it needs to be set up at all. */
export interface StateDefinition {
  readonly requires?: StateCapability;
  setup(context: ProviderContext, params: Readonly<Record<string, unknown>>, options: StateOptions): Promise<void>;
}

/** Options the handlers read. */
export interface StateOptions {
  /** Most calls made to reach a quota (see quota.ts). */
  readonly quotaFillLimit: number;
}

function param(params: Readonly<Record<string, unknown>>, name: string, fallback?: string): string {
  const value = params[name];
  if (typeof value === 'string' && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`the provider state has no parameter ${name}`);
}

interface LiveMeeting {
  readonly meetingKey: string;
  /** Checked only where an entry page is used, so that other states work without it. */
  readonly hostUrl: unknown;
}

/** Creates the meeting the pact calls `params.meetingKey` under a fresh key, once per interaction. */
async function ensureMeeting(context: ProviderContext, params: Readonly<Record<string, unknown>>): Promise<LiveMeeting> {
  const example = param(params, 'meetingKey');
  const known = context.meetings.get(example);
  if (known) return known;
  const hostid = param(params, 'hostid', context.freshUserId('pact-host'));
  const meetingKey = context.freshKey();
  const answer = await context.api.expectSuccess('createMeeting', { meetingKey, hostid });
  const meeting = { meetingKey, hostUrl: answer.hostUrl };
  context.keys.set(example, meetingKey);
  context.meetings.set(example, meeting);
  return meeting;
}

async function ensureParticipant(
  context: ProviderContext,
  params: Readonly<Record<string, unknown>>,
): Promise<LiveMeeting & { puid: string; answer: Readonly<Record<string, unknown>> }> {
  const meeting = await ensureMeeting(context, params);
  const puid = param(params, 'puid');
  const answer = await context.api.expectSuccess('addParticipant', { meetingKey: meeting.meetingKey, puid });
  return { ...meeting, puid, answer };
}

function urlField(answer: object, operation: string, field: string): string {
  const value = (answer as Record<string, unknown>)[field];
  if (typeof value !== 'string') throw new Error(`${operation} answered resultcode 1 without a ${field}`);
  return value;
}

const quotaState = (quota: QuotaName): StateDefinition => ({
  requires: 'small-quota',
  setup: (context, _params, options) => fillQuota(context, quota, options.quotaFillLimit),
});

/**
 * Every provider state the pact may name, by its exact name.
 * @example
 * await PROVIDER_STATES['meeting {meetingKey} exists with host {hostid}'].setup(context, { meetingKey: 'k', hostid: '1' });
 */
export const PROVIDER_STATES: Readonly<Record<string, StateDefinition>> = {
  'meeting {meetingKey} exists with host {hostid}': {
    setup: async (context, params) => {
      await ensureMeeting(context, params);
    },
  },
  'no meeting {meetingKey} exists': {
    setup: async (context, params) => {
      context.keys.set(param(params, 'meetingKey'), context.freshKey());
    },
  },
  'participant {puid} was added to meeting {meetingKey}': {
    setup: async (context, params) => {
      await ensureParticipant(context, params);
    },
  },
  'participant {puid} has joined meeting {meetingKey}': {
    requires: 'entry-pages',
    setup: async (context, params) => {
      const live = await ensureParticipant(context, params);
      const { api } = context;
      const hostUrl = urlField(live, 'createMeeting', 'hostUrl');
      await api.reachStatus({ kind: 'meeting', meetingKey: live.meetingKey, entryUrl: hostUrl }, 'inProgress');
      await api.reachStatus(
        { kind: 'participant', meetingKey: live.meetingKey, puid: live.puid, entryUrl: urlField(live.answer, 'addParticipant', 'participantUrl') },
        'inProgress',
      );
    },
  },
  'meeting {meetingKey} has finished': {
    requires: 'entry-pages',
    setup: async (context, params) => {
      const live = await ensureMeeting(context, params);
      const hostUrl = urlField(live, 'createMeeting', 'hostUrl');
      await context.api.reachStatus({ kind: 'meeting', meetingKey: live.meetingKey, entryUrl: hostUrl }, 'finish');
    },
  },
  'account quota of sessions is reached': quotaState('sessions'),
  'account quota of users is reached': quotaState('users'),
  'the AuthToken is wrong': {
    setup: async (context) => {
      context.wrongToken = true;
    },
  },
};

/**
 * The Verifier's `stateHandlers` for one context: setup runs the state,
 * teardown cancels everything the interaction created.
 * @example
 * new Verifier({ ..., stateHandlers: createStateHandlers(context, { quotaFillLimit: 50 }) });
 */
export function createStateHandlers(
  context: ProviderContext,
  options: StateOptions,
): Record<string, { setup: (params?: unknown) => Promise<undefined>; teardown: () => Promise<undefined> }> {
  const handlers: Record<string, { setup: (params?: unknown) => Promise<undefined>; teardown: () => Promise<undefined> }> = {};
  for (const [name, definition] of Object.entries(PROVIDER_STATES)) {
    handlers[name] = {
      setup: async (params) => {
        try {
          await definition.setup(context, (params ?? {}) as Record<string, unknown>, options);
        } catch (error) {
          context.stateErrors.push({ state: name, message: error instanceof Error ? error.message : String(error) });
          throw error;
        }
        return undefined;
      },
      teardown: async () => {
        await context.cleanup();
        return undefined;
      },
    };
  }
  return handlers;
}
