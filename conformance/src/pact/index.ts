/**
 * @module pact
 * Not an import path of its own (package.json exports only the root, whose
 * `verifyPacts` loads this module on first use, as the Pact core is an
 * optional peer). Verifies the consumers' Pact contracts (liveminutes-client ->
 * liveminutes-api) against any LiveMinutes server. Provider states are set up
 * through the public API only; states that need a person to act use the
 * sandbox's entry pages and are skipped, with the reason, on a provider that
 * has none. A failed interaction is result data, not an exception.
 */
import { rm } from 'node:fs/promises';
import { Verifier } from '@pact-foundation/pact';
import { basicAuthorization } from '../http/api.js';
import { RequestGate } from '../http/gate.js';
import { Transport } from '../http/raw-http.js';
import { probeCapability } from './capabilities.js';
import { loadPacts, stateNames, writeFilteredPacts, type PactInteraction } from './pact-files.js';
import { ProviderApi } from './provider-api.js';
import { createProviderContext } from './provider-context.js';
import { createRequestFilter } from './request-filter.js';
import { parseReport, scrub, type InteractionResult, type PactVerificationResult, type SkippedInteraction } from './results.js';
import { createStateHandlers, PROVIDER_STATES, type StateCapability } from './state-handlers.js';

export type { InteractionResult, PactMismatch, PactVerificationResult, SkippedInteraction } from './results.js';
export { PROVIDER_STATES } from './state-handlers.js';
export { formatPactResult } from './format.js';

/** The provider name the client's pact uses. */
export const PROVIDER_NAME = 'liveminutes-api';

/** Where and what to verify. */
export interface VerifyPactsOptions {
  /** The provider's base URL, e.g. the sandbox's `url` or a staging server. */
  readonly baseUrl: string;
  /** The provider account's credentials; they replace the consumer's example credentials. */
  readonly accountSid: string;
  readonly authToken: string;
  /** A directory of pact files (`*.json`), e.g. `packages/client/pacts`. */
  readonly pactDir?: string;
  /** Pact files or http(s) URLs. */
  readonly pactUrls?: readonly string[];
  /** Only pacts with this provider name are verified (default `liveminutes-api`). */
  readonly provider?: string;
  /** Most API calls a state may make to reach a quota before its interactions are skipped (default 100). */
  readonly quotaFillLimit?: number;
  /** Timeout of each call to the provider, by the state handlers (default 10000 ms) and for the verified requests (default 30000 ms). */
  readonly timeoutMs?: number;
  /** The Pact core's log level (default `error`); its verification report is printed to stdout either way. */
  readonly logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Any fetch for reading `pactUrls` (default: the global one); the provider is called through the suite's own transport. */
  readonly fetch?: typeof fetch;
}

