/**
 * What the state handlers and the request filter share during one
 * verification: which example meeting keys of the pact stand for which keys
 * the handlers created, and whether the current interaction must carry wrong
 * credentials. The meetings to cancel afterwards are the API's to track.
 */
import { randomBytes } from 'node:crypto';
import type { ProviderApi } from './provider-api.js';

/** Per-verification state, reset after each interaction. */
export interface ProviderContext {
  readonly api: ProviderApi;
  /** The pact's example meetingKey -> the key a state handler set up on the provider. */
  readonly keys: Map<string, string>;
  /** Meetings the handlers set up in this interaction, by the pact's example key. */
  readonly meetings: Map<string, { readonly meetingKey: string; readonly hostUrl: unknown }>;
  /** True while the current interaction's state says the AuthToken is wrong. */
  wrongToken: boolean;
  /** Provider states whose setup failed, in order (the verifier itself only logs them). */
  readonly stateErrors: Array<{ readonly state: string; readonly message: string }>;
  /** A key no meeting of the account has: `pact-` and random characters. */
  freshKey(): string;
  /** A user id unique to this verification run. */
  freshUserId(prefix: string): string;
  /** Cancels every meeting created so far and forgets the mappings. Never throws. */
  cleanup(): Promise<void>;
}

/**
 * A context bound to one provider.
 * @example
 * const context = createProviderContext(api);
 * context.keys.set('kjhgngf', context.freshKey());
 */
export function createProviderContext(api: ProviderApi): ProviderContext {
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  const context: ProviderContext = {
    api,
    keys: new Map(),
    meetings: new Map(),
    wrongToken: false,
    stateErrors: [],
    freshKey: () => `pact-${run}-${++counter}-${randomBytes(4).toString('hex')}`,
    freshUserId: (prefix) => `${prefix}-${run}-${++counter}`,
    async cleanup() {
      context.keys.clear();
      context.meetings.clear();
      context.wrongToken = false;
      await api.cancelCreated();
    },
  };
  return context;
}
