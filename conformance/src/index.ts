/**
 * @module @org/liveminutes-conformance
 * Verifies any LiveMinutes API server against the bundled spec: resultcode
 * semantics, schemas, parameter bounds, lifecycle, transport and isolation,
 * each check at the level (MUST or SHOULD) of the spec rule it cites.
 *
 * @example
 * import { runConformance } from '@org/liveminutes-conformance';
 * const report = await runConformance(); // starts the sandbox in-process
 * console.log(`${report.summary.passed}/${report.summary.total} passed`, report.ok);
 */
import type { PactVerificationResult, VerifyPactsOptions } from './pact/index.js';
import { loadOptionalPeer } from './run/optional-peer.js';

export { runConformance } from './run/runner.js';
export { ConformanceError, type ConformanceErrorKind } from './run/errors.js';
export { DEFAULT_MAX_REQUESTS, DEFAULT_REMOTE_RATE, parseAccount, parseLimits, type ConformanceOptions, type QuotaLimits } from './run/options.js';
export { selectChecks, globToRegExp } from './run/select.js';
export { allChecks } from './checks/index.js';
export { observe, findingLine, type ObserveOptions, type Observation, type ObserveReport, type ReportedFinding, type RuleCount } from './observe/observe.js';
export { checkExchange, type CheckExchangeOptions } from './traffic/check-exchange.js';
export type { ExchangeAnswer, ExchangeRequest, Expectation, Finding, Side, TrafficExchange } from './traffic/exchange.js';
export { assertWritable, createFileReporter, createPrettyReporter, formatHtml, formatJson, formatJunit, REPORTERS, type PrettyReporterOptions, type ReporterName } from './reporters/index.js';
export type * from './types.js';
export type { PactVerificationResult, VerifyPactsOptions, InteractionResult, PactMismatch } from './pact/index.js';

/**
 * Verifies the consumers' Pact contracts against a provider (loads the Pact
 * core on first use only; `@pact-foundation/pact` is an optional peer
 * dependency, and a ConformanceError('usage') names it when it is missing).
 * See `src/pact/index.ts`.
 * @example
 * const result = await verifyPacts({ baseUrl, accountSid, authToken, pactDir: 'packages/client/pacts' });
 * process.exitCode = result.ok ? 0 : 1;
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<PactVerificationResult> {
  const pact = await loadOptionalPeer('pact', () => import('./pact/index.js'));
  return pact.verifyPacts(options);
}