/**
 * Verifies pacts against a provider.
 * @example
 * import { verifyPacts } from '@org/liveminutes-conformance';
 * const result = await verifyPacts({
 *   baseUrl: 'http://127.0.0.1:4010', accountSid: 'trw76p0066423', authToken: process.env.LM_TOKEN!,
 *   pactDir: 'packages/client/pacts',
 * });
 * for (const i of result.interactions.filter((i) => !i.ok)) console.log(i.description, i.mismatches);
 * process.exitCode = result.ok ? 0 : 1;
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<PactVerificationResult> {
  const baseUrl = checkOptions(options);
  const provider = options.provider ?? PROVIDER_NAME;
  const stateOptions = { quotaFillLimit: options.quotaFillLimit ?? 100 };
  const secrets = [options.authToken];
  const loaded = (await loadPacts(options)).filter(({ pact }) => pact.provider.name === provider);
  if (loaded.length === 0) throw new Error(`No pact for provider ${provider} in ${describeSources(options)}`);

  const account = { accountSid: options.accountSid, authToken: options.authToken };
  secrets.push(basicAuthorization(account).slice('Basic '.length));
  const api = new ProviderApi({ baseUrl, account, timeoutMs: options.timeoutMs });
  // The verified requests have a transport of their own: their timeout is longer than the states' calls.
  const forwarding = new Transport({ baseUrl, gate: new RequestGate({ maxRequests: Number.POSITIVE_INFINITY, rate: null }), timeoutMs: options.timeoutMs ?? 30_000 });
  const context = createProviderContext(api);

  const needed = new Set<StateCapability>();
  const unknownStates = new Set<string>();
  for (const { pact } of loaded) {
    for (const interaction of pact.interactions) {
      for (const name of stateNames(interaction)) {
        if (!Object.hasOwn(PROVIDER_STATES, name)) unknownStates.add(name);
        const requires = PROVIDER_STATES[name]?.requires;
        if (requires) needed.add(requires);
      }
    }
  }
  const unsupported = new Map<StateCapability, string>();
  for (const capability of needed) {
    const probe = await probeCapability(context, capability, stateOptions);
    if (!probe.supported) unsupported.set(capability, probe.reason);
  }

  const skipped: SkippedInteraction[] = [];
  const skipReason = (interaction: PactInteraction): string | undefined => {
    for (const name of stateNames(interaction)) {
      const requires = PROVIDER_STATES[name]?.requires;
      const reason = requires && unsupported.get(requires);
      if (reason) return `Given ${name}: ${reason}`;
    }
    return undefined;
  };
  for (const { pact } of loaded) {
    for (const interaction of pact.interactions) {
      const reason = skipReason(interaction);
      if (reason) skipped.push({ consumer: pact.consumer.name, description: interaction.description, providerStates: stateNames(interaction), reason: scrub(reason, secrets) });
    }
  }

  const { dir, files } = await writeFilteredPacts(loaded, (interaction) => skipReason(interaction) === undefined);
  try {
    let report = { ok: true, interactions: [] as InteractionResult[], output: '' };
    if (files.length > 0) {
      const verifier = new Verifier({
        provider,
        providerBaseUrl: baseUrl,
        pactUrls: files,
        logLevel: options.logLevel ?? 'error',
        stateHandlers: createStateHandlers(context, stateOptions),
        requestFilter: createRequestFilter(context, { transport: forwarding }) as never,
        failIfNoPactsFound: true,
      });
      let raw: string;
      try {
        raw = String(await verifier.verifyProvider());
      } catch (error) {
        raw = error instanceof Error ? error.message : String(error);
      }
      report = parseReport(raw, secrets);
    }
    const stateErrors = [
      ...[...unknownStates].map((state) => ({ state, message: 'no handler for this provider state: the pact names a state this verifier cannot set up' })),
      ...context.stateErrors.map((entry) => ({ state: entry.state, message: scrub(entry.message, secrets) })),
    ];
    return {
      ok: report.ok && stateErrors.length === 0,
      provider,
      baseUrl,
      sources: loaded.map((entry) => entry.source),
      interactions: report.interactions,
      skipped,
      stateErrors,
      output: report.output,
    };
  } finally {
    await context.cleanup();
    api.close();
    forwarding.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function checkOptions(options: VerifyPactsOptions): string {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new Error('baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('baseUrl must be an absolute http(s) URL');
  if (!options.accountSid) throw new Error('accountSid is required');
  if (!options.authToken) throw new Error('authToken is required');
  if (!options.pactDir && !options.pactUrls?.length) throw new Error('Give pactDir or pactUrls');
  if (options.quotaFillLimit !== undefined && !(Number.isInteger(options.quotaFillLimit) && options.quotaFillLimit >= 0)) {
    throw new Error('quotaFillLimit must be a whole number of calls');
  }
  return options.baseUrl.replace(/\/+$/, '');
}

function describeSources(options: VerifyPactsOptions): string {
  return [options.pactDir, ...(options.pactUrls ?? [])].filter(Boolean).join(', ');
}
