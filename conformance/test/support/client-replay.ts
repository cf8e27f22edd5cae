/**
 * Replays the client's pact through the real client: for every interaction,
 * in the pact's order, the provider states are set up by the verifier's own
 * state handlers (after the same capability probes), the operation is called
 * with @org/liveminutes-client on the request's fields, and what the client
 * made of the answer is compared with what the consumer test expects (a
 * result, or a failure with the pact's error code). The same steps as a Pact
 * verification, with the client as the judge instead of Pact's matchers.
 */
import { randomBytes } from 'node:crypto';
import { createClient, LiveMinutesError, type UnexpectedEvent } from '@org/liveminutes-client';
import { probeCapability } from '../../src/pact/capabilities.js';
import { loadPacts, stateNames, type PactInteraction } from '../../src/pact/pact-files.js';
import { ProviderApi } from '../../src/pact/provider-api.js';
import { createProviderContext, type ProviderContext } from '../../src/pact/provider-context.js';
import { PROVIDER_STATES, type StateCapability } from '../../src/pact/state-handlers.js';

/** What the client made of one interaction's answer. */
export interface ClientVerdict {
  readonly description: string;
  readonly operation: string;
  /** `accepted`: what the consumer test expects; `rejected`: anything else; `not-run`: its states could not be set up. */
  readonly verdict: 'accepted' | 'rejected' | 'not-run';
  readonly why: string;
}

/** Where to replay, as whom. */
export interface ReplayOptions {
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly pactDir: string;
  readonly quotaFillLimit: number;
}

type Method = (input: Record<string, string>) => Promise<Record<string, unknown>>;
interface PactRequest {
  readonly path: string;
  readonly body?: string;
}
interface PactResponse {
  readonly body?: { readonly resultcode?: number; readonly error?: string };
}

/** The consumer's expectation against the client's outcome: why they differ, or undefined. */
function judge(expected: PactResponse['body'], outcome: { result?: Record<string, unknown>; error?: unknown }, events: UnexpectedEvent[]): string | undefined {
  const { error } = outcome;
  if (error !== undefined && !(error instanceof LiveMinutesError)) return `the client threw ${String(error)}`;
  if (error instanceof LiveMinutesError && error.resultcode !== 0) return `${error.name}: ${error.message}`;
  const event = events[0];
  if (event) return `the client flagged ${event.field} ${JSON.stringify(event.value)} (not one of ${event.expected.join(', ')})`;
  if (expected?.resultcode === 1 && error) return `failed with ${(error as LiveMinutesError).code ?? 'resultcode 0'} where the consumer expects a result`;
  if (expected?.resultcode === 0 && !error) return `resolved where the consumer expects ${expected.error ?? 'a failure'}`;
  if (expected?.resultcode === 0 && expected.error !== undefined && (error as LiveMinutesError).code !== expected.error) {
    return `failed with ${(error as LiveMinutesError).code ?? 'no code'}, not ${expected.error}`;
  }
  return undefined;
}

async function replayOne(context: ProviderContext, options: ReplayOptions, interaction: PactInteraction): Promise<ClientVerdict> {
  const request = interaction.request as PactRequest;
  const operation = request.path.replace(/^\//, '');
  const base = { description: interaction.description, operation };
  try {
    for (const state of interaction.providerStates ?? []) await PROVIDER_STATES[state.name]?.setup(context, state.params ?? {}, options);
  } catch (error) {
    return { ...base, verdict: 'not-run', why: error instanceof Error ? error.message : String(error) };
  }
  const form = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(request.body ?? '')) form.append(name, name === 'meetingKey' ? (context.keys.get(value) ?? value) : value);
  const names = [...form.keys()];
  // The client never repeats a field itself: the pact's body goes on the wire as it is, and the client reads the answer.
  const repeated = new Set(names).size !== names.length;
  const events: UnexpectedEvent[] = [];
  const client = createClient({
    baseUrl: options.baseUrl,
    accountSid: options.accountSid,
    authToken: context.wrongToken ? `wrong-${randomBytes(12).toString('hex')}` : options.authToken,
    maxRetries: 0,
    onUnexpected: (event) => void events.push(event),
    ...(repeated ? { fetch: (input: Request, init?: RequestInit) => fetch(new Request(input, { body: form.toString() }), init) } : {}),
  });
  const method = (client as unknown as Record<string, Method>)[operation];
  if (!method) return { ...base, verdict: 'rejected', why: `the client has no method ${operation}` };
  const outcome: { result?: Record<string, unknown>; error?: unknown } = await method(Object.fromEntries(form)).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  if (operation === 'createMeeting' && typeof outcome.result?.meetingKey === 'string') context.api.remember(outcome.result.meetingKey);
  const why = judge((interaction.response as PactResponse).body, outcome, events);
  return { ...base, verdict: why ? 'rejected' : 'accepted', why: why ?? '' };
}

/**
 * Replays every interaction of the pacts in `pactDir` through the client.
 * @example
 * const verdicts = await replayThroughClient({ baseUrl: proxy.url, ...account, pactDir: clientPactDir(), quotaFillLimit: 20 });
 * verdicts.filter((v) => v.verdict === 'rejected');
 */
export async function replayThroughClient(options: ReplayOptions): Promise<ClientVerdict[]> {
  const api = new ProviderApi({ baseUrl: options.baseUrl, account: { accountSid: options.accountSid, authToken: options.authToken } });
  const context = createProviderContext(api);
  try {
    return await replayAll(context, options);
  } finally {
    api.close();
  }
}

async function replayAll(context: ProviderContext, options: ReplayOptions): Promise<ClientVerdict[]> {
  const interactions = (await loadPacts({ pactDir: options.pactDir })).flatMap(({ pact }) => pact.interactions);
  const needed = new Set(interactions.flatMap((interaction) => stateNames(interaction).map((name) => PROVIDER_STATES[name]?.requires)));
  const unsupported = new Map<StateCapability, string>();
  for (const capability of needed) {
    if (!capability) continue;
    const probe = await probeCapability(context, capability, options);
    if (!probe.supported) unsupported.set(capability, probe.reason);
  }
  const verdicts: ClientVerdict[] = [];
  for (const interaction of interactions) {
    const missing = stateNames(interaction)
      .map((name) => unsupported.get(PROVIDER_STATES[name]?.requires as StateCapability))
      .find(Boolean);
    if (missing) {
      verdicts.push({ description: interaction.description, operation: String((interaction.request as PactRequest).path).slice(1), verdict: 'not-run', why: missing });
      continue;
    }
    verdicts.push(await replayOne(context, options, interaction));
    await context.cleanup();
  }
  return verdicts;
}
